/**
 * Cookie headers → name/value pairs, as CloudFront splits them for its functions' `cookies`
 * object: `;`-separated, trimmed, split at the first `=`; repeated names all kept, in order.
 */
export function parseCookieHeaders(headers: readonly string[]): { name: string; value: string }[] {
  const pairs: { name: string; value: string }[] = [];
  for (const header of headers) {
    for (const part of header.split(';')) {
      const eq = part.indexOf('=');
      if (eq <= 0) continue;
      const name = part.slice(0, eq).trim();
      if (name) pairs.push({ name, value: part.slice(eq + 1).trim() });
    }
  }
  return pairs;
}

/** Every value of the cookie named exactly `name` (cookie names are case-sensitive). */
export function cookieValuesOf(headers: readonly string[], name: string): string[] {
  return parseCookieHeaders(headers).filter((p) => p.name === name).map((p) => p.value);
}
