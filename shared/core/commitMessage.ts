import { InvalidInputError } from './errors';

/** Longest commit message the API stores, in characters. */
export const MAX_COMMIT_MESSAGE_CHARS = 1000;
// Every control character except tab and newline (CR is normalised away first).
const BINARY = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/**
 * A caller's commit message, cleaned: CRLF → LF, surrounding whitespace trimmed. Undefined or an
 * empty string means "none given". Control characters (other than newline and tab) and messages
 * over MAX_COMMIT_MESSAGE_CHARS are rejected rather than stored.
 */
export function cleanCommitMessage(value: unknown, field = 'message'): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new InvalidInputError(`"${field}" must be a string when given.`);
  const text = value.replace(/\r\n?/g, '\n').trim();
  if (BINARY.test(text)) {
    throw new InvalidInputError(`"${field}" contains control characters; only text, newlines and tabs are allowed.`);
  }
  if ([...text].length > MAX_COMMIT_MESSAGE_CHARS) {
    throw new InvalidInputError(`"${field}" is longer than ${MAX_COMMIT_MESSAGE_CHARS} characters.`);
  }
  return text === '' ? undefined : text;
}

/** Otter Wiki's COMMIT_MESSAGE preference. */
export type CommitMessageMode = 'REQUIRED' | 'OPTIONAL' | 'DISABLED';

/**
 * The mode a wiki uses. Otter Wiki defaults to REQUIRED in its editor; wikis made here have no
 * preference and behave as OPTIONAL, so API clients and agents may omit messages.
 */
export function commitMessageMode(preference: string | undefined): CommitMessageMode {
  const mode = (preference ?? '').trim().toUpperCase();
  return mode === 'REQUIRED' || mode === 'DISABLED' ? mode : 'OPTIONAL';
}

export interface PageSaveMessageInput {
  /** The cleaned message the caller sent, if any. */
  readonly given: string | undefined;
  readonly mode: CommitMessageMode;
  /** Otter Wiki's DEFAULT_COMMIT_MESSAGE: strftime codes and `%P` for the page name. */
  readonly template: string | undefined;
  readonly pageName: string;
  /** Our own default when no template is set: `Added X.` or `Updated X.` */
  readonly fallback: string;
  readonly now: Date;
}

/**
 * The message of a page save under COMMIT_MESSAGE (Otter Wiki semantics): REQUIRED refuses a save
 * without one; OPTIONAL keeps the caller's or uses the default; DISABLED ignores the caller's and
 * always uses the default. The default is DEFAULT_COMMIT_MESSAGE when set, else `fallback`.
 */
export function pageSaveMessage(input: PageSaveMessageInput): string {
  if (input.mode === 'REQUIRED' && input.given === undefined) {
    throw new InvalidInputError('This wiki requires a commit message: send "message".');
  }
  if (input.mode !== 'DISABLED' && input.given !== undefined) return input.given;
  const template = input.template?.trim();
  const expanded = template ? cleanCommitMessage(formatTemplate(template, input.pageName, input.now)) : undefined;
  return expanded ?? input.fallback;
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `%P` → the page name; the common strftime codes in UTC (Python's C locale); `%%` → `%`. */
export function formatTemplate(template: string, pageName: string, now: Date): string {
  const codes: Record<string, () => string> = {
    P: () => pageName,
    Y: () => String(now.getUTCFullYear()),
    y: () => pad(now.getUTCFullYear() % 100),
    m: () => pad(now.getUTCMonth() + 1),
    d: () => pad(now.getUTCDate()),
    H: () => pad(now.getUTCHours()),
    M: () => pad(now.getUTCMinutes()),
    S: () => pad(now.getUTCSeconds()),
    a: () => DAYS[now.getUTCDay()]!.slice(0, 3),
    A: () => DAYS[now.getUTCDay()]!,
    b: () => MONTHS[now.getUTCMonth()]!.slice(0, 3),
    B: () => MONTHS[now.getUTCMonth()]!,
    x: () => `${pad(now.getUTCMonth() + 1)}/${pad(now.getUTCDate())}/${pad(now.getUTCFullYear() % 100)}`,
    X: () => `${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())}:${pad(now.getUTCSeconds())}`,
    c: () => `${codes.a!()} ${codes.b!()} ${String(now.getUTCDate()).padStart(2, ' ')} ${codes.X!()} ${now.getUTCFullYear()}`,
    '%': () => '%',
  };
  return template.replace(/%(.)/g, (match, code: string) => codes[code]?.() ?? match);
}
