import { decodeProtectedHeader } from 'jose';
import type { Identity } from '../../shared/auth/identity';
import type { IdpVerifier } from '../../shared/auth/idpToken';
import { bearerToken, verifySessionToken, type SessionKey } from '../../shared/auth/sessionToken';
import { SESSION_COOKIE } from '../../shared/core/edgePolicy';
import { UnauthorizedError } from '../../shared/core/errors';
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
