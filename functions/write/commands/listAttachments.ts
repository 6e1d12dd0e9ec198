import type { WikiId } from '../../../shared/core/slugs';
import { attachmentPage, attachmentPath, attachmentView } from '../attachmentFiles';
import type { CommandContext } from '../context';
import { openWiki } from '../wikiAccess';

/** The files attached to a page (its folder's files, not subpages or subfolders), with size and last change. */
export async function listAttachments(ctx: CommandContext, id: WikiId, rawPath: string) {
  await openWiki(ctx, id, 'read');
  const { page, repo, head } = await attachmentPage(ctx, id, rawPath);
  const prefix = attachmentPath(page, '');
  const files = (await repo.listFiles(head)).filter(
    (f) => f.startsWith(prefix) && !f.slice(prefix.length).includes('/') && !f.toLowerCase().endsWith('.md'),
  );
  const changes = await ctx.deps.history.open(id).lastChanges(files, head);
  const attachments = [];
  for (const file of files) {
    const source = await repo.readFile(file, head);
    attachments.push(attachmentView(id, page, file.slice(prefix.length), source?.content.length ?? 0, changes.get(file)));
  }
  return { page: page.name, revision: head, attachments };
}
