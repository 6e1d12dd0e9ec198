// A link with nothing to click on: `[](url)` compiles to `<a href="url"></a>`.
const EMPTY_LINK = /(<a href="([^"]*)"(?: [a-z-]+="[^"]*")*>)\s*<\/a>/g;

/** Shows a link's URL as its text when the label is empty (Otter Wiki does; its issue #545). */
export function fillEmptyLinks(html: string): string {
  return html.replace(EMPTY_LINK, (_m, open: string, href: string) => `${open}${href}</a>`);
}
