import { commitMessageMode, type CommitMessageMode } from '../../../shared/core/commitMessage';
import { gitAuthor } from '../../../shared/auth/identity';
import type { CommandContext } from '../context';
import type { Frame } from '../views/frame';
import { checkCsrf } from './csrf';
import { readForm, type FormBody } from './formBody';

export const MIB = 1024 * 1024;
/** A Lambda request carries at most 6 MB; no form is accepted beyond that. */
export const MAX_FORM_BYTES = 6 * MIB;

/** A page form percent-encodes its text (up to 3 bytes per byte), plus room for the other fields. */
export function pageFormLimit(ctx: CommandContext): number {
  return Math.min(MAX_FORM_BYTES, 3 * ctx.limits.maxPageBytes + 64 * 1024);
}

/** The posted form, after its CSRF token was checked (403 when missing or wrong). */
export async function postedForm(frame: Frame, maxBytes: number): Promise<FormBody> {
  const form = await readForm(frame.view.request, maxBytes);
  checkCsrf(frame.view.request, form.get('csrf'), frame.view.sessionKeys);
  return form;
}

/** The drafts table's `author_email` for the caller (the git author's email: the handle without one). */
export function authorEmail(frame: Frame): string {
  return gitAuthor(frame.scope.identity!).email;
}

export function commitModeOf(frame: Frame): CommitMessageMode {
  return commitMessageMode(frame.prefs.COMMIT_MESSAGE);
}

/** Editor text as saved: CRLF → LF, and one final newline (Otter Wiki's editor does the same). */
export function normaliseContent(content: string): string {
  const text = content.replace(/\r\n?/g, '\n').replace(/\s+$/, '');
  return text === '' ? '' : `${text}\n`;
}
