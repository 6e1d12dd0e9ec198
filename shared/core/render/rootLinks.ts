// A start tag of an element that may carry a URL attribute, as micromark or an author wrote it:
// its attributes quoted, single-quoted or bare. Naming the elements skips the many spans of
// typeset math at once.
const START_TAG = /<(?:a|area|audio|blockquote|button|del|embed|form|iframe|image|img|input|ins|object|q|source|track|use|video)(?![a-zA-Z0-9-])((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/gi;
const ATTRIBUTE = /(\s+)([^\s"'>/=]+)(?:(\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
// Cheap test before tokenizing a tag's attributes: some value starts with `/`.
const MAY_HAVE_ROOT_URL = /=\s*["']?\//;
// Attributes whose value is one URL, and `srcset`, a list of URLs each followed by a size.
const URL_ATTRIBUTES = new Set(['href', 'src', 'poster', 'cite', 'action', 'formaction']);

/**
 * Otter Wiki content links pages as `/Page`; in a multi-wiki site that must stay inside the
 * wiki, so root-relative (not protocol-relative) URLs move under its base path: in the links and
 * images micromark writes and in allowed raw HTML alike, however its attributes are written.
 */
export function scopeRootLinks(html: string, basePath: string): string {
  return html.replace(START_TAG, (tag: string, attributes: string) => {
    if (!MAY_HAVE_ROOT_URL.test(attributes)) return tag;
    const start = tag.length - tag.slice(tag.indexOf(attributes)).length;
    const scoped = attributes.replace(ATTRIBUTE, (whole, space: string, name: string, equals?: string, double?: string, single?: string, bare?: string) => {
      const value = double ?? single ?? bare;
      const attribute = name.toLowerCase();
      if (value === undefined || (!URL_ATTRIBUTES.has(attribute) && attribute !== 'srcset')) return whole;
      const next = attribute === 'srcset' ? scopeSrcset(value, basePath) : scopeUrl(value, basePath);
      const quote = double !== undefined ? '"' : single !== undefined ? "'" : '';
      return `${space}${name}${equals}${quote}${next}${quote}`;
    });
    return tag.slice(0, start) + scoped + tag.slice(start + attributes.length);
  });
}

function scopeUrl(url: string, basePath: string): string {
  return url.startsWith('/') && !url.startsWith('//') ? basePath + url : url;
}

function scopeSrcset(srcset: string, basePath: string): string {
  return srcset.replace(/(^|,)(\s*)(\S+)/g, (_m, comma: string, space: string, url: string) => comma + space + scopeUrl(url, basePath));
}
