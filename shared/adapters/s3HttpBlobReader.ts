import * as http from 'node:http';
import * as https from 'node:https';
import { sign } from 'aws4';
import type { BlobReader } from '../ports/blobReader';

export interface S3HttpSettings {
  readonly region: string;
  readonly bucket: string;
  /** A local S3 (s3rver): path-style URLs. Unset in AWS: virtual-hosted HTTPS. */
  readonly endpoint?: string;
  readonly credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/**
 * A BlobReader that signs plain S3 GETs (SigV4, via the small `aws4` package) instead of loading
 * the AWS SDK: the SDK is ~330 KB of code that the assemble function's cold start would compile
 * for one GetObject call. Connections are kept alive across invocations.
 */
export function s3HttpBlobReader(settings: S3HttpSettings): BlobReader {
  const base = settings.endpoint
    ? new URL(settings.endpoint)
    : new URL(`https://${settings.bucket}.s3.${settings.region}.amazonaws.com`);
  const pathPrefix = settings.endpoint ? `/${settings.bucket}` : '';
  const secure = base.protocol === 'https:';
  const agent = secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  const request = secure ? https.request : http.request;

  return {
    getText(key) {
      const options = sign(
        {
          host: base.host,
          path: `${pathPrefix}/${key.split('/').map(encodeRfc3986).join('/')}`,
          service: 's3',
          region: settings.region,
          method: 'GET',
        },
        settings.credentials,
      );
      return new Promise((resolve, reject) => {
        const req = request({ ...options, protocol: base.protocol, hostname: base.hostname, port: base.port, agent }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const body = Buffer.concat(chunks).toString('utf8');
            if (res.statusCode === 200) resolve(body);
            // A missing bucket is a deployment fault, not a missing page: let it surface.
            else if (res.statusCode === 404 && !body.includes('<Code>NoSuchBucket</Code>')) resolve(undefined);
            // The assemble role may read fragments/ but not list the bucket (resources/iam.yml),
            // so S3 answers a missing key with AccessDenied; a bad signature or key is another code.
            else if (res.statusCode === 403 && body.includes('<Code>AccessDenied</Code>')) resolve(undefined);
            else reject(new Error(`S3 GET ${key} answered ${res.statusCode}: ${body.slice(0, 200)}`));
          });
        });
        req.on('error', reject);
        req.end();
      });
    },
  };
}

/** encodeURIComponent plus the characters S3's canonical request also escapes. */
function encodeRfc3986(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
