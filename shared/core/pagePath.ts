import { InvalidInputError } from './errors';

/** A page as Otter Wiki stores it: the name people use, the file in git, and the lookup key. */
export interface PagePath {
  /** The page name as written (slashes collapsed), e.g. `Docs/Getting Started`. */
  readonly name: string;
  /** The markdown file in the repository, e.g. `docs/getting started.md`. */
  readonly file: string;
  /** Case-folded path without `.md`: the URL lookup and fragment key, e.g. `docs/getting started`. */
  readonly key: string;
}

export interface PageNaming {
  /** Otter Wiki's RETAIN_PAGE_NAME_CASE: keep the file name's case instead of lowercasing it. */
  readonly retainCase?: boolean;
}

export const MAX_SEGMENT_BYTES = 255;
// Otter Wiki drops these characters from file names.
const DROPPED = /[?|$.!#\\]/g;
// C0 controls, DEL and C1 controls never belong in a page name.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const utf8 = new TextEncoder();

/**
 * Validates a page path from a URL or an API call and maps it to its file, following Otter Wiki's
 * naming rules (NFKC, dropped punctuation, no leading `-` or `/`, repeated slashes collapsed).
 */
export function parsePagePath(raw: string, naming: PageNaming = {}): PagePath {
  if (CONTROL.test(raw)) {
    throw new InvalidInputError('Page path contains a control character or NUL.');
  }
  const segments = raw.split('/').map((s) => s.trim());
  if (segments.some((s) => s === '..' || s === '.')) {
    throw new InvalidInputError('Page path may not contain "." or ".." segments.');
  }
  const name = segments.filter((s) => s !== '').join('/');
  for (const segment of name.split('/')) {
    if (utf8.encode(segment).length > MAX_SEGMENT_BYTES) {
      throw new InvalidInputError(`Page path segment is longer than ${MAX_SEGMENT_BYTES} bytes.`);
    }
  }
  const cleaned = name
    .normalize('NFKC')
    .replace(DROPPED, '')
    .split('/')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .join('/')
    .replace(/^[-/]+/, '');
  if (cleaned === '') {
    throw new InvalidInputError(`Page path "${raw}" has no usable characters.`);
  }
  const stem = naming.retainCase ? cleaned : cleaned.toLowerCase();
  return { name: name.normalize('NFKC'), file: `${stem}.md`, key: cleaned.toLowerCase() };
}

/** The lookup key of a markdown file in the repository, or undefined for other files. */
export function keyOfFile(file: string): string | undefined {
  return file.toLowerCase().endsWith('.md') ? file.slice(0, -3).toLowerCase() : undefined;
}

// Checked on the NFKC form, so look-alikes (fullwidth `／`, `＼`, `．`) are caught too.
const BACKSLASH = /\\/;
const DRIVE = /^[a-z]:/i;

/**
 * The strict form of parsePagePath for names that arrive through the API (URL paths, rename
 * targets): besides its checks it refuses backslashes, absolute paths (a leading `/` or a drive
 * letter) and segments that clean to nothing, rather than silently repairing them.
 */
export function parsePageName(raw: string, naming: PageNaming = {}): PagePath {
  const nfkc = raw.normalize('NFKC');
  if (CONTROL.test(nfkc)) throw new InvalidInputError('Page path contains a control character or NUL.');
  if (BACKSLASH.test(nfkc)) throw new InvalidInputError('Page path may not contain a backslash.');
  if (nfkc.trimStart().startsWith('/') || DRIVE.test(nfkc.trimStart())) {
    throw new InvalidInputError('Page path must be relative to the wiki, not an absolute path.');
  }
  const segments = nfkc.split('/').map((s) => s.trim());
  if (segments.some((s) => s === '..' || s === '.')) {
    throw new InvalidInputError('Page path may not contain "." or ".." segments.');
  }
  if (segments.some((s) => s !== '' && s.replace(DROPPED, '').trim() === '')) {
    throw new InvalidInputError(`Page path "${raw}" has a segment with no usable characters.`);
  }
  return parsePagePath(raw, naming);
}

/** Otter Wiki's attachment folder of a page: its file name without `.md`. */
export function attachmentFolderOf(file: string): string {
  return file.replace(/\.md$/i, '');
}
