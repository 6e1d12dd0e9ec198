import { HARMFUL_LINK, isHarmfulUrl } from './safeUrl';

// Targets of the links and images micromark writes (raw HTML with such URLs never gets this far:
// the allow-list escapes it).
const TARGET = /(<a href="|<img src=")([^"]*)"/g;

/** Points links and images with a `javascript:`, `data:`, `vbscript:`… URL at `#harmful-link`. */
export function neutralizeHarmfulLinks(html: string): string {
  return html.replace(TARGET, (match, prefix: string, url: string) => (isHarmfulUrl(url) ? `${prefix}${HARMFUL_LINK}"` : match));
}
