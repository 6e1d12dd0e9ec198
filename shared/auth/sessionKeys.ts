import { InvalidInputError } from '../core/errors';
import type { SessionKey } from './sessionToken';

const MIN_SECRET_LENGTH = 32;

/**
 * Parses `kid=secret[,kid=secret…]`, the format of the stage's session-key setting. Several keys
 * verify at once during a rotation; the first one signs.
 */
export function parseSessionKeys(value: string): SessionKey[] {
  const keys = value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const eq = part.indexOf('=');
      const kid = eq > 0 ? part.slice(0, eq).trim() : '';
      const secret = eq > 0 ? part.slice(eq + 1).trim() : '';
      if (!kid || secret.length < MIN_SECRET_LENGTH) {
        throw new InvalidInputError(
          `Session keys must look like "kid=secret" with a secret of at least ${MIN_SECRET_LENGTH} characters.`,
        );
      }
      return { kid, secret: new TextEncoder().encode(secret) };
    });
  if (keys.length === 0) throw new InvalidInputError('No session key is configured.');
  return keys;
}
