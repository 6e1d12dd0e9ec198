import { cleanCommitMessage } from '../../../shared/core/commitMessage';
import { WikibotError } from '../../../shared/core/errors';
import { renderDeleteForm } from '../../../shared/core/views/forms';
import { deletePage, filesOfPage } from '../commands/deletePage';
import { openFrame, type Frame, type ViewHandler } from '../views/frame';
import { pageNotFound, titleOf } from '../views/pageInfo';
import { redirect } from '../views/respond';
import { postedForm } from './common';

async function deleteForm(frame: Frame, status: number, message?: string, error?: string) {
  const page = frame.page();
  const repo = frame.ctx.deps.repos.open(frame.id);
  const files = filesOfPage(await repo.listFiles(), page.file).sort();
  if (files.length === 0) throw pageNotFound(frame, page);
  const title = await titleOf(frame, page);
  return frame.respond(status, {
    title: `Delete ${title}`,
    label: 'Delete',
    current: 'delete',
    page: page.name,
    pageTitle: title,
    noindex: true,
    content: renderDeleteForm({ basePath: frame.base, page: page.name, pageFile: page.file, csrf: frame.csrf(), files, message, error }),
  });
}

/** GET /{user}/{wiki}/-/delete/{page}: what deleting takes with it (attachments, subpages), and a confirm button. */
export const deleteFormView: ViewHandler = async (view) => deleteForm(await openFrame(view, 'write'), 200);

/** POST /{user}/{wiki}/-/delete/{page}: deletePage, then the wiki's home page. */
export const deleteView: ViewHandler = async (view) => {
  const frame = await openFrame(view, 'write');
  const form = await postedForm(frame, 64 * 1024);
  const rawMessage = form.get('message');
  try {
    await deletePage(frame.ctx, frame.id, frame.page().name, { message: cleanCommitMessage(rawMessage) });
  } catch (error) {
    if (error instanceof WikibotError && error.code === 'invalid_input') return deleteForm(frame, 400, rawMessage, error.message);
    throw error;
  }
  return redirect(`${frame.base}/`, frame.headers());
};
