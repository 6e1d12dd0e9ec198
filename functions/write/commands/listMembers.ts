import type { WikiId } from '../../../shared/core/slugs';
import type { CommandContext } from '../context';
import { openWiki } from '../wikiAccess';

/** The owner and the members of a wiki (admin). */
export async function listMembers(ctx: CommandContext, id: WikiId) {
  const { record } = await openWiki(ctx, id, 'admin');
  return { owner: record.owner, members: await ctx.deps.tenants.listMembers(id) };
}
