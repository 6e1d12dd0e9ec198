import { decodeProtectedHeader } from 'jose';
import type { Identity } from '../../shared/auth/identity';
import type { IdpVerifier } from '../../shared/auth/idpToken';
import { bearerToken, verifySessionToken, type SessionKey } from '../../shared/auth/sessionToken';
import { SESSION_COOKIE } from '../../shared/core/edgePolicy';
import { ForbiddenError, UnauthorizedError } from '../../shared/core/errors';
import { isCrossSite } from './auth/form';
import type { HttpRequest } from '../../shared/http/request';

export { SESSION_COOKIE };

export interface IdentityOptions {
  readonly sessionKeys: readonly SessionKey[];
  readonly issuer: string;
  readonly audience: string;
  /** Verifies identity-provider tokens; absent when the stage accepts none. */
  readonly idp?: IdpVerifier;
}

/**
 * Who is calling: `Authorization: Bearer` with a session token (HS256) or an identity-provider
 * token (RS256/ES256), else the session cookie. A bad bearer token is a 401; a bad or expired
 * cookie counts as signed out, so stale cookies do not break reading public wikis.
 */
export function resolveIdentity(request: HttpRequest, options: IdentityOptions): Promise<Identity | undefined> {
  const bearer = bearerToken(request.headers.authorization);
  if (bearer) return verifyBearer(bearer, options);
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return Promise.resolve(undefined);
  return verifySessionToken(cookie, options.sessionKeys, options).catch(() => undefined);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Who is calling the JSON API. As `resolveIdentity`, and a browser's cookie may change something
 * (any method but GET/HEAD/OPTIONS) only when the request says it comes from this site (CSRF):
 * `Sec-Fetch-Site: same-origin` or an `Origin` of this host, AND a JSON content type (which a
 * cross-site form or a "simple" fetch cannot send without a CORS preflight, which we never
 * grant). Bearer tokens are never sent by a browser on its own, so bearer calls are unaffected.
 */
export function resolveApiIdentity(request: HttpRequest, options: IdentityOptions): Promise<Identity | undefined> {
  const usesCookie = !bearerToken(request.headers.authorization) && Boolean(request.cookies[SESSION_COOKIE]);
  if (usesCookie && !SAFE_METHODS.has(request.method.toUpperCase()) && !isSameOriginJson(request)) {
    return Promise.reject(new ForbiddenError(
      'A signed-in browser may change things through the API only from this site, with Content-Type: application/json; other clients use Authorization: Bearer.',
    ));
  }
  return resolveIdentity(request, options);
}

function isSameOriginJson(request: HttpRequest): boolean {
  const contentType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (contentType !== 'application/json') return false;
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin';
  const origin = request.headers.origin;
  return origin !== undefined && origin !== 'null' && !isCrossSite(request);
}

async function verifyBearer(token: string, options: IdentityOptions): Promise<Identity> {
  let alg: string | undefined;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch {
    throw new UnauthorizedError('The token is not valid.');
  }
  if (alg === 'HS256') return verifySessionToken(token, options.sessionKeys, options);
  if (alg === 'RS256' || alg === 'ES256') {
    if (!options.idp) throw new UnauthorizedError('This stage accepts no identity-provider tokens; use a session token.');
    return options.idp(token);
  }
  throw new UnauthorizedError('The token is not valid.');
}
