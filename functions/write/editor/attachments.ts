import { parseAttachmentName } from '../../../shared/core/attachments';
import { cleanCommitMessage } from '../../../shared/core/commitMessage';
import { WikibotError } from '../../../shared/core/errors';
import { renderAttachments } from '../../../shared/core/views/forms';
import { viewHref } from '../../../shared/core/views/format';
import { json } from '../../../shared/http/response';
import { deleteAttachment } from '../commands/deleteAttachment';
import { listAttachments } from '../commands/listAttachments';
import { uploadAttachments } from '../commands/uploadAttachments';
import { openFrame, type Frame, type ViewHandler } from '../views/frame';
import { titleOf } from '../views/pageInfo';
import { redirect, wantsJson } from '../views/respond';
import { MAX_FORM_BYTES, postedForm } from './common';
import { isMultipart } from './formBody';
import { checkUploads } from './uploadPolicy';

async function attachmentsPage(frame: Frame, status: number, extra: { error?: string; uploaded?: readonly string[] } = {}) {
  const page = frame.page();
  const [listing, title] = await Promise.all([listAttachments(frame.ctx, frame.id, page.name), titleOf(frame, page)]);
  return frame.respond(status, {
    title: `Attachments of ${title}`,
    label: 'Attachments',
    current: 'attachments',
    wide: true,
    page: page.name,
    pageTitle: title,
    content: renderAttachments({
      basePath: frame.base, page: page.name, attachments: listing.attachments, canEdit: frame.canEdit,
      csrf: frame.canEdit ? frame.csrf() : undefined, maxBytes: frame.ctx.limits.maxAttachmentBytes, ...extra,
    }),
  });
}

/** GET /{user}/{wiki}/-/attachments/{page}: the page's files (readers); an upload form with a drop zone (editors). */
export const attachmentsView: ViewHandler = async (view) => {
  const frame = await openFrame(view, 'read');
  const uploaded = view.request.query.getAll('uploaded').slice(0, 20);
  return attachmentsPage(frame, 200, { uploaded });
};

/**
 * POST /{user}/{wiki}/-/attachments/{page}: a multipart upload (the form, or the editor's paste and
 * drop; checked for count, size and type), or `action=delete` with `name`. CSRF-checked. The
 * script gets JSON (the files' URLs); the form comes back to the list.
 */
export const uploadView: ViewHandler = async (view) => {
  const frame = await openFrame(view, 'write');
  const page = frame.page();
  const form = await postedForm(frame, MAX_FORM_BYTES);
  const asJson = wantsJson(view.request.headers);
  try {
    if (!isMultipart(view.request) && form.get('action') === 'delete') {
      const name = parseAttachmentName(form.get('name'));
      await deleteAttachment(frame.ctx, frame.id, page.name, name, cleanCommitMessage(form.get('message')));
      return asJson ? json(200, { deleted: name }, frame.headers()) : redirect(viewHref(frame.base, 'attachments', page.name), frame.headers());
    }
    const files = checkUploads(form.files, frame.ctx.limits.maxAttachmentBytes);
    const result = await uploadAttachments(frame.ctx, frame.id, page.name, files, cleanCommitMessage(form.get('message')));
    if (asJson) return json(result.created ? 201 : 200, { revision: result.revision, attachments: result.attachments }, frame.headers());
    const query = files.map((f) => `uploaded=${encodeURIComponent(f.name)}`).join('&');
    return redirect(`${viewHref(frame.base, 'attachments', page.name)}?${query}`, frame.headers());
  } catch (error) {
    if (!asJson && error instanceof WikibotError && ['invalid_input', 'payload_too_large'].includes(error.code)) {
      return attachmentsPage(frame, error.code === 'payload_too_large' ? 413 : 400, { error: error.message });
    }
    throw error;
  }
};
