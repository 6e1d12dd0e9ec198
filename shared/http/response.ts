import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { WikibotError } from '../core/errors';

export type HttpResponse = APIGatewayProxyStructuredResultV2 & { statusCode: number };

const STATUS: Record<string, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  stale_revision: 409,
  payload_too_large: 413,
  page_too_complex: 422,
};

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}

export function statusOf(error: WikibotError): number {
  return STATUS[error.code] ?? 500;
}

/**
 * The one place where errors become HTTP. Known errors keep their message; anything else is
 * logged and answered with a generic 500 so internals do not leak.
 */
export function errorToJson(error: unknown, log: (entry: Record<string, unknown>) => void): HttpResponse {
  if (error instanceof WikibotError) {
    const status = statusOf(error);
    const headers: Record<string, string> = status === 401 ? { 'www-authenticate': 'Bearer' } : {};
    return json(status, { error: { code: error.code, message: error.message, ...error.details } }, headers);
  }
  log({ level: 'ERROR', message: 'Unhandled error', error: String((error as Error)?.stack ?? error) });
  return json(500, { error: { code: 'internal', message: 'Something went wrong on our side; the request may be retried.' } });
}
