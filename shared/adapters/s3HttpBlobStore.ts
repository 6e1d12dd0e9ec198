import type { BlobStore } from '../ports/blobStore';
import { isRetryableStatus, isTransientNetworkError, withRetries } from './awsRetry';
import { encodeRfc3986, s3HttpClient, type S3Answer, type S3HttpSettings } from './s3HttpClient';

/**
 * BlobStore on one bucket over signed plain HTTP (SigV4 via `aws4`, kept-alive connections), the
 * trade s3HttpBlobReader makes for the assemble function: a write function's cold start compiles
 * no AWS SDK. Same behaviour as s3BlobStore.ts (the SDK one), checked by the same contract test.
 */
export function s3HttpBlobStore(settings: S3HttpSettings): BlobStore {
  const s3 = s3HttpClient(settings);
  const { bucketPath, objectPath } = s3;
  // Every call here is idempotent (GET, PUT of a whole object, DELETE, list): safe to try again.
  const send = (method: string, path: string, body?: Buffer, headers: Record<string, string> = {}): Promise<S3Answer> => withRetries(
    () => s3.send(method, path, body, headers),
    ({ value, error }) => (value ? isRetryableStatus(value.status, value.body.toString('utf8')) : isTransientNetworkError(error)),
  );
  const fail = (what: string, answer: S3Answer) => new Error(`S3 ${what} answered ${answer.status}: ${answer.body.toString('utf8').slice(0, 200)}`);

  return {
    async getText(key) {
      const answer = await send('GET', objectPath(key));
      if (answer.status === 200) return answer.body.toString('utf8');
      // A missing bucket is a deployment fault, not a missing object: let it surface.
      if (answer.status === 404 && !answer.body.includes('<Code>NoSuchBucket</Code>')) return undefined;
      throw fail(`GET ${key}`, answer);
    },
    async put(key, body, options) {
      const headers: Record<string, string> = { 'Content-Type': options.contentType };
      if (options.cacheControl) headers['Cache-Control'] = options.cacheControl;
      if (options.contentDisposition) headers['Content-Disposition'] = options.contentDisposition;
      const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
      const answer = await send('PUT', objectPath(key), bytes, headers);
      if (answer.status !== 200) throw fail(`PUT ${key}`, answer);
    },
    async delete(key) {
      const answer = await send('DELETE', objectPath(key));
      if (answer.status !== 204 && answer.status !== 200) throw fail(`DELETE ${key}`, answer);
    },
    async list(prefix) {
      const keys: string[] = [];
      // ListObjects (v1) paged by marker, as s3BlobStore does (s3rver cannot page ListObjectsV2).
      for (let truncated = true; truncated;) {
        const marker = keys.at(-1);
        const query = `?prefix=${encodeRfc3986(prefix)}${marker !== undefined ? `&marker=${encodeRfc3986(marker)}` : ''}`;
        const answer = await send('GET', `${bucketPath}/${query}`);
        if (answer.status !== 200) throw fail(`list ${prefix}`, answer);
        const xml = answer.body.toString('utf8');
        const page = [...xml.matchAll(/<Contents>[\s\S]*?<Key>([\s\S]*?)<\/Key>[\s\S]*?<\/Contents>/g)].map((m) => decodeXml(m[1]!));
        keys.push(...page);
        truncated = /<IsTruncated>true<\/IsTruncated>/.test(xml) && page.length > 0;
      }
      return keys.sort();
    },
  };
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return XML_ENTITIES[name] ?? whole;
  });
}
