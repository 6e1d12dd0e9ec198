import { NotFoundError } from '../../../shared/core/errors';
import type { WikiId } from '../../../shared/core/slugs';
import { gitAuthor } from '../../../shared/auth/identity';
import { attachmentPage, attachmentPath } from '../attachmentFiles';
import type { CommandContext } from '../context';
import { Publishing } from '../publishing';
import { openWiki } from '../wikiAccess';

/** Removes an attachment from git (`Deleted {name}`, Otter Wiki's message) and from the bucket. */
export async function deleteAttachment(ctx: CommandContext, id: WikiId, rawPath: string, name: string, message?: string) {
  const scope = await openWiki(ctx, id, 'write');
  const { page, repo, head } = await attachmentPage(ctx, id, rawPath);
  const path = attachmentPath(page, name);
  if ((await repo.blobOf(path, head)) === undefined) throw new NotFoundError(`"${page.name}" has no attachment "${name}".`);
  const { revision } = await repo.commit({
    changes: [{ path, content: null }],
    message: message ?? `Deleted ${name}`,
    author: gitAuthor(scope.identity!),
  });
  const publishing = new Publishing(ctx.deps, id);
  await publishing.removeFiles([path]);
  const { removed, unpublished } = publishing.report;
  return { page: page.name, name, revision, removed, unpublished };
}
