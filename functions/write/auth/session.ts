import { decodeProtectedHeader } from 'jose';
import type { Identity } from '../../../shared/auth/identity';
import { bearerToken, signSessionToken, verifySessionToken, MAX_SESSION_SECONDS } from '../../../shared/auth/sessionToken';
import { ForbiddenError, InvalidInputError, UnauthorizedError } from '../../../shared/core/errors';
import type { HttpRequest } from '../../../shared/http/request';
import { json, type HttpResponse } from '../../../shared/http/response';
import { sessionCookie, signedInHintCookie } from './cookies';
import { DEFAULT_SESSION_SECONDS, type AuthDeps } from './deps';
import { bodyFields, isCrossSite, isFormPost } from './form';
import { safeReturnTo } from './returnTo';

export interface IssuedSession {
  readonly token: string;
  readonly expiresAt: Date;
  readonly cookie: string;
  /** The script-readable `wb_signed_in` hint that goes with it (payload v2 `cookies`). */
  readonly hintCookie: string;
}

/** Signs a session for `identity` with the first key in rotation, at most 8 h and at most until `notAfter`. */
export async function issueSession(identity: Identity, deps: AuthDeps, notAfter?: Date): Promise<IssuedSession> {
  const key = deps.sessionKeys[0];
  if (!key) throw new Error('No session key is configured.');
  const now = deps.now?.() ?? new Date();
  let ttl = Math.min(deps.sessionSeconds ?? DEFAULT_SESSION_SECONDS, MAX_SESSION_SECONDS);
  if (notAfter) ttl = Math.min(ttl, Math.floor((notAfter.getTime() - now.getTime()) / 1000));
  if (ttl <= 0) throw new UnauthorizedError('The token has expired; sign in again.');
  const token = await signSessionToken(identity, key, { issuer: deps.issuer, audience: deps.audience, ttlSeconds: ttl, now });
  const expiresAt = new Date(Math.floor(now.getTime() / 1000) * 1000 + ttl * 1000);
  return { token, expiresAt, cookie: sessionCookie(token, ttl), hintCookie: signedInHintCookie(ttl) };
}

/**
 * POST /auth/session: a verified token → the `__Host-wb_session` cookie. The token comes as
 * `Authorization: Bearer`, or a `token` field (JSON or form). An identity-provider token
 * (RS256/ES256, the stage's issuer and JWKS) gets a fresh session of up to 8 h; a session token
 * (HS256, e.g. from `npm run token`) gets one that ends no later than it does, so exchanging
 * cannot extend a session. A form post is redirected to `return_to`; an API call gets JSON.
 */
export async function createSession(request: HttpRequest, deps: AuthDeps): Promise<HttpResponse> {
  if (request.method !== 'POST') throw new InvalidInputError('Use POST /auth/session.');
  if (isCrossSite(request)) throw new ForbiddenError('Sessions can only be created from this site.');
  const fields = bodyFields(request);
  const token = bearerToken(request.headers.authorization) ?? fields.token;
  if (!token) throw new UnauthorizedError('Send the identity-provider token as a bearer token or a "token" field.');
  let alg: string | undefined;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch {
    throw new UnauthorizedError('The token is not valid.');
  }
  let identity: Identity;
  let notAfter: Date | undefined;
  if (alg === 'RS256' || alg === 'ES256') {
    if (!deps.idp) throw new UnauthorizedError('This stage has no identity provider; use a session token.');
    identity = await deps.idp(token);
  } else if (alg === 'HS256') {
    identity = await verifySessionToken(token, deps.sessionKeys, deps);
    const exp = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')).exp as number;
    notAfter = new Date(exp * 1000);
  } else {
    throw new UnauthorizedError('The token is not valid.');
  }
  const session = await issueSession(identity, deps, notAfter);
  if (isFormPost(request)) {
    return { statusCode: 303, headers: { location: safeReturnTo(fields.return_to), 'cache-control': 'no-store', 'set-cookie': session.cookie }, cookies: [session.hintCookie], body: '' };
  }
  return { ...json(200, { sub: identity.sub, name: identity.name, expiresAt: session.expiresAt.toISOString() }, { 'set-cookie': session.cookie }), cookies: [session.hintCookie] };
}
