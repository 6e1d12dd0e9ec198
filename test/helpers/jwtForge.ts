import { createHmac, generateKeyPairSync, createSign, type KeyObject } from 'node:crypto';

/** Hand-made JWTs for the attack corpus: any header, any payload, any key, any signature. */
export const b64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

export function hs256(header: Record<string, unknown>, payload: Record<string, unknown>, secret: string | Buffer): string {
  const input = `${b64url(header)}.${b64url(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

export function rs256(header: Record<string, unknown>, payload: Record<string, unknown>, key: KeyObject): string {
  const input = `${b64url(header)}.${b64url(payload)}`;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(key).toString('base64url')}`;
}

export const rsaPair = () => generateKeyPairSync('rsa', { modulusLength: 2048 });

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The claims a valid session token carries, overridable. */
export function claims(sub: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = nowSeconds();
  return { sub, name: `${sub} person`, iss: 'wikibot', aud: 'wikibot', iat: now, exp: now + 3600, ...overrides };
}
