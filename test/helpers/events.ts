import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** A payload-v2 event as API Gateway HTTP APIs and Function URLs send it. */
export function event(
  method: string,
  rawPath: string,
  options: { body?: string; headers?: Record<string, string>; query?: string } = {},
): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString: options.query ?? '',
    headers: { host: 'localhost', ...(options.body ? { 'content-type': 'application/json' } : {}), ...options.headers },
    requestContext: {
      accountId: '000000000000', apiId: 'test', domainName: 'localhost', domainPrefix: 'localhost',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'jest' },
      requestId: 'test', routeKey: '$default', stage: '$default', time: '', timeEpoch: 0,
    },
    body: options.body,
    isBase64Encoded: false,
  };
}
