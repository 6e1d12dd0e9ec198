import { InvalidInputError, PayloadTooLargeError } from '../../../shared/core/errors';
import type { HttpRequest } from '../../../shared/http/request';

const MAX_BODY = 16 * 1024;

/** Whether the request is an HTML form post (a browser), as opposed to a JSON API call. */
export function isFormPost(request: HttpRequest): boolean {
  return (request.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
}

/** The string fields of a form or JSON object body (absent body → no fields). */
export function bodyFields(request: HttpRequest): Record<string, string> {
  const body = request.body ?? '';
  if (body === '') return {};
  if (Buffer.byteLength(body, 'utf8') > MAX_BODY) throw new PayloadTooLargeError(`The request body is larger than ${MAX_BODY} bytes.`);
  if (isFormPost(request)) return Object.fromEntries(new URLSearchParams(body));
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new InvalidInputError('Send a JSON object or a form.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new InvalidInputError('Send a JSON object or a form.');
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) if (typeof value === 'string') out[key] = value;
  return out;
}

/**
 * Login CSRF guard for the POST endpoints: a browser says where a request comes from
 * (`Sec-Fetch-Site`, `Origin`); anything cross-site is refused. Non-browser clients send neither.
 */
export function isCrossSite(request: HttpRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site && site !== 'same-origin' && site !== 'none') return true;
  const origin = request.headers.origin;
  if (!origin || origin === 'null') return origin === 'null';
  const host = request.headers['x-forwarded-host'] ?? request.headers.host;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}
