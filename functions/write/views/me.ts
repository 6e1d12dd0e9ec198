import { effectiveRole } from '../../../shared/core/access';
import { parseWikiId } from '../../../shared/core/slugs';
import { json } from '../../../shared/http/response';
import type { ViewHandler } from './frame';

/**
 * GET /{user}/{wiki}/-/me: who is signed in and their role in this wiki, for the page actions a
 * cached page draws with its script (shared/core/fragments/actionsScript.ts). It never fails on
 * the wiki: an unknown wiki and a private wiki the caller is no member of answer alike (role
 * null), so it tells nobody whether a private wiki exists. Never cached (a `/-/` view).
 */
export const meView: ViewHandler = async ({ ctx, params }) => {
  const id = parseWikiId(params.user, params.wiki);
  const identity = await ctx.identity().catch(() => undefined);
  if (!identity) return json(200, { signedIn: false, role: null });
  const record = await ctx.deps.tenants.getWiki(id);
  const member = record && identity.sub !== id.user ? await ctx.deps.tenants.getMember(id, identity.sub) : undefined;
  const role = record ? effectiveRole({ sub: identity.sub, memberRole: member?.role }, id) : undefined;
  return json(200, { signedIn: true, sub: identity.sub, name: identity.name, role: role ?? null });
};
