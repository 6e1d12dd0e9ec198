import { NotFoundError } from '../../../shared/core/errors';
import type { WikiId } from '../../../shared/core/slugs';
import { attachmentPage, attachmentPath, attachmentView } from '../attachmentFiles';
import type { CommandContext } from '../context';
import { openWiki } from '../wikiAccess';

/** One attachment's metadata and URL; the bytes come from the distribution, never from the API. */
export async function getAttachment(ctx: CommandContext, id: WikiId, rawPath: string, name: string) {
  await openWiki(ctx, id, 'read');
  const { page, repo, head } = await attachmentPage(ctx, id, rawPath);
  const path = attachmentPath(page, name);
  const source = await repo.readFile(path, head);
  if (!source) throw new NotFoundError(`"${page.name}" has no attachment "${name}".`);
  const change = (await ctx.deps.history.open(id).lastChanges([path], head)).get(path);
  return { page: page.name, revision: head, ...attachmentView(id, page, name, source.content.length, change) };
}
