import { SignJWT, jwtVerify, errors } from 'jose';
import { UnauthorizedError } from '../core/errors';
import { CLOCK_SKEW_SECONDS, MAX_TOKEN_AGE_SECONDS, withinLifetime } from '../core/edge/tokenLifetime';
import type { Identity } from './identity';

export interface SessionKey {
  readonly kid: string;
  readonly secret: Uint8Array;
}

export interface SessionTokenOptions {
  readonly issuer: string;
  readonly audience: string;
}

export const MAX_SESSION_SECONDS = MAX_TOKEN_AGE_SECONDS;

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

/**
 * Each key imported once per instance: jose would import a raw secret again for every token it
 * verifies (a WebCrypto job of its own, before the one that checks the signature).
 */
const verifyKeys = new WeakMap<SessionKey, Promise<CryptoKey>>();
const verifyKeyOf = (key: SessionKey): Promise<CryptoKey> => {
  let imported = verifyKeys.get(key);
  if (!imported) {
    imported = crypto.subtle.importKey('raw', key.secret as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
    verifyKeys.set(key, imported);
  }
  return imported;
};

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
        return verifyKeyOf(key);
      },
      { algorithms: ['HS256'], issuer: options.issuer, audience: options.audience, clockTolerance: CLOCK_SKEW_SECONDS, requiredClaims: ['exp', 'iat', 'sub'] },
    );
    // The one lifetime policy of every verifier, the edge's included (docs/auth.md).
    if (!withinLifetime(payload, Math.floor(Date.now() / 1000))) {
      throw new UnauthorizedError('The token was issued in the future or lives longer than a session may (8 h).');
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
