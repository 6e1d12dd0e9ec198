import * as http from 'node:http';
import * as https from 'node:https';
import { sign } from 'aws4';
import { isRetryableStatus, isTransientNetworkError, withRetries } from './awsRetry';

export interface AwsHttpSettings {
  readonly region: string;
  /** A local peer (dynalite, a test server): http://host:port. Unset in AWS. */
  readonly endpoint?: string;
  readonly credentials: () => { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export type AttributeMap = Record<string, { S?: string; BOOL?: boolean; N?: string } | undefined>;

/** A JSON-protocol service's error answer; `code` is its `__type` without the namespace (e.g. ConditionalCheckFailedException). */
export class AwsServiceError extends Error {
  readonly code: string;
  constructor(service: string, operation: string, readonly status: number, body: string) {
    super(`${service} ${operation} answered ${status}: ${body.slice(0, 200)}`);
    let type = '';
    try {
      type = String((JSON.parse(body) as { __type?: unknown }).__type ?? '');
    } catch {
      // not JSON: no code
    }
    this.code = type.slice(type.lastIndexOf('#') + 1);
  }
}

/**
 * One signed AWS JSON-protocol call (SigV4 via `aws4`) over a kept-alive connection, for the
 * Lambda@Edge gate, whose bundle must stay small: DynamoDB GetItem and SSM GetParameter are all it
 * needs, so it does without the AWS SDK (see s3HttpBlobReader.ts for the same trade).
 */
export type AwsJsonCall = (operation: string, input: unknown) => Promise<Record<string, unknown>>;

export function awsJsonClient(service: 'dynamodb' | 'ssm', target: string, settings: AwsHttpSettings): AwsJsonCall {
  const base = new URL(settings.endpoint ?? `https://${service}.${settings.region}.amazonaws.com`);
  const secure = base.protocol === 'https:';
  const agent = secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  const request = secure ? https.request : http.request;
  const contentType = service === 'dynamodb' ? 'application/x-amz-json-1.0' : 'application/x-amz-json-1.1';

  // Throttles, 5xx and a closed kept-alive socket are tried again, as the SDK's standard mode does.
  return (operation: string, input: unknown): Promise<Record<string, unknown>> => withRetries(
    () => callOnce(operation, input),
    ({ error }) => (error instanceof AwsServiceError ? isRetryableStatus(error.status, error.code) : isTransientNetworkError(error)),
  );

  function callOnce(operation: string, input: unknown): Promise<Record<string, unknown>> {
    const body = JSON.stringify(input);
    const options = sign(
      {
        host: base.host, path: '/', method: 'POST', service, region: settings.region, body,
        headers: { 'content-type': contentType, 'x-amz-target': `${target}.${operation}` },
      },
      settings.credentials(),
    );
    return new Promise((resolve, reject) => {
      const req = request({ ...options, protocol: base.protocol, hostname: base.hostname, port: base.port, agent, timeout: 3000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) return reject(new AwsServiceError(service, operation, res.statusCode ?? 0, text));
          try {
            resolve(JSON.parse(text) as Record<string, unknown>);
          } catch {
            reject(new Error(`${service} ${operation} answered with something that is not JSON.`));
          }
        });
      });
      req.on('timeout', () => req.destroy(new Error(`${service} ${operation} timed out.`)));
      req.on('error', reject);
      req.end(body);
    });
  }
}

/** The Lambda runtime's credentials (Lambda@Edge has them too, though no other environment variables). */
export function environmentCredentials() {
  return {
    accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? '',
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? '',
    ...(process.env.AWS_SESSION_TOKEN ? { sessionToken: process.env.AWS_SESSION_TOKEN } : {}),
  };
}
