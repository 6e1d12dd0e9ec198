import { createHmac, timingSafeEqual } from 'node:crypto';
import { bearerToken, type SessionKey } from '../../../shared/auth/sessionToken';
import { SESSION_COOKIE } from '../../../shared/core/edgePolicy';
import { ForbiddenError } from '../../../shared/core/errors';
import type { HttpRequest } from '../../../shared/http/request';

/**
 * CSRF protection for the editor's forms: a double-submit token bound to the session.
 *
 * The token is HMAC-SHA256(session key, "wikibot-csrf\0" + the caller's credential), where the
 * credential is the session cookie (or the bearer token of a non-browser client): it is the same
 * for every form of one session, changes with every new session, and cannot be computed without
 * the stage's session key. Views that show a form put it in a hidden field and set it as the
 * `__Host-wb_csrf` cookie; a POST must carry the field (or the `X-CSRF-Token` header, for the
 * editor's fetch calls), the cookie must hold the same value, and the value must be the HMAC of
 * the credential the request is signed in with, under any key in rotation. A missing or wrong
 * token is a 403. The cookie is `SameSite=Strict`, `HttpOnly`, host-only (`__Host-`).
 */
export const CSRF_COOKIE = '__Host-wb_csrf';
export const CSRF_FIELD = 'csrf';
export const CSRF_HEADER = 'x-csrf-token';

const LABEL = 'wikibot-csrf\0';

/** The credential a request is signed in with (bearer token first, as identity resolution does). */
export function credentialOf(request: HttpRequest): string | undefined {
  return bearerToken(request.headers.authorization) ?? request.cookies[SESSION_COOKIE];
}

export function csrfTokenFor(credential: string, key: SessionKey): string {
  return createHmac('sha256', key.secret).update(LABEL + credential, 'utf8').digest('base64url');
}

export interface IssuedCsrf {
  readonly token: string;
  /** A Set-Cookie value when the browser's cookie does not hold the token yet. */
  readonly setCookie?: string;
}

/** The token for this request's session (for a form), and the cookie to set if needed. */
export function issueCsrf(request: HttpRequest, keys: readonly SessionKey[]): IssuedCsrf | undefined {
  const credential = credentialOf(request);
  const key = keys[0];
  if (!credential || !key) return undefined;
  const token = csrfTokenFor(credential, key);
  if (request.cookies[CSRF_COOKIE] === token) return { token };
  return { token, setCookie: `${CSRF_COOKIE}=${token}; Path=/; HttpOnly; Secure; SameSite=Strict` };
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Throws a 403 unless the request carries a valid token in both the cookie and the form (or header). */
export function checkCsrf(request: HttpRequest, submitted: string | undefined, keys: readonly SessionKey[]): void {
  const given = submitted ?? request.headers[CSRF_HEADER];
  const cookie = request.cookies[CSRF_COOKIE];
  const credential = credentialOf(request);
  const refuse = () => new ForbiddenError('The form\'s security token is missing or does not match your session; reload the page and try again.');
  if (!given || !cookie || !credential || given.length > 128) throw refuse();
  if (!same(given, cookie)) throw refuse();
  if (!keys.some((key) => same(given, csrfTokenFor(credential, key)))) throw refuse();
}
