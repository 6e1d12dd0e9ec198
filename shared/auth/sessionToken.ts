import { SignJWT, jwtVerify, errors } from 'jose';
import { UnauthorizedError } from '../core/errors';
import type { Identity } from './identity';

export interface SessionKey {
  readonly kid: string;
  readonly secret: Uint8Array;
}

export interface SessionTokenOptions {
  readonly issuer: string;
  readonly audience: string;
}

export const MAX_SESSION_SECONDS = 8 * 60 * 60;

/** Signs an HS256 session token (DESIGN §4): `kid` header, `exp` at most 8 h ahead. */
export async function signSessionToken(
  identity: Identity,
  key: SessionKey,
  options: SessionTokenOptions & { ttlSeconds: number; now?: Date },
): Promise<string> {
  const ttl = Math.min(options.ttlSeconds, MAX_SESSION_SECONDS);
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return new SignJWT({ name: identity.name, ...(identity.email ? { email: identity.email } : {}) })
    .setProtectedHeader({ alg: 'HS256', kid: key.kid, typ: 'JWT' })
    .setSubject(identity.sub)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttl)
    .sign(key.secret);
}

/** Verifies a session token against the keys in rotation; any failure is a 401. */
export async function verifySessionToken(
  token: string,
  keys: readonly SessionKey[],
  options: SessionTokenOptions,
): Promise<Identity> {
  try {
    const { payload } = await jwtVerify(
      token,
      (header) => {
        const key = keys.find((k) => k.kid === header.kid);
        if (!key) throw new UnauthorizedError('The token was signed with an unknown key.');
        return key.secret;
      },
      { algorithms: ['HS256'], issuer: options.issuer, audience: options.audience, clockTolerance: 60, requiredClaims: ['exp', 'sub'] },
    );
    // No session outlives 8 h (DESIGN §4), whatever a token claims: the edge refuses it too.
    const now = Math.floor(Date.now() / 1000);
    if (typeof payload.exp !== 'number' || payload.exp > now + MAX_SESSION_SECONDS + 60) {
      throw new UnauthorizedError('The token lives longer than a session may.');
    }
    const sub = payload.sub ?? '';
    return {
      sub,
      name: typeof payload.name === 'string' ? payload.name : sub,
      ...(typeof payload.email === 'string' ? { email: payload.email } : {}),
    };
  } catch (error) {
    if (error instanceof UnauthorizedError) throw error;
    if (error instanceof errors.JWTExpired) throw new UnauthorizedError('The token has expired; sign in again.');
    throw new UnauthorizedError('The token is not valid.');
  }
}

/** The token of an `Authorization: Bearer …` header, if any. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}
