import { decodeHTML } from 'entities';

/** Where links with an executable or local-file target point instead (as in Otter Wiki). */
export const HARMFUL_LINK = '#harmful-link';

// Otter Wiki's list: these schemes run code, embed documents or reach local files.
const DANGEROUS_PROTOCOLS = ['javascript:', 'data:', 'vbscript:', 'file:', 'about:'];

// Browsers drop TAB, LF and CR anywhere in a URL and ignore leading control characters and
// spaces before they look at the scheme, so `jav&#x09;ascript:` still runs.
const IGNORED_BY_BROWSERS = /[\x00-\x20\x7f]/g;
// The same characters percent-encoded are not removed by browsers, but never belong in a scheme.
const ENCODED_CONTROL = /%(?:[01][0-9a-f]|20|7f)/gi;

/**
 * What a browser would see as the start of a URL: entities decoded (twice, for values that
 * carry a second layer such as `&amp;#106;`), control characters and whitespace removed,
 * lowercased.
 */
export function normalizeUrlForProtocolCheck(value: string): string {
  let decoded = decodeHTML(value);
  if (decoded !== value) decoded = decodeHTML(decoded);
  return decoded.replace(IGNORED_BY_BROWSERS, '').replace(ENCODED_CONTROL, '').toLowerCase();
}

/** True when a link or media URL would run script, embed a document or open a local file. */
export function isHarmfulUrl(value: string): boolean {
  const normalized = normalizeUrlForProtocolCheck(value);
  return DANGEROUS_PROTOCOLS.some((protocol) => normalized.startsWith(protocol));
}
