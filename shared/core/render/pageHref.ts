/** The URL of a page under a wiki's base path (`/{user}/{wiki}`), each segment percent-encoded. */
export function pageHref(basePath: string, page: string): string {
  const path = page
    .split('/')
    .filter((s) => s !== '' && s !== '.' && s !== '..')
    .map((s) => encodeURIComponent(s))
    .join('/');
  return `${basePath}/${path}`;
}
