import { SESSION_COOKIE } from '../../../shared/core/edgePolicy';

export { SESSION_COOKIE };

/** The session cookie (DESIGN §4): host-only (`__Host-`), HttpOnly, Secure, SameSite=Lax, whole site. */
export function sessionCookie(token: string, maxAgeSeconds: number): string {
  return `${SESSION_COOKIE}=${token}; Path=/; Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}; HttpOnly; Secure; SameSite=Lax`;
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure; SameSite=Lax`;
}

/**
 * A hint for the pages' script that someone is signed in here, so it asks `/-/me` for the
 * page actions; without it (anonymous readers, the common case) the script makes no request.
 * It holds no credential and nothing about the user, so scripts may read it.
 */
export const SIGNED_IN_HINT_COOKIE = 'wb_signed_in';

export function signedInHintCookie(maxAgeSeconds: number): string {
  return `${SIGNED_IN_HINT_COOKIE}=1; Path=/; Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}; Secure; SameSite=Lax`;
}

export function clearedSignedInHintCookie(): string {
  return `${SIGNED_IN_HINT_COOKIE}=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; SameSite=Lax`;
}
