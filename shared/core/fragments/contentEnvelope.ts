import type { TocEntry } from '../render/headings';

/** What the assembler needs besides the HTML; it rides in the content fragment's first line. */
export interface ContentMeta {
  readonly title: string;
  readonly toc: readonly TocEntry[];
  readonly libraries: readonly string[];
  /** Git blob id of the markdown this fragment was rendered from (lets backfill skip it). */
  readonly blob: string;
}

const PREFIX = '<!--wb:meta ';
const SUFFIX = '-->\n';

/** Wraps a rendered page so that one S3 object carries both its HTML and its metadata. */
export function encodeContentFragment(meta: ContentMeta, html: string): string {
  // `-` and `>` only occur inside JSON strings here; escaping them keeps the comment well-formed.
  const json = JSON.stringify(meta).replace(/-/g, '\\u002d').replace(/>/g, '\\u003e');
  return `${PREFIX}${json}${SUFFIX}${html}`;
}

export function decodeContentFragment(body: string): { meta: ContentMeta | undefined; html: string } {
  if (!body.startsWith(PREFIX)) return { meta: undefined, html: body };
  const end = body.indexOf(SUFFIX, PREFIX.length);
  if (end < 0) return { meta: undefined, html: body };
  try {
    const meta = JSON.parse(body.slice(PREFIX.length, end)) as ContentMeta;
    return { meta, html: body.slice(end + SUFFIX.length) };
  } catch {
    return { meta: undefined, html: body.slice(end + SUFFIX.length) };
  }
}
