/**
 * `return_to` accepts only a path on this site (no open redirect): it must start with exactly one
 * `/`, and neither it nor its percent-decoded form may start `//` or `/\`, contain a backslash,
 * whitespace or a control character, or name a scheme. Anything else becomes `/`.
 */
export const DEFAULT_RETURN_TO = '/';
const MAX_LENGTH = 2048;
const UNSAFE = /[\u0000-\u0020\u007f-\u009f\\]/;

export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return DEFAULT_RETURN_TO;
  let decoded = value;
  // Decode until stable (at most a few rounds), so %2F%2F, %252F%252F and friends are seen for what they are.
  for (let i = 0; i < 4; i++) {
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      return DEFAULT_RETURN_TO;
    }
    if (next === decoded) break;
    decoded = next;
  }
  for (const form of [value, decoded]) {
    if (!form.startsWith('/') || form.startsWith('//') || UNSAFE.test(form)) return DEFAULT_RETURN_TO;
  }
  let url: URL;
  try {
    url = new URL(value, 'https://wikibot.invalid');
  } catch {
    return DEFAULT_RETURN_TO;
  }
  if (url.origin !== 'https://wikibot.invalid') return DEFAULT_RETURN_TO;
  return url.pathname + url.search;
}
