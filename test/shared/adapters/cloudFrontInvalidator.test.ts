import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { cloudFrontInvalidator } from '../../../shared/adapters/cloudFrontInvalidator';
import { CdnBusyError } from '../../../shared/ports/cdn';

/**
 * The CloudFront adapter against a stand-in of CloudFront's REST API on 127.0.0.1 (no AWS
 * credentials): what it sends, and how it reads CloudFront's answers.
 */
describe('shared/adapters/cloudFrontInvalidator', () => {
  let server: http.Server;
  let answers: { status: number; body: string }[] = [];
  const requests: { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string }[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        requests.push({ method: req.method, url: req.url, headers: req.headers, body });
        const answer = answers.shift() ?? { status: 201, body: '<Invalidation><Id>I1</Id><Status>InProgress</Status></Invalidation>' };
        res.writeHead(answer.status, { 'content-type': 'text/xml' }).end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    answers = [];
    requests.length = 0;
  });

  const invalidator = () => cloudFrontInvalidator({
    distributionId: 'E2EXAMPLE',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token' },
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
  });
  const error = (code: string) => `<?xml version="1.0"?><ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>no</Message></Error></ErrorResponse>`;

  it('posts a signed invalidation batch with the paths and the caller reference', async () => {
    await invalidator().invalidate(['/alice/notes/*', '/bob/a&b/*'], 'wikibot-ref-1');
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect([request!.method, request!.url]).toEqual(['POST', '/2020-05-31/distribution/E2EXAMPLE/invalidation']);
    expect(request!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/cloudfront\/aws4_request/);
    expect(request!.headers['x-amz-security-token']).toBe('token');
    expect(request!.body).toContain('<Paths><Quantity>2</Quantity><Items><Path>/alice/notes/*</Path><Path>/bob/a&amp;b/*</Path></Items></Paths>');
    expect(request!.body).toContain('<CallerReference>wikibot-ref-1</CallerReference>');
  });

  it('sends nothing for no paths', async () => {
    await invalidator().invalidate([]);
    expect(requests).toEqual([]);
  });

  it('calls throttling, too many invalidations in progress and 5xx busy; other refusals are errors', async () => {
    for (const [status, body] of [[400, error('TooManyInvalidationsInProgress')], [400, error('Throttling')], [503, 'unavailable']] as const) {
      answers = [{ status, body }];
      await expect(invalidator().invalidate(['/a/b/*'])).rejects.toBeInstanceOf(CdnBusyError);
    }
    answers = [{ status: 403, body: error('AccessDenied') }];
    const refused = invalidator().invalidate(['/a/b/*']);
    await expect(refused).rejects.toThrow(/403 AccessDenied/);
    await expect(refused).rejects.not.toBeInstanceOf(CdnBusyError);
  });
});
