import { InvalidInputError, PayloadTooLargeError } from '../../shared/core/errors';
import { jsonBody, type HttpRequest } from '../../shared/http/request';

/** JSON bodies of endpoints without page or attachment content (settings, members, renames). */
export const SMALL_BODY_BYTES = 64 * 1024;

export type Body = Record<string, unknown>;

/** A JSON object body with only `fields`; unknown fields are a 400 (they are usually typos). */
export function readBody(request: HttpRequest, maxBytes: number, fields: readonly string[]): Body {
  const body = jsonBody(request, maxBytes);
  return onlyFields(body, fields);
}

/** Like readBody, but an absent body is `{}` (DELETE may carry a message). */
export function readOptionalBody(request: HttpRequest, maxBytes: number, fields: readonly string[]): Body {
  if (request.body === undefined || request.body === '') return {};
  return readBody(request, maxBytes, fields);
}

export function onlyFields(body: Body, fields: readonly string[]): Body {
  const unknown = Object.keys(body).filter((key) => !fields.includes(key));
  if (unknown.length > 0) {
    throw new InvalidInputError(`Unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}; expected ${fields.map((f) => `"${f}"`).join(', ')}.`);
  }
  return body;
}

export function requiredString(body: Body, field: string, max = 4096): string {
  const value = body[field];
  if (typeof value !== 'string') throw new InvalidInputError(`"${field}" must be a string.`);
  if (value.length > max) throw new InvalidInputError(`"${field}" may be at most ${max} characters.`);
  return value;
}

export function optionalString(body: Body, field: string, max = 4096): string | undefined {
  return body[field] === undefined ? undefined : requiredString(body, field, max);
}

export function optionalBoolean(body: Body, field: string): boolean | undefined {
  const value = body[field];
  if (value !== undefined && typeof value !== 'boolean') throw new InvalidInputError(`"${field}" must be true or false.`);
  return value;
}

/** Nothing in the query string but `allowed` parameters, each at most once. */
export function queryParams(request: HttpRequest, allowed: readonly string[]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of request.query) {
    if (!allowed.includes(key)) {
      throw new InvalidInputError(`Unknown query parameter "${key}"${allowed.length ? `; expected ${allowed.join(', ')}` : ''}.`);
    }
    if (key in out) throw new InvalidInputError(`Query parameter "${key}" is given twice.`);
    out[key] = value;
  }
  return out;
}

/** `limit` of a paginated listing: 1 … max, default `fallback`. */
export function parseLimit(value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > max) throw new InvalidInputError(`"limit" must be a whole number from 1 to ${max}.`);
  return n;
}

/** Base64 (standard or URL-safe, padding optional, whitespace ignored) → bytes; anything else is a 400. */
export function decodeBase64(value: unknown, field: string, maxBytes: number): Uint8Array {
  if (typeof value !== 'string') throw new InvalidInputError(`"${field}" must be a base64 string.`);
  const compact = value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(compact) || compact.length % 4 === 1) {
    throw new InvalidInputError(`"${field}" is not valid base64.`);
  }
  if (Math.floor((compact.replace(/=+$/, '').length * 3) / 4) > maxBytes) throw tooLarge(maxBytes);
  return new Uint8Array(Buffer.from(compact.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
}

/** The 413 for an attachment over the limit, stating the limit. */
export function tooLarge(maxBytes: number): PayloadTooLargeError {
  return new PayloadTooLargeError(
    `An attachment may be at most ${formatBytes(maxBytes)} (${maxBytes} bytes) through the API; larger files are not accepted.`,
  );
}

export function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
}
