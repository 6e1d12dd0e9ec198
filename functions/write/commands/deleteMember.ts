import { checkMemberSub } from '../../../shared/core/access';
import { NotFoundError } from '../../../shared/core/errors';
import type { WikiId } from '../../../shared/core/slugs';
import type { CommandContext } from '../context';
import { openWiki } from '../wikiAccess';

/** Removes a member (admin); any member may also remove themselves. */
export async function deleteMember(ctx: CommandContext, id: WikiId, sub: string) {
  checkMemberSub(sub);
  const self = (await ctx.identity())?.sub === sub;
  await openWiki(ctx, id, self ? 'read' : 'admin');
  if (!(await ctx.deps.tenants.deleteMember(id, sub))) {
    throw new NotFoundError(`${sub} is not a member of ${id.user}/${id.wiki}.`);
  }
  return { sub, removed: true };
}
