import { cleanCommitMessage } from '../../../shared/core/commitMessage';
import { InvalidInputError, NotFoundError, WikibotError } from '../../../shared/core/errors';
import { shortRevision, viewHref } from '../../../shared/core/views/format';
import { renderRevertForm } from '../../../shared/core/views/forms';
import { revertCommit } from '../commands/revertCommit';
import { resolveRevision } from '../revisions';
import { openFrame, type Frame, type ViewHandler } from '../views/frame';
import { redirect } from '../views/respond';
import { postedForm } from './common';

function revisionParam(frame: Frame): string {
  const value = frame.view.request.query.get('revision');
  if (!value) throw new InvalidInputError('Give the commit to revert as "revision".');
  return value;
}

async function revertForm(frame: Frame, status: number, message?: string, error?: string) {
  const given = revisionParam(frame);
  const history = frame.ctx.deps.history.open(frame.id);
  const revision = await resolveRevision(history, given, 'revision');
  const commit = (await history.log({ from: revision, limit: 1 })).entries[0];
  if (!commit) throw new NotFoundError(`There is no revision ${given}.`);
  return frame.respond(status, {
    title: `Revert commit ${shortRevision(revision)}`,
    label: 'Revert',
    current: 'changelog',
    noindex: true,
    content: renderRevertForm({ basePath: frame.base, revision: given, commit, files: commit.files, csrf: frame.csrf(), message, error }),
  });
}

/** GET /{user}/{wiki}/-/revert?revision=: which commit and files, and a confirm button (editors). */
export const revertFormView: ViewHandler = async (view) => revertForm(await openFrame(view, 'write'), 200);

/** POST /{user}/{wiki}/-/revert?revision=: revertCommit (`Reverted commit {rev}.`), then the changelog. */
export const revertView: ViewHandler = async (view) => {
  const frame = await openFrame(view, 'write');
  const form = await postedForm(frame, 64 * 1024);
  const rawMessage = form.get('message');
  try {
    await revertCommit(frame.ctx, frame.id, revisionParam(frame), { message: cleanCommitMessage(rawMessage) });
  } catch (error) {
    if (error instanceof WikibotError && ['invalid_input', 'conflict', 'stale_revision'].includes(error.code)) {
      return revertForm(frame, error.code === 'invalid_input' ? 400 : 409, rawMessage, error.message);
    }
    throw error;
  }
  return redirect(viewHref(frame.base, 'changelog'), frame.headers());
};
