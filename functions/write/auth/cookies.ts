import { SESSION_COOKIE } from '../../../shared/core/edgePolicy';

export { SESSION_COOKIE };

/** The session cookie (DESIGN §4): host-only (`__Host-`), HttpOnly, Secure, SameSite=Lax, whole site. */
export function sessionCookie(token: string, maxAgeSeconds: number): string {
  return `${SESSION_COOKIE}=${token}; Path=/; Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}; HttpOnly; Secure; SameSite=Lax`;
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure; SameSite=Lax`;
}
