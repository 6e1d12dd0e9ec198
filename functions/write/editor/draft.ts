import { InvalidInputError } from '../../../shared/core/errors';
import { json } from '../../../shared/http/response';
import { viewHref } from '../../../shared/core/views/format';
import { openFrame, type ViewHandler } from '../views/frame';
import { redirect, wantsJson } from '../views/respond';
import { authorEmail, pageFormLimit, postedForm } from './common';
import { deleteDraft, saveDraft } from './drafts';

const REVISION = /^([0-9a-f]{4,40})?$/i;

/**
 * POST /{user}/{wiki}/-/draft/{page}: the editor's autosave into wiki.db `drafts` (content, cursor,
 * the revision the edit is based on), one row per page and author; `action=discard` deletes it.
 * The script gets JSON; a plain form post comes back to the editor.
 */
export const draftView: ViewHandler = async (view) => {
  const frame = await openFrame(view, 'write');
  const page = frame.page();
  const form = await postedForm(frame, pageFormLimit(frame.ctx));
  const db = frame.ctx.deps.dbs.open(frame.id);
  const pagepath = page.file.slice(0, -3);
  if (form.get('action') === 'discard') {
    const discarded = await deleteDraft(db, pagepath, authorEmail(frame));
    if (wantsJson(view.request.headers)) return json(200, { discarded }, frame.headers());
    return redirect(viewHref(frame.base, 'edit', page.name), frame.headers());
  }
  const content = (form.get('content') ?? '').replace(/\r\n?/g, '\n');
  if (Buffer.byteLength(content, 'utf8') > frame.ctx.limits.maxPageBytes) throw new InvalidInputError('The draft is larger than a page may be.');
  const revision = (form.get('base') ?? '').trim();
  if (!REVISION.test(revision)) throw new InvalidInputError('"base" must be a commit id.');
  const whole = (name: string) => Math.max(0, Math.min(1_000_000, Number.parseInt(form.get(name) ?? '0', 10) || 0));
  const datetime = frame.ctx.deps.clock.now().toISOString();
  await saveDraft(db, {
    pagepath, revision, authorEmail: authorEmail(frame), content, cursorLine: whole('cursor_line'), cursorCh: whole('cursor_ch'), datetime,
  });
  if (wantsJson(view.request.headers)) return json(200, { saved: datetime }, frame.headers());
  return redirect(viewHref(frame.base, 'edit', page.name, { draft: 'restore' }), frame.headers());
};
