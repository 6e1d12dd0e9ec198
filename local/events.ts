import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { randomUUID } from 'node:crypto';

const TEXTUAL = /^(text\/|application\/(json|x-www-form-urlencoded|xml|javascript))/;

/** What eventV2 reads of a request: a Node request, or the one the gateway builds for an origin. */
export type EventSource = Pick<IncomingMessage, 'method' | 'url' | 'headers' | 'httpVersion'> & { readonly socket: { readonly remoteAddress?: string } };

/**
 * The payload-v2 event API Gateway HTTP APIs and Lambda Function URLs send, built from a Node
 * request: lower-cased headers, cookies split out, binary bodies base64-encoded.
 */
export function eventV2(
  request: EventSource,
  body: Buffer,
  target: { routeKey: string; apiId: string; domainName: string },
): APIGatewayProxyEventV2 {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined && name !== 'cookie') headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const cookies = request.headers.cookie?.split(/;\s*/).filter(Boolean);
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) query[key] = query[key] ? `${query[key]},${value}` : value;
  const textual = TEXTUAL.test(headers['content-type'] ?? 'text/plain');
  const now = new Date();
  const rawPath = (request.url ?? '/').split('?')[0] ?? '/';
  return {
    version: '2.0',
    routeKey: target.routeKey,
    rawPath,
    rawQueryString: url.search.slice(1),
    ...(cookies?.length ? { cookies } : {}),
    headers,
    ...(url.search ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: target.apiId,
      domainName: target.domainName,
      domainPrefix: target.domainName.split('.')[0] ?? target.domainName,
      http: {
        method: request.method ?? 'GET',
        path: rawPath,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: target.routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length ? { body: textual ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !textual,
  };
}
