import { cleanCommitMessage } from '../../../shared/core/commitMessage';
import { WikibotError } from '../../../shared/core/errors';
import { pageHref } from '../../../shared/core/render/pageHref';
import { renderRenameForm } from '../../../shared/core/views/forms';
import { renamePage } from '../commands/renamePage';
import { openFrame, type Frame, type ViewHandler } from '../views/frame';
import { pageNotFound, readPage, titleOf } from '../views/pageInfo';
import { redirect } from '../views/respond';
import { postedForm } from './common';

async function renameForm(frame: Frame, status: number, values: { newName?: string; message?: string; updateBacklinks?: boolean; error?: string } = {}) {
  const page = frame.page();
  const title = await titleOf(frame, page);
  return frame.respond(status, {
    title: `Rename ${title}`,
    label: 'Rename',
    current: 'rename',
    page: page.name,
    pageTitle: title,
    noindex: true,
    content: renderRenameForm({ basePath: frame.base, page: page.name, csrf: frame.csrf(), ...values }),
  });
}

/** GET /{user}/{wiki}/-/rename/{page}: the new name, a message and "update links to this page". */
export const renameFormView: ViewHandler = async (view) => {
  const frame = await openFrame(view, 'write');
  if ((await readPage(frame, frame.page())) === undefined) throw pageNotFound(frame, frame.page());
  return renameForm(frame, 200);
};

/** POST /{user}/{wiki}/-/rename/{page}: renamePage (with its folder, and backlinks if asked), then the page at its new name. */
export const renameView: ViewHandler = async (view) => {
  const frame = await openFrame(view, 'write');
  const form = await postedForm(frame, 64 * 1024);
  const newName = (form.get('newname') ?? '').trim();
  const updateBacklinks = form.get('update_backlinks') === '1';
  const rawMessage = form.get('message');
  try {
    const result = await renamePage(frame.ctx, frame.id, frame.page().name, {
      newPath: newName, message: cleanCommitMessage(rawMessage), updateBacklinks,
    });
    return redirect(pageHref(frame.base, result.newPath), frame.headers());
  } catch (error) {
    if (error instanceof WikibotError && ['invalid_input', 'conflict'].includes(error.code)) {
      return renameForm(frame, error.code === 'conflict' ? 409 : 400, { newName, message: rawMessage, updateBacklinks, error: error.message });
    }
    throw error;
  }
};
