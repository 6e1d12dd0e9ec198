import type { CommandContext } from '../context';
import { requireIdentity } from '../wikiAccess';
import { wikiView } from './getWiki';

/** The wikis the caller owns or is a member of (the tenants table's member index). */
export async function listMyWikis(ctx: CommandContext) {
  const identity = await requireIdentity(ctx);
  const wikis = await ctx.deps.tenants.listWikisOf(identity.sub);
  return { wikis: wikis.map(({ record, role }) => wikiView(record, role)) };
}
