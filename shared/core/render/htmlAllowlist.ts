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

/** The allow-list of a wiki: Otter Wiki's defaults plus the wiki's own additions. */
export function htmlAllowlist(custom?: string): HtmlAllowlist {
  const tags = new Set(DEFAULT_TAGS);
  const attributes = new Map<string, Set<string>>(
    Object.entries(DEFAULT_ATTRIBUTES).map(([tag, names]) => [tag, new Set(names)]),
  );
  for (const item of (custom ?? '').split(',')) {
    const [rawTag = '', rawAttrs] = item.trim().split('[', 2);
    const tag = rawTag.trim().toLowerCase();
    if (!tag) continue;
    tags.add(tag);
    const names = (rawAttrs ?? '').replace(/\]\s*$/, '').split(/\s+/).map((a) => a.trim().toLowerCase()).filter(Boolean);
    if (names.length === 0) continue;
    const set = attributes.get(tag) ?? new Set<string>();
    for (const name of names) set.add(name);
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
