import { InvalidInputError } from './errors';
import type { WikiId } from './slugs';

/** What a member may do in a wiki, weakest first (DESIGN §4). */
export type Role = 'reader' | 'editor' | 'admin';
export const ROLES: readonly Role[] = ['reader', 'editor', 'admin'];

/** What a request needs: reading pages, writing pages and attachments, or administering the wiki. */
export type Permission = 'read' | 'write' | 'admin';

const RANK: Record<Role, number> = { reader: 1, editor: 2, admin: 3 };
/** The weakest role that grants each permission. */
export const REQUIRED_ROLE: Record<Permission, Role> = { read: 'reader', write: 'editor', admin: 'admin' };

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function atLeast(role: Role | undefined, needed: Role): boolean {
  return role !== undefined && RANK[role] >= RANK[needed];
}

export interface AccessSubject {
  /** The caller's `sub`, or undefined when nobody is signed in. */
  readonly sub: string | undefined;
  /** The caller's member record in this wiki, if any. */
  readonly memberRole?: Role;
}

export interface AccessTarget extends WikiId {
  readonly visibility: 'public' | 'private';
}

/** The caller's role in a wiki: the namespace owner is admin, others have their member role. */
export function effectiveRole(subject: AccessSubject, wiki: WikiId): Role | undefined {
  if (subject.sub === undefined) return undefined;
  if (subject.sub === wiki.user) return 'admin';
  return subject.memberRole;
}

export type AccessDecision =
  | { readonly allowed: true; readonly role: Role | undefined }
  | { readonly allowed: false; readonly reason: 'sign_in' | 'forbidden'; readonly role: Role | undefined; readonly needed: Role };

/**
 * The whole role policy: public wikis are readable by anyone; everything else needs a role of at
 * least REQUIRED_ROLE[permission]. An anonymous caller who lacks access is asked to sign in.
 */
export function decideAccess(subject: AccessSubject, wiki: AccessTarget, permission: Permission): AccessDecision {
  const role = effectiveRole(subject, wiki);
  const needed = REQUIRED_ROLE[permission];
  if (permission === 'read' && wiki.visibility === 'public') return { allowed: true, role };
  if (atLeast(role, needed)) return { allowed: true, role };
  return { allowed: false, reason: subject.sub === undefined ? 'sign_in' : 'forbidden', role, needed };
}

/** A member's `sub` as it appears in a URL: 1–256 characters, no whitespace or control characters. */
export function isMemberSub(value: string): boolean {
  return /^[^\s\u0000-\u001f\u007f-\u009f]{1,256}$/u.test(value);
}

export function checkMemberSub(sub: string): string {
  if (!isMemberSub(sub)) {
    throw new InvalidInputError('A member is named by their sub: 1-256 characters, no spaces or control characters.');
  }
  return sub;
}
