import { parseFragment } from 'parse5';

// Elements around which whitespace carries no meaning (the reference suites' own normaliser does the same).
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset', 'figure',
  'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'header', 'hr', 'html', 'li', 'main', 'nav', 'ol',
  'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

interface Node {
  nodeName: string;
  tagName?: string;
  value?: string;
  data?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Node[];
  content?: { childNodes: Node[] };
}

export interface Undo {
  /** The wiki base path our renderer puts in front of root-relative URLs. */
  readonly basePath: string;
}

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (text: string) => escapeText(text).replace(/"/g, '&quot;');
const classes = (node: Node) => (node.attrs?.find((a) => a.name === 'class')?.value ?? '').split(/\s+/).filter(Boolean);

/**
 * HTML reduced to its meaning, so a reference suite's expected output and ours compare: parsed as a
 * browser would, attributes sorted, insignificant whitespace dropped, and our deliberate additions
 * undone (heading ids, the wiki base path, the code block wrapper and highlighting spans).
 */
export function normalizeHtml(html: string, undo: Undo): string {
  return serialize(parseFragment(html).childNodes as Node[], undo, false).trim();
}

function serialize(nodes: Node[], undo: Undo, inPre: boolean): string {
  let out = '';
  for (const node of nodes) out += serializeNode(node, undo, inPre);
  return inPre ? out : out.replace(/\s*(<\/?(?:[a-z0-9-]+)[^>]*>)\s*/g, (whole, tag: string) => {
    const name = /^<\/?([a-z0-9-]+)/.exec(tag)![1]!;
    return BLOCK.has(name) ? tag : whole;
  });
}

function serializeNode(node: Node, undo: Undo, inPre: boolean): string {
  if (node.nodeName === '#text') return inPre ? escapeText(node.value ?? '') : escapeText((node.value ?? '').replace(/\s+/g, ' '));
  if (node.nodeName === '#comment') return `<!--${node.data ?? ''}-->`;
  if (!node.tagName) return '';
  const tag = node.tagName;
  const children = node.content?.childNodes ?? node.childNodes ?? [];
  // Our code block wrapper: `<div class="wb-code" data-lang="x"><pre><code class="hljs language-x">`.
  if (tag === 'div' && classes(node).includes('wb-code')) {
    const lang = node.attrs?.find((a) => a.name === 'data-lang')?.value;
    return children.map((child) => serializeNode(withLanguage(child, lang), undo, inPre)).join('');
  }
  // highlight.js spans are presentation only.
  if (tag === 'span' && classes(node).some((c) => c.startsWith('hljs-'))) return serialize(children, undo, inPre);
  const attrs = (node.attrs ?? [])
    .filter((a) => !(/^h[1-6]$/.test(tag) && a.name === 'id'))
    .filter((a) => !(tag === 'pre' && a.name === 'class' && a.value === ''))
    .map((a) => ({ name: a.name, value: undoBase(a.name, a.value, undo) }))
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((a) => ` ${a.name}="${escapeAttr(a.value)}"`)
    .join('');
  if (VOID.has(tag)) return `<${tag}${attrs}>`;
  let inner = serialize(children, undo, inPre || tag === 'pre');
  // A browser shows no empty line for a newline that ends preformatted text.
  if (tag === 'pre') inner = inner.replace(/\n((?:<\/[a-z]+>)*)$/, '$1');
  return `<${tag}${attrs}>${inner}</${tag}>`;
}

function undoBase(name: string, value: string, undo: Undo): string {
  if ((name === 'href' || name === 'src') && value.startsWith(`${undo.basePath}/`)) return value.slice(undo.basePath.length);
  return value;
}

// The reference writes the language as `class="language-x"` on the code element.
function withLanguage(pre: Node, lang: string | undefined): Node {
  if (pre.tagName !== 'pre') return pre;
  const code = (pre.childNodes ?? []).map((child) => {
    if (child.tagName !== 'code') return child;
    const attrs = (child.attrs ?? []).filter((a) => a.name !== 'class');
    return { ...child, attrs: lang ? [...attrs, { name: 'class', value: `language-${lang}` }] : attrs };
  });
  return { ...pre, childNodes: code };
}
