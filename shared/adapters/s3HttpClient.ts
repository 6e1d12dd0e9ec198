import * as http from 'node:http';
import * as https from 'node:https';
import { sign } from 'aws4';

export interface S3HttpSettings {
  readonly region: string;
  readonly bucket: string;
  /** A local S3 (s3rver): path-style URLs. Unset in AWS: virtual-hosted HTTPS. */
  readonly endpoint?: string;
  readonly credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export interface S3Answer {
  readonly status: number;
  readonly body: Buffer;
}

export interface S3HttpClient {
  /** The bucket's path: `/{bucket}` path-style (a local S3), empty virtual-hosted (AWS). */
  readonly bucketPath: string;
  /** An object's path, each segment escaped as S3's canonical request does. */
  objectPath(key: string): string;
  /** One signed request, its whole answer; no retries (the caller knows what is idempotent). */
  send(method: string, path: string, body?: Buffer, headers?: Record<string, string>): Promise<S3Answer>;
}

/**
 * Signed plain S3 REST calls on one bucket (SigV4 via the small `aws4` package) over kept-alive
 * connections, shared by s3HttpBlobReader (the assemble function) and s3HttpBlobStore (the write
 * and backfill functions): the AWS SDK is ~330 KB of code a cold start would compile.
 */
export function s3HttpClient(settings: S3HttpSettings): S3HttpClient {
  const base = settings.endpoint
    ? new URL(settings.endpoint)
    : new URL(`https://${settings.bucket}.s3.${settings.region}.amazonaws.com`);
  const bucketPath = settings.endpoint ? `/${settings.bucket}` : '';
  const secure = base.protocol === 'https:';
  const agent = secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  const request = secure ? https.request : http.request;
  return {
    bucketPath,
    objectPath: (key) => `${bucketPath}/${key.split('/').map(encodeRfc3986).join('/')}`,
    send(method, path, body, headers = {}) {
      const options = sign({ host: base.host, path, service: 's3', region: settings.region, method, headers, ...(body ? { body } : {}) }, settings.credentials);
      return new Promise((resolve, reject) => {
        const req = request({ ...options, protocol: base.protocol, hostname: base.hostname, port: base.port, agent }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
        });
        req.on('error', reject);
        req.end(body);
      });
    },
  };
}

/** encodeURIComponent plus the characters S3's canonical request also escapes. */
export function encodeRfc3986(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
