import { NotFoundError } from '../../../shared/core/errors';
import { parsePageName } from '../../../shared/core/pagePath';
import type { WikiId } from '../../../shared/core/slugs';
import type { CommandContext } from '../context';
import { namingOf } from '../naming';
import { resolveCursor } from '../revisions';
import { openWiki } from '../wikiAccess';

/** The commits that changed a page, newest first, `limit` at a time (cursor: `nextCursor` of the previous batch). */
export async function pageHistory(ctx: CommandContext, id: WikiId, rawPath: string, query: { cursor?: string; limit: number }) {
  await openWiki(ctx, id, 'read');
  const prefs = await ctx.deps.dbs.open(id).preferences();
  const page = parsePageName(rawPath, namingOf(prefs));
  const history = ctx.deps.history.open(id);
  const from = await resolveCursor(history, query.cursor);
  const { entries, next } = await history.log({ path: page.file, from, limit: query.limit });
  if (entries.length === 0 && from === undefined) {
    throw new NotFoundError(`There is no page "${page.name}" in ${id.user}/${id.wiki}, nor was there ever.`);
  }
  return {
    path: page.name,
    entries: entries.map(({ revision, author, date, message }) => ({ revision, author, date, message })),
    nextCursor: next ?? null,
  };
}
