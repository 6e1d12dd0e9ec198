import { InvalidInputError } from '../../../shared/core/errors';
import type { WikiId } from '../../../shared/core/slugs';
import { gitAuthor } from '../../../shared/auth/identity';
import { attachmentPage, attachmentPath, attachmentView } from '../attachmentFiles';
import type { CommandContext } from '../context';
import { tooLarge } from '../input';
import { Publishing } from '../publishing';
import { openWiki } from '../wikiAccess';

export interface AttachmentUpload {
  /** Validated with parseAttachmentName. */
  readonly name: string;
  readonly content: Uint8Array;
}

/**
 * Commits attachments into the page's folder in one commit and publishes them beside the
 * fragments. Default message as in Otter Wiki: `Added attachment(s): a, b.`, or
 * `Updated attachment: a.` when one file replaces an existing one.
 */
export async function uploadAttachments(
  ctx: CommandContext, id: WikiId, rawPath: string, files: readonly AttachmentUpload[], message?: string,
) {
  if (files.length === 0) throw new InvalidInputError('Send at least one file.');
  const names = files.map((f) => f.name);
  if (new Set(names).size !== names.length) throw new InvalidInputError('Each file name may appear only once in an upload.');
  for (const file of files) if (file.content.length > ctx.limits.maxAttachmentBytes) throw tooLarge(ctx.limits.maxAttachmentBytes);
  const scope = await openWiki(ctx, id, 'write');
  const { page, repo, head } = await attachmentPage(ctx, id, rawPath);
  const existing = await Promise.all(files.map(async (f) => (await repo.blobOf(attachmentPath(page, f.name), head)) !== undefined));
  const replacing = files.length === 1 && existing[0];
  const { revision, changed } = await repo.commit({
    changes: files.map((f) => ({ path: attachmentPath(page, f.name), content: f.content })),
    message: message ?? (replacing ? `Updated attachment: ${names[0]}.` : `Added attachment(s): ${names.join(', ')}.`),
    author: gitAuthor(scope.identity!),
  });
  const publishing = new Publishing(ctx.deps, id);
  for (const file of files) await publishing.attachment(attachmentPath(page, file.name), file.content);
  const { published, unpublished } = publishing.report;
  return {
    page: page.name,
    revision,
    changed,
    created: existing.some((e) => !e),
    attachments: files.map((f) => attachmentView(id, page, f.name, f.content.length)),
    published,
    unpublished,
  };
}
