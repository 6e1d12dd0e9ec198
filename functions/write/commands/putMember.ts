import { checkMemberSub, type Role } from '../../../shared/core/access';
import { InvalidInputError } from '../../../shared/core/errors';
import type { WikiId } from '../../../shared/core/slugs';
import type { CommandContext } from '../context';
import { openWiki } from '../wikiAccess';

/** Adds a member or changes their role (admin). The namespace owner is always admin and has no member record. */
export async function putMember(ctx: CommandContext, id: WikiId, sub: string, role: Role) {
  checkMemberSub(sub);
  await openWiki(ctx, id, 'admin');
  if (sub === id.user) throw new InvalidInputError(`${sub} owns the ${id.user} namespace and is always admin.`);
  const existing = await ctx.deps.tenants.getMember(id, sub);
  const member = { sub, role, addedAt: existing?.addedAt ?? ctx.deps.clock.now().toISOString() };
  const created = await ctx.deps.tenants.putMember(id, member);
  return { created, member };
}
