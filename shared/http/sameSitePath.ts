/**
 * The one check for every redirect target this site sends (`Location`): a path on this site, and
 * nothing a browser could read as another host. It checks the FINAL value, after the URL parser
 * has resolved dot segments and percent-encoded dots (`/a/..//evil`, `/%2e//evil` both become
 * `//evil`, a scheme-relative URL to another host), and its fully percent-decoded form too.
 */
const MAX_LENGTH = 2048;
// Control characters, whitespace and backslashes (browsers read `/\host` as `//host`).
const UNSAFE = /[\u0000-\u0020\u007f-\u009f\\]/;
// In the decoded form a space is only a page name's space (`My%20Page`); the rest still counts.
const UNSAFE_DECODED = /[\u0000-\u001f\u007f-\u009f\\]/;
const BASE = 'https://wikibot.invalid';

/** The value as a same-site path (path and query, no fragment), or undefined when it is not one. */
export function sameSitePath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return undefined;
  if (!isPlainPath(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return undefined;
  }
  if (url.origin !== BASE) return undefined;
  const final = url.pathname + url.search;
  // The final value must itself be plain, and stay what it is when a browser resolves it again.
  if (!isPlainPath(final)) return undefined;
  const again = new URL(final, BASE);
  if (again.origin !== BASE || again.pathname + again.search !== final) return undefined;
  return final;
}

function isPlainPath(value: string): boolean {
  const decoded = decodeFully(value);
  if (decoded === undefined) return false;
  const plain = (form: string, unsafe: RegExp) => form.startsWith('/') && !form.startsWith('//') && !unsafe.test(form);
  return plain(value, UNSAFE) && plain(decoded, UNSAFE_DECODED);
}

// Decode until stable (a few rounds), so %2F%2F, %252F%252F and friends are seen for what they are.
function decodeFully(value: string): string | undefined {
  let decoded = value;
  for (let i = 0; i < 4; i++) {
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      return undefined;
    }
    if (next === decoded) return decoded;
    decoded = next;
  }
  return decoded;
}
