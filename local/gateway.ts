import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { S3Client } from '@aws-sdk/client-s3';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { HttpResponse } from '../shared/http/response';
import { getFromBucket } from './bucketOrigin';
import { behaviourFor, loadDistribution, type Behaviour, type Distribution } from './distribution';
import type { EdgeGate } from './edge';
import { eventV2 } from './events';
import { originRequestHeaders } from './originRequest';
import { PageCache, type CachedResponse } from './pageCache';

/** API Gateway HTTP APIs refuse a request payload over 10 MB with 413. */
export const MAX_API_BODY_BYTES = 10 * 1024 * 1024;

export type LambdaHandler = (event: APIGatewayProxyEventV2) => Promise<HttpResponse>;

export interface GatewayOptions {
  readonly write: LambdaHandler;
  readonly assemble: LambdaHandler;
  readonly s3: S3Client;
  readonly bucket: string;
  /** The distribution's caches; off for benchmarks of the origin. */
  readonly cache: boolean;
  readonly log?: (line: string) => void;
  /**
   * The edge function on the behaviours the template associates it with (local/edge.ts). Without
   * one the gateway is a distribution with no function: nothing gated, mapped or forwarded.
   */
  readonly edge?: EdgeGate;
  /** Default: resources/cloudfront.yml read for this region and bucket. */
  readonly distribution?: Distribution;
  readonly region?: string;
}

const text = (statusCode: number, message: string, headers: Record<string, string> = {}): CachedResponse =>
  ({ statusCode, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers }, body: Buffer.from(`${message}\n`) });

/**
 * The local stand-in for CloudFront, run from the distribution's own template (local/distribution.ts):
 * picks the behaviour by the raw path in CloudFront's order, runs the edge function where the
 * template associates it, caches by path with the behaviour's TTLs (X-Cache), and sends the origin
 * exactly what CloudFront would: OriginPath + the (possibly function-rewritten) path, the headers,
 * cookies and query strings of the origin request policy, the origin's own Host. It decides
 * nothing itself: no mapping, rewrite or access rule lives here.
 */
export function createGateway(options: GatewayOptions): RequestListener & { cache: PageCache; distribution: Distribution } {
  const distribution = options.distribution ?? loadDistribution({ region: options.region ?? 'us-east-1', bucket: options.bucket });
  const cache = new PageCache(Date.now, distribution.errorCachingMinTtl);
  const listener = (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch((error: unknown) => {
      options.log?.(`gateway error: ${String((error as Error)?.stack ?? error)}`);
      if (!response.headersSent) send(response, text(502, 'Bad gateway'), false);
    });
  };

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = request.url ?? '/';
    const rawPath = url.split('?')[0] ?? '/';
    const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
    const method = request.method ?? 'GET';
    const head = method === 'HEAD';
    const behaviour = behaviourFor(distribution, rawPath);
    if (!behaviour.allowedMethods.includes(method)) {
      return send(response, text(403, 'This distribution is not configured to allow the HTTP request method that was used for this request.'), head);
    }

    let uri = rawPath;
    let headers = viewerHeaders(request);
    if (behaviour.edgeGate && options.edge) {
      const outcome = await options.edge(request, rawPath);
      if (!outcome.pass) return send(response, outcome.response, head);
      uri = outcome.uri;
      headers = outcome.headers;
    }

    const cacheable = options.cache && behaviour.cache !== undefined && (method === 'GET' || head);
    const hit = cacheable ? cache.get(uri) : undefined;
    if (hit) return send(response, withHeaders(hit, behaviour, 'Hit from cloudfront'), head);

    let body: Buffer = Buffer.alloc(0);
    if (behaviour.origin.kind === 'api') {
      const read = await readBody(request, MAX_API_BODY_BYTES);
      if (read === 'too large') return send(response, text(413, `Request body larger than ${MAX_API_BODY_BYTES} bytes (the HTTP API's payload limit).`, { connection: 'close' }), head);
      body = read;
    }
    const result = await fromOrigin(behaviour, method, uri, behaviour.forward.queryStrings ? query : '', headers, request, body);
    if (cacheable && behaviour.cache) cache.put(uri, result, behaviour.cache);
    return send(response, withHeaders(result, behaviour, options.cache ? 'Miss from cloudfront' : 'Disabled'), head);
  }

  async function fromOrigin(
    behaviour: Behaviour, method: string, uri: string, query: string, headers: Record<string, string>, viewer: IncomingMessage, body: Buffer,
  ): Promise<CachedResponse> {
    const origin = behaviour.origin;
    const path = origin.originPath + uri;
    if (origin.kind === 'bucket') return getFromBucket(options.s3, options.bucket, path);
    const forwarded = { ...originRequestHeaders(headers, behaviour.forward, origin.host, viewer.socket.remoteAddress ?? '127.0.0.1'), ...origin.customHeaders };
    const event = eventV2(
      { method, url: query ? `${path}?${query}` : path, headers: forwarded, httpVersion: viewer.httpVersion, socket: viewer.socket },
      body,
      { routeKey: '$default', apiId: origin.kind === 'api' ? 'local-api' : 'local-url', domainName: origin.host },
    );
    return toCached(await (origin.kind === 'api' ? options.write(event) : options.assemble(event)));
  }

  return Object.assign(listener, { cache, distribution });
}

/** The viewer's headers as CloudFront sees them: lower-case names, repeated ones joined. */
function viewerHeaders(request: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(name === 'cookie' ? '; ' : ',') : value;
  }
  return out;
}

/** A handler's payload-v2 result as the HTTP response API Gateway makes of it. */
export function toCached(result: HttpResponse): CachedResponse {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name.toLowerCase()] = String(value);
  // API Gateway turns a payload v2 `cookies` list into one Set-Cookie header each.
  if (result.cookies?.length) headers['set-cookie'] = [...[headers['set-cookie'] ?? []].flat(), ...result.cookies];
  const body = result.body === undefined ? Buffer.alloc(0) : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
  return { statusCode: result.statusCode, headers, body };
}

/** The behaviour's response headers policy (it overrides the origin's), and CloudFront's X-Cache. */
function withHeaders(response: CachedResponse, behaviour: Behaviour, xCache: string): CachedResponse {
  return { ...response, headers: { ...response.headers, ...behaviour.responseHeaders, 'x-cache': xCache } };
}

export function send(response: ServerResponse, result: CachedResponse, head: boolean) {
  response.writeHead(result.statusCode, { ...result.headers, 'content-length': String(result.body.length) });
  response.end(head ? undefined : result.body);
}

/** The request body, or 'too large' past `limit` bytes (announced or streamed), without buffering more. */
export function readBody(request: IncomingMessage, limit: number): Promise<Buffer | 'too large'> {
  if (Number(request.headers['content-length'] ?? 0) > limit) {
    request.resume();
    return Promise.resolve('too large');
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.off('data', onData);
        request.resume();
        resolve('too large');
      } else {
        chunks.push(chunk);
      }
    };
    request.on('data', onData);
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
