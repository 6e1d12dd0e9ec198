import { cleanCommitMessage } from '../../../shared/core/commitMessage';
import { StaleRevisionError, WikibotError } from '../../../shared/core/errors';
import { pageHref } from '../../../shared/core/render/pageHref';
import { diffLines, renderLineDiff } from '../../../shared/core/views/diff';
import { renderConflict } from '../../../shared/core/views/editor';
import { putPage } from '../commands/putPage';
import { openFrame, type Frame, type ViewHandler } from '../views/frame';
import { readPage } from '../views/pageInfo';
import { redirect } from '../views/respond';
import { authorEmail, commitModeOf, normaliseContent, pageFormLimit, postedForm } from './common';
import { deleteDraft, saveDraft } from './drafts';
import { editorPage } from './edit';

/**
 * POST /{user}/{wiki}/-/save/{page}: the editor's form (CSRF-checked) → putPage with the edit's
 * base revision. On success the draft is dropped, the wiki's cached pages are invalidated and the
 * browser goes to the page (303), which therefore shows the new version at once. A page changed
 * meanwhile gives the conflict screen (409) with both versions; bad input (a required message
 * missing, a page over the limit) comes back in the editor with the text kept.
 */
export const saveView: ViewHandler = async (view) => {
  const frame = await openFrame(view, 'write');
  const page = frame.page();
  const form = await postedForm(frame, pageFormLimit(frame.ctx));
  const content = normaliseContent(form.get('content') ?? '');
  const rawMessage = form.get('message');
  const base = form.get('base')?.trim() || undefined;
  const exists = (await readPage(frame, page)) !== undefined;
  let message: string | undefined;
  try {
    message = cleanCommitMessage(rawMessage);
    const result = await putPage(frame.ctx, frame.id, page.name, { content, message, baseRevision: base });
    await deleteDraft(frame.ctx.deps.dbs.open(frame.id), page.file.slice(0, -3), authorEmail(frame));
    return redirect(pageHref(frame.base, result.path), frame.headers());
  } catch (error) {
    if (error instanceof StaleRevisionError) return conflict(frame, content, message, error.details?.currentRevision as string | undefined);
    if (error instanceof WikibotError && ['invalid_input', 'payload_too_large', 'page_too_complex'].includes(error.code)) {
      // The editor keeps the text and shows why it was not saved (413 too big, 422 too costly to render).
      const status = error.code === 'payload_too_large' ? 413 : error.code === 'page_too_complex' ? 422 : 400;
      return editorPage(frame, { content, baseRevision: base ?? '', exists, message: rawMessage, error: error.message }, status);
    }
    throw error;
  }
};

/** The 409 screen; the user's text is also kept as their draft, so closing the tab loses nothing. */
async function conflict(frame: Frame, yours: string, message: string | undefined, current?: string) {
  const page = frame.page();
  const history = frame.ctx.deps.history.open(frame.id);
  const head = current ?? (await frame.ctx.deps.repos.open(frame.id).head());
  const [theirs, log] = await Promise.all([readPage(frame, page, head), history.log({ path: page.file, from: head, limit: 1 })]);
  await saveDraft(frame.ctx.deps.dbs.open(frame.id), {
    pagepath: page.file.slice(0, -3), revision: head, authorEmail: authorEmail(frame), content: yours,
    cursorLine: 0, cursorCh: 0, datetime: frame.ctx.deps.clock.now().toISOString(),
  });
  const diff = diffLines(theirs ?? '', yours);
  return frame.respond(409, {
    title: `Conflict: ${page.name}`,
    label: 'Conflict',
    current: 'edit',
    page: page.name,
    noindex: true,
    wide: true,
    content: renderConflict({
      basePath: frame.base, page: page.name, csrf: frame.csrf(), commitMode: commitModeOf(frame), message,
      yours, theirs: theirs ?? '', currentRevision: head, theirChange: log.entries[0],
      diffHtml: renderLineDiff(diff, 'split'), maxBytes: frame.ctx.limits.maxPageBytes,
    }),
  });
}
