import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JSONWebKeySet } from 'jose';
import { UnauthorizedError } from '../core/errors';
import { CLOCK_SKEW_SECONDS, withinLifetime } from '../core/edge/tokenLifetime';
import type { Identity } from './identity';

/** The stage's identity provider (DESIGN §4): tokens signed RS256/ES256, keys from a JWKS. */
export interface IdpSettings {
  readonly issuer: string;
  readonly audience: string;
  /** The key set itself (inline JSON) or where to fetch it (jose caches it and refetches on a new `kid`). */
  readonly jwks: JSONWebKeySet | URL;
}

export const IDP_ALGORITHMS = ['RS256', 'ES256'];

export type IdpVerifier = (token: string) => Promise<Identity>;

/** Verifies identity-provider tokens; any failure is a 401. Claims: `sub`, `name` (or `preferred_username`), `email`. */
export function idpVerifier(settings: IdpSettings): IdpVerifier {
  const keys = settings.jwks instanceof URL ? createRemoteJWKSet(settings.jwks) : createLocalJWKSet(settings.jwks);
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, keys, {
        algorithms: IDP_ALGORITHMS,
        issuer: settings.issuer,
        audience: settings.audience,
        clockTolerance: CLOCK_SKEW_SECONDS,
        requiredClaims: ['exp', 'iat', 'sub'],
      });
      // The same lifetime policy as session tokens: a 30-day provider token is refused (docs/auth.md).
      if (!withinLifetime(payload, Math.floor(Date.now() / 1000))) {
        throw new UnauthorizedError('The identity-provider token was issued in the future or lives longer than 8 h; get a fresh one.');
      }
      const sub = payload.sub ?? '';
      if (!sub) throw new UnauthorizedError('The token has no subject.');
      const name = typeof payload.name === 'string' ? payload.name
        : typeof payload.preferred_username === 'string' ? payload.preferred_username : sub;
      return { sub, name, ...(typeof payload.email === 'string' ? { email: payload.email } : {}) };
    } catch (error) {
      if (error instanceof UnauthorizedError) throw error;
      if (error instanceof errors.JWTExpired) throw new UnauthorizedError('The token has expired; sign in again.');
      throw new UnauthorizedError('The identity-provider token is not valid.');
    }
  };
}
