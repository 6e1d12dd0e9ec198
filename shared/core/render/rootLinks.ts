// Root-relative (not protocol-relative) targets of links and images that micromark produced.
const ROOT_RELATIVE = /(<a href="|<img src=")\/(?!\/)/g;

/**
 * Otter Wiki content links pages as `/Page`; in a multi-wiki site that must stay inside the
 * wiki, so such links are moved under its base path.
 */
export function scopeRootLinks(html: string, basePath: string): string {
  return html.replace(ROOT_RELATIVE, (_m, prefix: string) => `${prefix}${basePath}/`);
}
