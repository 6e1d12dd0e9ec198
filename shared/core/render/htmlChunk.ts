import { parseFragment } from 'parse5';
import { allowsAttribute, type HtmlAllowlist } from './htmlAllowlist';
import { isHarmfulUrl } from './safeUrl';

// Attributes whose value a browser resolves as a URL (and so may carry `javascript:`).
const URL_ATTRIBUTES = new Set([
  'href', 'src', 'poster', 'action', 'formaction', 'data', 'background', 'xlink:href', 'srcset',
  'cite', 'longdesc', 'lowsrc', 'dynsrc', 'ping', 'manifest', 'codebase', 'icon', 'usemap',
]);

// Appended to every chunk: when the chunk ends inside a tag, an attribute value or a comment, the
// sentinel is swallowed and never becomes an element, which tells such a chunk apart.
const SENTINEL = 'wb-end-of-chunk';

const DOCUMENT_TAG = /<\/?(?:html|head|body|frameset)(?![a-z0-9-])/i;

// Elements whose content is text to the tokenizer: a chunk that opens one (when a wiki allows
// it) ends with the sentinel as that element's text rather than as an element.
const RAW_TEXT = new Set(['iframe', 'textarea', 'title', 'style', 'script', 'xmp', 'noembed', 'noframes', 'noscript', 'plaintext']);

// CSS that runs script in some browser, or pulls in more CSS or a document.
const DANGEROUS_CSS = /expression\(|javascript:|vbscript:|-moz-binding|behaviou?r:|@import|url\((?:data|file|about):/;

interface Element {
  readonly tagName: string;
  readonly attrs: readonly { name: string; value: string; prefix?: string }[];
  readonly childNodes?: readonly Node[];
  readonly content?: { childNodes: readonly Node[] };
}
type Node = Partial<Element> & { nodeName: string };

/**
 * Whether a chunk of raw HTML may go to readers as it is: every element and attribute on the
 * allow-list, no dangerous URL or CSS, and the chunk ends outside any tag or comment, so it
 * cannot change how the markup after it is read. Parsed like a browser would (parse5).
 */
export function isAllowedHtml(chunk: string, allowlist: HtmlAllowlist): boolean {
  // A chunk that names the sentinel itself could fake the end of the chunk.
  if (chunk.toLowerCase().includes(SENTINEL)) return false;
  // parse5 drops these tags from a fragment, but in a page a browser adds their attributes
  // (`onbeforeprint`…) to the real <html> or <body>.
  if (DOCUMENT_TAG.test(chunk)) return false;
  const sentinel = `<${SENTINEL}></${SENTINEL}>`;
  const elements: Element[] = [];
  collect(parseFragment(chunk + sentinel).childNodes as Node[], elements);
  // The sentinel came out as an element: the chunk ended outside any tag. It need not be last:
  // after an open `<table>` the parser moves it in front of the table (foster parenting).
  const end = elements.findIndex((element) => element.tagName === SENTINEL);
  if (end >= 0) elements.splice(end, 1);
  else {
    const last = elements[elements.length - 1];
    if (!last || !RAW_TEXT.has(last.tagName) || !textOf(last).endsWith(sentinel)) return false;
  }
  return elements.every((element) => isAllowedElement(element, allowlist));
}

function collect(nodes: readonly Node[], into: Element[]) {
  for (const node of nodes) {
    if (typeof node.tagName === 'string') into.push(node as Element);
    if (node.childNodes) collect(node.childNodes, into);
    if (node.content) collect(node.content.childNodes, into);
  }
}

function textOf(element: Element): string {
  return (element.childNodes ?? []).map((node) => (node as { value?: string }).value ?? '').join('');
}

function isAllowedElement(element: Element, allowlist: HtmlAllowlist): boolean {
  const tag = element.tagName.toLowerCase();
  if (tag === SENTINEL || !allowlist.tags.has(tag)) return false;
  return element.attrs.every(({ name, value, prefix }) => {
    const attribute = (prefix ? `${prefix}:${name}` : name).toLowerCase();
    if (!allowsAttribute(allowlist, tag, attribute)) return false;
    if (URL_ATTRIBUTES.has(attribute) && hasHarmfulUrl(attribute, value)) return false;
    if (attribute === 'style' && !isSafeCss(value)) return false;
    return true;
  });
}

function hasHarmfulUrl(attribute: string, value: string): boolean {
  if (attribute !== 'srcset' && attribute !== 'ping') return isHarmfulUrl(value);
  return value.split(/[\s,]+/).some((candidate) => isHarmfulUrl(candidate));
}

/** Whether an inline style is free of script, bindings, imports and document URLs. */
export function isSafeCss(css: string): boolean {
  const normalized = css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\\([0-9a-f]{1,6})\s?/gi, (_m, hex: string) => {
      const point = parseInt(hex, 16);
      return point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : '';
    })
    .replace(/\\(.)/g, '$1')
    .replace(/[\x00-\x20\x7f]|['"]/g, '')
    .toLowerCase();
  return !DANGEROUS_CSS.test(normalized);
}
