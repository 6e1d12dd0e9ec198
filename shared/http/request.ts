import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { InvalidInputError, PayloadTooLargeError } from '../core/errors';

/** What a handler needs from an HTTP event, independent of API Gateway or a Function URL. */
export interface HttpRequest {
  readonly method: string;
  /** Path segments, percent-decoded, empty segments dropped. */
  readonly segments: readonly string[];
  readonly rawPath: string;
  readonly query: URLSearchParams;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** Cookies by name, from the event's `cookies` list (payload v2) or a `cookie` header. */
  readonly cookies: Readonly<Record<string, string>>;
  /** The body as UTF-8 text (JSON endpoints). */
  readonly body: string | undefined;
  /** The body as bytes, base64-decoded when API Gateway encoded it (binary uploads). */
  readonly bodyBytes: Uint8Array | undefined;
}

/** Payload-v2 events (HTTP API and Function URLs share the shape) → HttpRequest. */
export function fromEventV2(event: APIGatewayProxyEventV2): HttpRequest {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) headers[name.toLowerCase()] = value;
  const bodyBytes =
    event.body === undefined || event.body === null
      ? undefined
      : event.isBase64Encoded
        ? Buffer.from(event.body, 'base64')
        : Buffer.from(event.body, 'utf8');
  const body = event.body === undefined || event.body === null
    ? undefined
    : event.isBase64Encoded ? bodyBytes!.toString('utf8') : event.body;
  const rawPath = event.rawPath ?? '/';
  return {
    method: event.requestContext?.http?.method?.toUpperCase() ?? 'GET',
    segments: decodeSegments(rawPath),
    rawPath,
    query: new URLSearchParams(event.rawQueryString ?? ''),
    headers,
    cookies: parseCookies([...(event.cookies ?? []), ...(headers.cookie ? headers.cookie.split(';') : [])]),
    body,
    bodyBytes,
  };
}

/** `name=value` pairs → a map; the first occurrence of a name wins, values are not decoded. */
export function parseCookies(pairs: readonly string[]): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq).trim();
    if (name && !(name in cookies)) cookies[name] = pair.slice(eq + 1).trim();
  }
  return cookies;
}

export function decodeSegments(rawPath: string): string[] {
  return rawPath
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        throw new InvalidInputError(`Malformed percent-encoding in path segment "${s}".`);
      }
    });
}

/** Parses a JSON object body of at most `maxBytes`; anything else is a 400 (or 413). */
export function jsonBody(request: HttpRequest, maxBytes: number): Record<string, unknown> {
  if (request.body === undefined || request.body === '') {
    throw new InvalidInputError('Request body is missing: send a JSON object.');
  }
  if (Buffer.byteLength(request.body, 'utf8') > maxBytes) {
    throw new PayloadTooLargeError(`Request body is larger than ${maxBytes} bytes.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(request.body);
  } catch {
    throw new InvalidInputError('Request body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvalidInputError('Request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}
