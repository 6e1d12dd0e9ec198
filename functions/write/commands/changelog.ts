import type { WikiId } from '../../../shared/core/slugs';
import type { CommandContext } from '../context';
import { resolveCursor } from '../revisions';
import { openWiki } from '../wikiAccess';

/** The wiki's commits, newest first, with the files each changed; `limit` at a time. */
export async function changelog(ctx: CommandContext, id: WikiId, query: { cursor?: string; limit: number }) {
  await openWiki(ctx, id, 'read');
  const history = ctx.deps.history.open(id);
  const from = await resolveCursor(history, query.cursor);
  const { entries, next } = await history.log({ from, limit: query.limit });
  return { entries, nextCursor: next ?? null };
}
