/**
 * HS256 session-token verification for the edge (DESIGN §4), with the HMAC function passed in so
 * the same code runs on cloudfront-js-2.0 (`crypto.createHmac`) and on Node. Written in the njs
 * subset (see ./path.ts).
 *
 * Order matters: the header is read only to pick the key (alg must be exactly HS256, kid must be
 * known); the signature is compared in constant time; only then is the payload parsed and its
 * claims checked (the lifetime policy of ./tokenLifetime.ts, `iss`/`aud` equal to the stage's).
 */
import { withinLifetime } from './tokenLifetime';

/** A session-signing key as the edge sees it: the secret's bytes, base64url-encoded. */
export interface EdgeSessionKey {
  readonly secret: string;
  readonly iss: string;
  readonly aud: string;
}

export interface EdgeIdentity {
  readonly sub: string;
}

export interface Hs256Deps {
  /** The key with this `kid`, or undefined when it is unknown. */
  key(kid: string): Promise<EdgeSessionKey | undefined>;
  /** HMAC-SHA256 of `data` (UTF-8) with the key whose bytes `secret` encodes (base64url); base64url out. */
  hmac(secret: string, data: string): string;
  /** Seconds since the epoch. */
  now(): number;
  /** base64url → UTF-8 text; undefined when it is not valid base64url. */
  decode(part: string): string | undefined;
}

/** Tokens longer than this are refused before any work (a session token is ~300 bytes). */
export const MAX_TOKEN_LENGTH = 2048;
const B64URL = /^[A-Za-z0-9_-]+$/;
const KID = /^[A-Za-z0-9._~-]{1,64}$/;

/** The verified identity of a session token, or undefined for any failure. */
export async function verifyHs256(token: string, deps: Hs256Deps): Promise<EdgeIdentity | undefined> {
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) return undefined;
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const h = parts[0] as string;
  const p = parts[1] as string;
  const s = parts[2] as string;
  if (!B64URL.test(h) || !B64URL.test(p) || !B64URL.test(s)) return undefined;
  const header = parseObject(deps.decode(h));
  if (!header || header.alg !== 'HS256' || header.crit !== undefined) return undefined;
  if (header.typ !== undefined && header.typ !== 'JWT') return undefined;
  const kid = header.kid;
  if (typeof kid !== 'string' || !KID.test(kid)) return undefined;
  const key = await deps.key(kid);
  if (!key) return undefined;
  if (!constantTimeEqual(deps.hmac(key.secret, h + '.' + p), s)) return undefined;
  // The signature holds: now, and only now, the claims.
  const claims = parseObject(deps.decode(p));
  if (!claims) return undefined;
  if (!withinLifetime(claims, deps.now())) return undefined;
  if (claims.iss !== key.iss || !audienceMatches(claims.aud, key.aud)) return undefined;
  const sub = claims.sub;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 256) return undefined;
  return { sub: sub };
}

/** Compares two strings in time that depends only on their lengths (written by hand: no timingSafeEqual at the edge). */
export function constantTimeEqual(a: string, b: string): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  let diff = a.length ^ b.length;
  const n = a.length > b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    diff |= (i < a.length ? a.charCodeAt(i) : 0) ^ (i < b.length ? b.charCodeAt(i) : 0);
  }
  return diff === 0;
}

function audienceMatches(aud: unknown, expected: string): boolean {
  if (typeof aud === 'string') return aud === expected;
  if (!Array.isArray(aud) || aud.length === 0 || aud.length > 8) return false;
  for (let i = 0; i < aud.length; i++) if (aud[i] === expected) return true;
  return false;
}

function parseObject(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return undefined;
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
