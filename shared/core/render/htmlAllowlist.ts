/**
 * Which raw HTML a page may contain: Otter Wiki's allow-list of tags and attributes, extended per
 * wiki by the `RENDERER_HTML_ALLOWLIST` preference (`tag` or `tag[attr attr]`, comma separated).
 */
export interface HtmlAllowlist {
  readonly tags: ReadonlySet<string>;
  /** Attributes per tag; `*` holds those allowed on every allowed tag. */
  readonly attributes: ReadonlyMap<string, ReadonlySet<string>>;
}

const DEFAULT_TAGS = [
  'p', 'br', 'hr', 'span', 'div', 'i',
  'strong', 'em', 'b', 'u', 's', 'strike', 'del', 'ins', 'sub', 'sup', 'mark', 'small',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'code', 'pre', 'kbd', 'samp', 'var',
  'blockquote', 'q', 'cite',
  'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'col', 'colgroup',
  'a', 'img',
  'abbr', 'address', 'time', 'details', 'summary',
  'video', 'audio', 'source',
  'input', 'label',
];

const DEFAULT_ATTRIBUTES: Record<string, string[]> = {
  a: ['href', 'title', 'name', 'id', 'class'],
  img: ['src', 'alt', 'title', 'width', 'height', 'class'],
  abbr: ['title'],
  time: ['datetime'],
  td: ['colspan', 'rowspan', 'align', 'valign', 'width'],
  th: ['colspan', 'rowspan', 'align', 'valign', 'scope', 'width'],
  col: ['span', 'width'],
  colgroup: ['span', 'width'],
  table: ['border', 'cellpadding', 'cellspacing', 'width'],
  video: ['controls', 'width', 'height', 'poster'],
  source: ['src', 'type'],
  audio: ['controls', 'src'],
  input: ['type', 'checked', 'id', 'value'],
  label: ['for'],
  span: ['role'],
  '*': ['id', 'class', 'title', 'style'],
};

/**
 * Elements no wiki may allow, whatever RENDERER_HTML_ALLOWLIST says (the setting refuses them,
 * and a list imported in an Otter Wiki wiki.db never reaches the renderer with them either):
 * they run script; animate or set other elements' attributes (SVG `<animate attributeName="href"
 * values="javascript:…">`); load documents, styles or plugins; belong to the document itself
 * (`<html>`, `<body>`… merge their attributes into the real page's); or move markup between
 * namespaces or parsing modes (the mutation-XSS gadgets).
 */
export const FORBIDDEN_TAGS: ReadonlySet<string> = new Set([
  'script', 'style', 'link', 'meta', 'base', 'template', 'slot', 'portal', 'fencedframe',
  'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'param', 'form', 'isindex',
  'html', 'head', 'body', 'title',
  'noscript', 'noembed', 'noframes', 'xmp', 'plaintext', 'listing',
  'animate', 'animatemotion', 'animatetransform', 'animatecolor', 'set', 'discard', 'mpath',
  'handler', 'listener', 'use', 'foreignobject', 'annotation-xml', 'mglyph', 'malignmark', 'maction',
]);

/**
 * Attributes no wiki may allow on any element: event handlers, inline documents, the SMIL
 * attributes that name or set another attribute, namespaces and custom-element upgrades.
 */
export function isForbiddenAttribute(name: string): boolean {
  const n = name.toLowerCase();
  return /^on/.test(n) || /^xmlns(:|$)/.test(n) || FORBIDDEN_ATTRIBUTES.has(n);
}
const FORBIDDEN_ATTRIBUTES = new Set([
  'srcdoc', 'formaction', 'action', 'http-equiv', 'is',
  'attributename', 'values', 'from', 'to', 'by', 'begin', 'end', 'keytimes', 'keysplines',
]);

/** The allow-list of a wiki: Otter Wiki's defaults plus the wiki's own additions (never a forbidden one). */
export function htmlAllowlist(custom?: string): HtmlAllowlist {
  const tags = new Set(DEFAULT_TAGS);
  const attributes = new Map<string, Set<string>>(
    Object.entries(DEFAULT_ATTRIBUTES).map(([tag, names]) => [tag, new Set(names)]),
  );
  for (const item of (custom ?? '').split(',')) {
    const [rawTag = '', rawAttrs] = item.trim().split('[', 2);
    const tag = rawTag.trim().toLowerCase();
    if (!tag || FORBIDDEN_TAGS.has(tag)) continue;
    tags.add(tag);
    const names = (rawAttrs ?? '').replace(/\]\s*$/, '').split(/\s+/).map((a) => a.trim().toLowerCase()).filter(Boolean);
    if (names.length === 0) continue;
    const set = attributes.get(tag) ?? new Set<string>();
    for (const name of names) if (!isForbiddenAttribute(name)) set.add(name);
    attributes.set(tag, set);
  }
  return { tags, attributes };
}

/** Whether `attribute` may appear on `tag` under this allow-list. */
export function allowsAttribute(list: HtmlAllowlist, tag: string, attribute: string): boolean {
  return Boolean(list.attributes.get(tag)?.has(attribute) || list.attributes.get('*')?.has(attribute));
}

/** The default list, shared by every wiki that does not extend it. */
export const DEFAULT_HTML_ALLOWLIST = htmlAllowlist();
