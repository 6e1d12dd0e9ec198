/**
 * The shell fragment carries, in its first line, the HTML that loads each client library (e.g.
 * `mermaid` → its script tags with content-hashed URLs). The assembler adds a library's HTML to
 * the scripts slot only for pages whose content envelope lists it. Tiny: the assembler imports it.
 */
export type LibraryTags = Readonly<Record<string, string>>;

const PREFIX = '<!--wb:libraries ';
const SUFFIX = '-->\n';

export function encodeShellFragment(libraries: LibraryTags, html: string): string {
  // `-` and `>` only occur inside JSON strings here; escaping them keeps the comment well-formed.
  const json = JSON.stringify(libraries).replace(/-/g, '\\u002d').replace(/>/g, '\\u003e');
  return `${PREFIX}${json}${SUFFIX}${html}`;
}

export function decodeShellFragment(body: string): { libraries: LibraryTags; html: string } {
  if (!body.startsWith(PREFIX)) return { libraries: {}, html: body };
  const end = body.indexOf(SUFFIX, PREFIX.length);
  if (end < 0) return { libraries: {}, html: body };
  const html = body.slice(end + SUFFIX.length);
  try {
    return { libraries: JSON.parse(body.slice(PREFIX.length, end)) as LibraryTags, html };
  } catch {
    return { libraries: {}, html };
  }
}

/** The scripts slot of one page: the tags of each library it needs, in the order listed. */
export function libraryScripts(libraries: LibraryTags, needed: readonly string[] | undefined): string {
  return (needed ?? []).map((name) => libraries[name] ?? '').join('');
}
