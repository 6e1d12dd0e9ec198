import { parseFragment } from 'parse5';
import { allowsAttribute, FORBIDDEN_TAGS, isForbiddenAttribute, type HtmlAllowlist } from './htmlAllowlist';
import { isHarmfulUrl } from './safeUrl';

// Attributes whose value a browser resolves as a URL (and so may carry `javascript:`), including
// the SMIL values an animation writes into another attribute (never allowed, checked all the same).
const URL_ATTRIBUTES = new Set([
  'href', 'src', 'poster', 'action', 'formaction', 'data', 'background', 'xlink:href', 'srcset',
  'cite', 'longdesc', 'lowsrc', 'dynsrc', 'ping', 'manifest', 'codebase', 'icon', 'usemap',
  'imagesrcset', 'archive', 'classid', 'profile', 'itemtype', 'xml:base', 'values', 'to', 'from', 'by',
]);
// Attributes that hold a list of URLs.
const URL_LISTS: Record<string, RegExp> = { srcset: /[\s,]+/, imagesrcset: /[\s,]+/, ping: /\s+/, archive: /[\s,]+/, values: /;/ };

// Document-level tags: the fragment parser drops them, but in the assembled page a browser merges
// their attributes into the real `<html>`/`<body>` (styles or handlers for the whole page).
const DOCUMENT_TAG = /<\/?(?:html|head|body|frameset)(?=[\t\n\f\r />]|$)/i;

// Appended to every chunk: when the chunk ends inside a tag, an attribute value or a comment, the
// sentinel is swallowed and never becomes an element, which tells such a chunk apart.
const SENTINEL = 'wb-end-of-chunk';

// Elements whose content is text to the tokenizer: a chunk that opens one (when a wiki allows
// it) ends with the sentinel as that element's text rather than as an element.
const RAW_TEXT = new Set(['iframe', 'textarea', 'title', 'style', 'script', 'xmp', 'noembed', 'noframes', 'noscript', 'plaintext']);

// CSS that runs script in some browser, or fetches from elsewhere (tracking, other styles, fonts,
// documents): image functions, `src()`, at-rules, and fixed-position overlays that could cover
// the whole page; `url()` only with a path on this site. Checked after comments, escapes, quotes
// and whitespace are resolved, so `u\72l(`, `\75rl(` and `u/**/rl(` are all seen as `url(`.
const DANGEROUS_CSS = new RegExp([
  'expression\\(', 'javascript:', 'vbscript:', '-moz-binding', 'behaviou?r:', '@', 'src\\(',
  'image-set\\(', 'image\\(', 'cross-fade\\(', 'element\\(', 'paint\\(', 'attr\\(',
  'position:(?:fixed|sticky)',
].join('|'));

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
  if (chunk.toLowerCase().includes(SENTINEL) || DOCUMENT_TAG.test(chunk)) return false;
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
  if (tag === SENTINEL || FORBIDDEN_TAGS.has(tag) || !allowlist.tags.has(tag)) return false;
  return element.attrs.every(({ name, value, prefix }) => {
    const attribute = (prefix ? `${prefix}:${name}` : name).toLowerCase();
    if (isForbiddenAttribute(attribute) || !allowsAttribute(allowlist, tag, attribute)) return false;
    if (URL_ATTRIBUTES.has(attribute) && hasHarmfulUrl(attribute, value)) return false;
    if (attribute === 'style' && !isSafeCss(value)) return false;
    return true;
  });
}

function hasHarmfulUrl(attribute: string, value: string): boolean {
  const separator = URL_LISTS[attribute];
  if (!separator) return isHarmfulUrl(value);
  return value.split(separator).some((candidate) => isHarmfulUrl(candidate));
}

/** Whether an inline style is free of script, bindings, at-rules, fixed overlays and anything that fetches. */
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
  if (DANGEROUS_CSS.test(normalized)) return false;
  // Every url( must hold a path on this site: `/x` (not `//host`) or a relative name, no scheme.
  const urls = normalized.split('url(').slice(1);
  return urls.every((rest) => SAME_SITE_CSS_URL.test(rest.split(')', 1)[0]!));
}

const SAME_SITE_CSS_URL = /^(?:\/(?![\/\\])|[a-z0-9_.-])[^:\\()]*$/;
