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
  readonly body: string | undefined;
}

/** Payload-v2 events (HTTP API and Function URLs share the shape) → HttpRequest. */
export function fromEventV2(event: APIGatewayProxyEventV2): HttpRequest {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) headers[name.toLowerCase()] = value;
  const body =
    event.body === undefined || event.body === null
      ? undefined
      : event.isBase64Encoded
        ? Buffer.from(event.body, 'base64').toString('utf8')
        : event.body;
  const rawPath = event.rawPath ?? '/';
  return {
    method: event.requestContext?.http?.method?.toUpperCase() ?? 'GET',
    segments: decodeSegments(rawPath),
    rawPath,
    query: new URLSearchParams(event.rawQueryString ?? ''),
    headers,
    body,
  };
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
