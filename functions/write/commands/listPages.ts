import { InvalidInputError } from '../../../shared/core/errors';
import { keyOfFile } from '../../../shared/core/pagePath';
import type { WikiId } from '../../../shared/core/slugs';
import type { CommandContext } from '../context';
import { pageTitle } from '../naming';
import { openWiki } from '../wikiAccess';

const decoder = new TextDecoder();

/**
 * The wiki's pages sorted by path, `limit` at a time: path, title, size in bytes and the last
 * commit that changed each. `cursor` is the path of the last page of the previous batch.
 */
export async function listPages(ctx: CommandContext, id: WikiId, query: { cursor?: string; limit: number }) {
  await openWiki(ctx, id, 'read');
  if (query.cursor !== undefined && (query.cursor === '' || query.cursor.length > 4096)) {
    throw new InvalidInputError('"cursor" is not a cursor this listing returned.');
  }
  const prefs = await ctx.deps.dbs.open(id).preferences();
  const repo = ctx.deps.repos.open(id);
  const revision = await repo.head();
  const all = (await repo.listFiles(revision))
    .filter((file) => keyOfFile(file) !== undefined)
    .map((file) => ({ file, path: file.slice(0, -3) }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const start = query.cursor === undefined ? 0 : all.findIndex((p) => p.path > query.cursor!);
  const batch = start < 0 ? [] : all.slice(start, start + query.limit);
  const changes = await ctx.deps.history.open(id).lastChanges(batch.map((p) => p.file), revision);
  const pages = [];
  for (const { file, path } of batch) {
    const source = await repo.readFile(file, revision);
    const content = source ? decoder.decode(source.content) : '';
    const change = changes.get(file);
    pages.push({
      path,
      title: pageTitle(file, content, prefs),
      size: source?.content.length ?? 0,
      lastChange: change ? { revision: change.revision, author: change.author, date: change.date, message: change.message } : null,
    });
  }
  const more = start >= 0 && start + query.limit < all.length;
  return { revision, pages, nextCursor: more ? batch[batch.length - 1]!.path : null };
}
