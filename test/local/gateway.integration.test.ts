import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { startLocalEdge, type LocalEdge } from '../../local/edge';
import { createGateway } from '../../local/gateway';
import { startTestPeers, TEST_REGION } from '../helpers/peers';
import { TEST_KEYS_SETTING, TOKEN_OPTIONS } from '../helpers/tokens';

/**
 * What each origin receives through the gateway: handlers that record their events stand in for
 * the write and assemble functions; s3rver, dynalite and the edge function are real.
 */
describe('createGateway: what reaches each origin', () => {
  let peers: Awaited<ReturnType<typeof startTestPeers>>;
  let edge: LocalEdge;
  let server: http.Server;
  let base: string;
  const seen: { origin: string; event: APIGatewayProxyEventV2 }[] = [];
  const recorder = (origin: string) => async (event: APIGatewayProxyEventV2) => {
    seen.push({ origin, event });
    return { statusCode: 200, headers: { 'content-type': 'text/plain', 'cache-control': 'max-age=0, s-maxage=30' }, body: origin };
  };
  const last = () => seen[seen.length - 1]!;

  beforeAll(async () => {
    peers = await startTestPeers('gateway-origins');
    edge = await startLocalEdge({
      mode: 'function', dynamo: peers.dynamoClient, dynamoEndpoint: peers.dynamo.endpoint, region: TEST_REGION,
      table: peers.table, sessionKeys: TEST_KEYS_SETTING, ...TOKEN_OPTIONS,
    });
    // An unknown wiki is private at the edge; make alice/open public in its store.
    await edge.store.apply({ puts: [{ key: 'w:alice/open', value: 'public' }], deletes: [] });
    server = http.createServer(createGateway({
      write: recorder('write'), assemble: recorder('assemble'), s3: peers.s3Client, bucket: peers.bucket, cache: true, edge: edge.gate,
    }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await edge?.stop();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await peers?.close();
  });

  const viewer = { cookie: 'a=1; b=2', 'x-forwarded-host': 'evil.example', authorization: 'Bearer x', 'x-custom': 'yes' };

  it('gives the API its own Host, the viewer\'s as X-Forwarded-Host from the gate, and everything else the viewer sent', async () => {
    await fetch(`${base}/auth/login?return_to=%2F`, { headers: viewer });
    const { origin, event } = last();
    expect(origin).toBe('write');
    expect(event.headers.host).toBe('local-api.execute-api.us-east-1.amazonaws.com');
    expect(event.requestContext.domainName).toBe('local-api.execute-api.us-east-1.amazonaws.com');
    expect(event.headers['x-forwarded-host']).toBe(new URL(base).host);
    expect([event.headers['x-custom'], event.headers.authorization, event.cookies, event.rawQueryString]).toEqual(['yes', 'Bearer x', ['a=1', 'b=2'], 'return_to=%2F']);
  });

  it('runs no gate on /api/*: the viewer\'s X-Forwarded-Host arrives as sent (nothing there reads it)', async () => {
    await fetch(`${base}/api/wikis`, { headers: viewer });
    expect(last().event.headers.host).toBe('local-api.execute-api.us-east-1.amazonaws.com');
    expect(last().event.headers['x-forwarded-host']).toBe('evil.example');
  });

  it('gives assemble only the gate\'s verdict: no cookies, no query, no viewer headers, its own Host', async () => {
    const response = await fetch(`${base}/Alice/Open/Home?x=1`, { headers: viewer });
    expect(await response.text()).toBe('assemble');
    const { event } = last();
    expect(event.rawPath).toBe('/alice/open/Home');
    expect([event.rawQueryString, event.cookies, event.headers.authorization, event.headers['x-custom']]).toEqual(['', undefined, undefined, undefined]);
    expect(event.headers.host).toBe('local-url.lambda-url.us-east-1.on.aws');
    expect(event.headers['x-wikibot-access']).toBe('public');
    expect(event.headers['user-agent']).toBe('Amazon CloudFront');
    // Cached by the path the gate forwarded, whatever the query or cookies.
    const again = await fetch(`${base}/alice/open/Home?y=2`);
    expect(again.headers.get('x-cache')).toBe('Hit from cloudfront');
  });

  it('refuses methods a behaviour does not allow, before any origin or gate', async () => {
    const count = seen.length;
    const response = await fetch(`${base}/alice/open/Home`, { method: 'POST', body: 'x' });
    expect(response.status).toBe(403);
    expect(seen.length).toBe(count);
  });

  it('reads static files from static/ + the URL path, taking keys literally', async () => {
    await peers.s3Client.send(new PutObjectCommand({ Bucket: peers.bucket, Key: 'static/static/abc/app.css', Body: 'body{}', ContentType: 'text/css' }));
    await peers.s3Client.send(new PutObjectCommand({ Bucket: peers.bucket, Key: 'static/abc/app.css', Body: 'old layout', ContentType: 'text/css' }));
    const served = await fetch(`${base}/static/abc/app.css`);
    expect([served.status, await served.text()]).toEqual([200, 'body{}']);
    expect(served.headers.get('x-frame-options')).toBe('DENY');
    expect((await fetch(`${base}/static/abc/%61pp.css`)).status).toBe(200);
    expect((await fetch(`${base}/static/abc/App.css`)).status).toBe(403);
  });

  it('answers 413 for an API body over 10 MB announced by Content-Length, without reading it', async () => {
    const count = seen.length;
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL(base);
      const request = http.request({ host: url.hostname, port: url.port, path: '/api/wikis', method: 'POST', headers: { 'content-length': String(11 * 1024 * 1024) } }, (r) => {
        r.resume();
        resolve(r.statusCode ?? 0);
      });
      request.on('error', reject);
      request.end();
    });
    expect(status).toBe(413);
    expect(seen.length).toBe(count);
  });
});
