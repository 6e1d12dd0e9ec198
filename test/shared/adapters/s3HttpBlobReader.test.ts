import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { s3HttpBlobReader } from '../../../shared/adapters/s3HttpBlobReader';

/**
 * What S3 answers the assemble role, which may read fragments/ but not list the bucket
 * (resources/iam.yml): a missing key is 403 AccessDenied, read as missing; any other 403 (a bad
 * signature, an unknown key) is a fault that must surface. A stand-in on 127.0.0.1 plays S3,
 * since s3rver does not evaluate IAM.
 */
describe('shared/adapters/s3HttpBlobReader without s3:ListBucket', () => {
  let server: http.Server;
  let answer = { status: 200, body: '' };

  beforeAll(async () => {
    server = http.createServer((_req, res) => res.writeHead(answer.status, { 'content-type': 'application/xml' }).end(answer.body));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const reader = () => s3HttpBlobReader({
    region: 'us-east-1', bucket: 'b', endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
  });
  const error = (code: string) => `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>no</Message></Error>`;

  it('reads AccessDenied for a key as a missing key', async () => {
    answer = { status: 403, body: error('AccessDenied') };
    await expect(reader().getText('fragments/u/w/pages/none.html')).resolves.toBeUndefined();
  });

  it('surfaces any other 403 and a missing bucket', async () => {
    for (const code of ['SignatureDoesNotMatch', 'InvalidAccessKeyId', 'ExpiredToken']) {
      answer = { status: 403, body: error(code) };
      await expect(reader().getText('fragments/u/w/shell.html')).rejects.toThrow(new RegExp(`403.*${code}`));
    }
    answer = { status: 404, body: error('NoSuchBucket') };
    await expect(reader().getText('fragments/u/w/shell.html')).rejects.toThrow(/404/);
  });
});
