import * as https from 'node:https';
import * as http from 'node:http';
import { sign } from 'aws4';
import { CdnBusyError, type CdnInvalidator } from '../ports/cdn';

export interface CloudFrontInvalidatorSettings {
  readonly distributionId: string;
  readonly credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Tests only: a local stand-in for `https://cloudfront.amazonaws.com`. */
  readonly endpoint?: string;
}

/** Error codes (or any 5xx) after which the same request may succeed later. */
const BUSY_CODES = new Set(['TooManyInvalidationsInProgress', 'Throttling', 'ThrottlingException', 'RequestLimitExceeded', 'ServiceUnavailable']);

/**
 * CreateInvalidation, signed with `aws4` like the assemble function's S3 reads: one REST call
 * does not justify the CloudFront SDK client in the bundle. CloudFront's API is global (us-east-1).
 */
export function cloudFrontInvalidator(settings: CloudFrontInvalidatorSettings): CdnInvalidator {
  const base = new URL(settings.endpoint ?? 'https://cloudfront.amazonaws.com');
  const request = base.protocol === 'https:' ? https.request : http.request;
  return {
    async invalidate(paths, reference) {
      if (paths.length === 0) return;
      const body = invalidationBatchXml(paths, reference ?? `wikibot-${Date.now()}-${Math.random().toString(36).slice(2)}`);
      const options = sign(
        {
          host: base.host,
          path: `/2020-05-31/distribution/${encodeURIComponent(settings.distributionId)}/invalidation`,
          method: 'POST',
          service: 'cloudfront',
          region: 'us-east-1',
          headers: { 'Content-Type': 'application/xml' },
          body,
        },
        settings.credentials,
      );
      const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = request({ ...options, protocol: base.protocol, hostname: base.hostname, port: base.port }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        });
        req.setTimeout(10_000, () => req.destroy(new CdnBusyError('CloudFront did not answer within 10 s')));
        req.on('error', (error) => reject(error instanceof CdnBusyError ? error : new CdnBusyError(`CloudFront unreachable: ${error.message}`)));
        req.end(body);
      });
      if (status === 201 || status === 200) return;
      const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1] ?? '';
      const message = `CloudFront CreateInvalidation answered ${status} ${code}: ${/<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? text.slice(0, 200)}`;
      throw status >= 500 || BUSY_CODES.has(code) ? new CdnBusyError(message) : new Error(message);
    },
  };
}

export function invalidationBatchXml(paths: readonly string[], reference: string): string {
  const items = paths.map((p) => `<Path>${escapeXml(p)}</Path>`).join('');
  return '<?xml version="1.0" encoding="UTF-8"?>'
    + '<InvalidationBatch xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/">'
    + `<Paths><Quantity>${paths.length}</Quantity><Items>${items}</Items></Paths>`
    + `<CallerReference>${escapeXml(reference)}</CallerReference></InvalidationBatch>`;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
