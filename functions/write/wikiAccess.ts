import { decideAccess, type Permission, type Role } from '../../shared/core/access';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../../shared/core/errors';
import type { WikiId } from '../../shared/core/slugs';
import type { Identity } from '../../shared/auth/identity';
import type { WikiRecord } from '../../shared/ports/tenantStore';
import type { CommandContext } from './context';

/** A wiki the caller may act on, as established by openWiki. */
export interface WikiScope {
  readonly id: WikiId;
  readonly record: WikiRecord;
  readonly identity: Identity | undefined;
  readonly role: Role | undefined;
}

/** The signed-in caller, or a 401. */
export async function requireIdentity(ctx: CommandContext): Promise<Identity> {
  const identity = await ctx.identity();
  if (!identity) throw new UnauthorizedError();
  return identity;
}

/**
 * Loads a wiki and checks the caller may do `permission` there (shared/core/access.ts):
 * 404 for an unknown wiki, 401 when signing in would be needed, 403 when the role is too weak.
 */
export async function openWiki(ctx: CommandContext, id: WikiId, permission: Permission): Promise<WikiScope> {
  // The token is checked while the record is fetched; an unknown wiki still answers 404 first.
  const verifying = ctx.identity();
  verifying.catch(() => undefined);
  const record = await ctx.deps.tenants.getWiki(id);
  if (!record) throw new NotFoundError(`There is no wiki ${id.user}/${id.wiki}.`);
  const identity = await verifying;
  const member = identity && identity.sub !== id.user ? await ctx.deps.tenants.getMember(id, identity.sub) : undefined;
  const decision = decideAccess({ sub: identity?.sub, memberRole: member?.role }, record, permission);
  if (decision.allowed) return { id, record, identity, role: decision.role };
  if (decision.reason === 'sign_in') throw new UnauthorizedError(`Sign in to ${verb(permission)} ${id.user}/${id.wiki}: send a valid bearer token or session cookie.`);
  throw new ForbiddenError(
    `You need the ${decision.needed} role to ${verb(permission)} ${id.user}/${id.wiki}; ` +
      `you are signed in as ${identity!.sub}${decision.role ? ` with the ${decision.role} role` : ', who is not a member'}.`,
  );
}

const verb = (permission: Permission) => (permission === 'read' ? 'read' : permission === 'write' ? 'write to' : 'administer');
