import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { HttpResponse } from '../shared/http/response';
import { eventV2 } from './events';
import { PageCache, type CachedResponse } from './pageCache';
import type { EdgeGate } from './edge';
import { gatedByEdge, originOf } from './routing';
import { attachmentKeyForPath } from '../shared/core/attachments';

const notFound: CachedResponse = { statusCode: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: Buffer.from('Not found\n') };
/**
 * The distribution's response headers policy for attachments: browsers must not sniff a type
 * other than the one stored (active types are stored with `Content-Disposition: attachment`).
 */
export const ATTACHMENT_RESPONSE_HEADERS = { 'x-content-type-options': 'nosniff' };

export type LambdaHandler = (event: APIGatewayProxyEventV2) => Promise<HttpResponse>;

export interface GatewayOptions {
  readonly write: LambdaHandler;
  readonly assemble: LambdaHandler;
  readonly s3: S3Client;
  readonly bucket: string;
  /** The distribution's 30 s page cache; off for benchmarks of the origin. */
  readonly cache: boolean;
  readonly log?: (line: string) => void;
  /** The edge gate (local/edge.ts) in front of pages, dynamic views and /auth; none = every wiki is open. */
  readonly edge?: EdgeGate;
}

/**
 * The local stand-in for CloudFront: routes like the distribution, caches pages with an X-Cache
 * header, and calls the real handlers with the events their AWS triggers would send.
 */
export function createGateway(options: GatewayOptions): RequestListener & { cache: PageCache } {
  const cache = new PageCache();
  const listener = (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch((error: unknown) => {
      options.log?.(`gateway error: ${String((error as Error)?.stack ?? error)}`);
      if (!response.headersSent) send(response, { statusCode: 502, headers: { 'content-type': 'text/plain' }, body: Buffer.from('Bad gateway\n') }, false);
    });
  };

  async function handle(request: IncomingMessage, response: ServerResponse) {
    let path = (request.url ?? '/').split('?')[0] ?? '/';
    const method = request.method ?? 'GET';
    const head = method === 'HEAD';
    const origin = originOf(path);
    if (origin === 'static') return send(response, await fromBucket(path.slice(1)), head);
    if (options.edge && gatedByEdge(path)) {
      // The viewer-request gate runs before the cache (CloudFront runs it on hits too); the origin
      // and the cache key get its canonical path, and the origin learns what kind of wiki passed.
      const outcome = await options.edge(request, path);
      if (!outcome.pass) return send(response, outcome.response, head);
      request.url = outcome.uri + (request.url ?? '').slice(path.length);
      request.headers['x-wikibot-access'] = outcome.access;
      path = outcome.uri;
    }
    if (origin === 'attachment') return send(response, await attachment(path, method), head);

    const body = await readBody(request);
    if (origin === 'write') {
      const result = await options.write(eventV2(request, body, { routeKey: '$default', apiId: 'local-api', domainName: 'localhost' }));
      return send(response, toCached(result), head);
    }

    const cacheable = options.cache && (method === 'GET' || head);
    const hit = cacheable ? cache.get(path) : undefined;
    if (hit) return send(response, withHeader(hit, 'x-cache', 'Hit from cloudfront'), head);
    const result = toCached(
      await options.assemble(eventV2(request, body, { routeKey: '$default', apiId: 'local-url', domainName: 'localhost' })),
    );
    if (cacheable) cache.put(path, result);
    return send(response, withHeader(result, 'x-cache', options.cache ? 'Miss from cloudfront' : 'Disabled'), head);
  }

  async function fromBucket(key: string): Promise<CachedResponse> {
    try {
      const out = await options.s3.send(new GetObjectCommand({ Bucket: options.bucket, Key: key }));
      const bytes = Buffer.from((await out.Body?.transformToByteArray()) ?? []);
      return {
        statusCode: 200,
        headers: {
          'content-type': out.ContentType ?? 'application/octet-stream',
          'cache-control': out.CacheControl ?? 'public, max-age=31536000, immutable',
          ...(out.ContentDisposition ? { 'content-disposition': out.ContentDisposition } : {}),
        },
        body: bytes,
      };
    } catch {
      return notFound;
    }
  }

  /**
   * An attachment, as the distribution serves it: the page part case-folded to the object key,
   * straight from the bucket, with the response headers policy of the attachments behaviour.
   */
  async function attachment(path: string, method: string): Promise<CachedResponse> {
    const key = attachmentKeyForPath(path);
    if (!key || (method !== 'GET' && method !== 'HEAD')) return notFound;
    const found = await fromBucket(key);
    return { ...found, headers: { ...found.headers, ...ATTACHMENT_RESPONSE_HEADERS } };
  }

  return Object.assign(listener, { cache });
}

function toCached(result: HttpResponse): CachedResponse {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name.toLowerCase()] = String(value);
  // API Gateway turns a payload v2 `cookies` list into one Set-Cookie header each.
  if (result.cookies?.length) headers['set-cookie'] = [...[headers['set-cookie'] ?? []].flat(), ...result.cookies];
  const body = result.body === undefined ? Buffer.alloc(0) : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
  return { statusCode: result.statusCode, headers, body };
}

function withHeader(response: CachedResponse, name: string, value: string): CachedResponse {
  return { ...response, headers: { ...response.headers, [name]: value } };
}

function send(response: ServerResponse, result: CachedResponse, head: boolean) {
  response.writeHead(result.statusCode, { ...result.headers, 'content-length': String(result.body.length) });
  response.end(head ? undefined : result.body);
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}
