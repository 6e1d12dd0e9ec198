import { InvalidInputError } from './errors';
import { parsePagePath } from './pagePath';
import { isUserSlug, isWikiSlug, type WikiId } from './slugs';

/**
 * Attachments (Otter Wiki keeps them in git, in a folder named like the page file without `.md`)
 * are published to `attachments/{user}/{wiki}/{page key}/{file}` and served by the distribution
 * at `/{user}/{wiki}/{Page}/a/{file}`: Otter Wiki's own attachment URL, under the wiki's prefix.
 */
export const ATTACHMENT_PREFIX = 'attachments';
/** Like pages: CloudFront keeps an attachment 30 s, so a replaced file shows within that window. */
export const ATTACHMENT_CACHE_CONTROL = 'max-age=0, s-maxage=30';

const MAX_NAME_BYTES = 255;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// Path separators, and characters that break URLs, S3 keys on some tools, or Windows checkouts.
const FORBIDDEN = /[/\\:*?"<>|#%]/;
const utf8 = new TextEncoder();

/**
 * Validates an attachment's file name (one path segment). Refuses instead of repairing: separators,
 * `.`/`..`, hidden names, control characters, surrounding spaces, and `.md` (that would be a page).
 */
export function parseAttachmentName(raw: unknown): string {
  if (typeof raw !== 'string' || raw === '') throw new InvalidInputError('An attachment needs a file name.');
  const name = raw.normalize('NFKC');
  if (CONTROL.test(name)) throw new InvalidInputError('Attachment name contains a control character or NUL.');
  if (FORBIDDEN.test(name)) {
    throw new InvalidInputError(`Attachment name "${raw}" may not contain / \\ : * ? " < > | # or %.`);
  }
  if (name.startsWith('.')) throw new InvalidInputError('Attachment name may not start with "." (no hidden files, no "..").');
  if (name.trim() !== name) throw new InvalidInputError('Attachment name may not start or end with a space.');
  if (/\.md$/i.test(name)) throw new InvalidInputError('Attachment name may not end in .md: save markdown as a page.');
  if (utf8.encode(name).length > MAX_NAME_BYTES) {
    throw new InvalidInputError(`Attachment name is longer than ${MAX_NAME_BYTES} bytes.`);
  }
  return name;
}

/** The S3 key of an attachment; `pageKey` is the page's case-folded key (`docs/intro`). */
export function attachmentObjectKey({ user, wiki }: WikiId, pageKey: string, name: string): string {
  return `${ATTACHMENT_PREFIX}/${user}/${wiki}/${pageKey}/${name}`;
}

export function attachmentPrefixOf({ user, wiki }: WikiId): string {
  return `${ATTACHMENT_PREFIX}/${user}/${wiki}/`;
}

/** The public URL of an attachment under the distribution. */
export function attachmentUrl({ user, wiki }: WikiId, pageKey: string, name: string): string {
  const page = pageKey.split('/').map(encodeURIComponent).join('/');
  return `/${user}/${wiki}/${page}/a/${encodeURIComponent(name)}`;
}

/**
 * The object key a distribution path `/{user}/{wiki}/{Page…}/a/{file}` names, or undefined when
 * the path is not a well-formed attachment URL. The page part is case-folded like page URLs; the
 * file name keeps its case. The edge function does the same in the CloudFront Functions subset
 * (shared/core/edge/path.ts); test/shared/core/edge/path.test.ts holds the two to one answer.
 */
export function attachmentKeyForPath(rawPath: string): string | undefined {
  const parts = rawPath.split('/').slice(1);
  if (parts.length < 5 || parts[parts.length - 2] !== 'a' || parts[2] === '-') return undefined;
  let decoded: string[];
  try {
    decoded = parts.map((p) => decodeURIComponent(p));
  } catch {
    return undefined;
  }
  const [user = '', wiki = '', ...rest] = decoded;
  const file = rest.pop() ?? '';
  rest.pop(); // the `a`
  if (!isUserSlug(user) || !isWikiSlug(wiki) || rest.length === 0) return undefined;
  try {
    if (rest.some((s) => s === '' || s === '.' || s === '..')) return undefined;
    return attachmentObjectKey({ user, wiki }, parsePagePath(rest.join('/')).key, parseAttachmentName(file));
  } catch {
    return undefined;
  }
}

const TYPES: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp',
  avif: 'image/avif', svg: 'image/svg+xml', ico: 'image/x-icon', bmp: 'image/bmp',
  pdf: 'application/pdf', txt: 'text/plain; charset=utf-8', csv: 'text/csv; charset=utf-8',
  json: 'application/json', xml: 'application/xml', html: 'text/html; charset=utf-8', htm: 'text/html; charset=utf-8',
  zip: 'application/zip', gz: 'application/gzip', tar: 'application/x-tar',
  mp3: 'audio/mpeg', ogg: 'audio/ogg', wav: 'audio/wav', mp4: 'video/mp4', webm: 'video/webm',
  doc: 'application/msword', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint', pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

/** The content type an attachment is served with, by extension (the client's claim is not trusted). */
export function contentTypeOf(name: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  return TYPES[ext] ?? 'application/octet-stream';
}

// Types a browser would run as a document on the wiki's own origin.
const ACTIVE = /^(text\/html|application\/xhtml|image\/svg|application\/xml|text\/xml|application\/javascript|text\/javascript)/;

/**
 * `Content-Disposition` for an attachment: active documents (HTML, SVG, XML) are always downloaded,
 * never rendered on the wiki's origin, where their scripts could act with the reader's session.
 * `<img src>` ignores the header, so SVG images still display.
 */
export function dispositionOf(name: string, contentType: string): string | undefined {
  if (!ACTIVE.test(contentType)) return undefined;
  return `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
}
