import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { startFunctionsServer, type FunctionsServer } from '../../../bench/peers/functionsServer';
import type { HttpResponse } from '../../../shared/http/response';

// The side-by-side's functions mode: no platform, no emulators; fake handlers record their events.
describe('side-by-side functions server', () => {
  const seen: { handler: string; event: APIGatewayProxyEventV2 }[] = [];
  const handler = (name: string) => async (event: APIGatewayProxyEventV2): Promise<HttpResponse> => {
    seen.push({ handler: name, event });
    return { statusCode: 200, headers: { 'Content-Type': 'text/plain' }, cookies: ['a=1'], body: `${name} ${event.rawPath}` };
  };
  let server: FunctionsServer;
  beforeAll(async () => {
    server = await startFunctionsServer({ write: handler('write'), assemble: handler('assemble') });
  });
  afterAll(() => server.close());
  beforeEach(() => (seen.length = 0));

  it('sends the API and the dynamic views to the write handler, pages to the assemble handler', async () => {
    for (const path of ['/api/wikis/bench/w/pages/a', '/bench/w/-/history/folder%200/page%200', '/bench/w/-/changelog', '/bench/w/folder%200/page%2057']) {
      await (await fetch(`${server.url}${path}`)).text();
    }
    expect(seen.map((s) => s.handler)).toEqual(['write', 'write', 'write', 'assemble']);
  });

  it('turns a request into a payload-v2 event and the result into the response', async () => {
    const response = await fetch(`${server.url}/api/wikis/bench/w/pages/a?x=1`, {
      method: 'PUT', headers: { 'content-type': 'application/json', authorization: 'Bearer t' }, body: '{"content":"hi"}',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(response.headers.get('set-cookie')).toBe('a=1');
    expect(await response.text()).toBe('write /api/wikis/bench/w/pages/a');
    const { event } = seen[0]!;
    expect(event).toMatchObject({
      version: '2.0', rawPath: '/api/wikis/bench/w/pages/a', rawQueryString: 'x=1', body: '{"content":"hi"}', isBase64Encoded: false,
      headers: { authorization: 'Bearer t' }, requestContext: { http: { method: 'PUT' } },
    });
  });
});
