import type { BlobReader } from '../ports/blobReader';
import { s3HttpClient, type S3HttpSettings } from './s3HttpClient';

export type { S3HttpSettings } from './s3HttpClient';

/**
 * A BlobReader that signs plain S3 GETs (s3HttpClient.ts) instead of loading the AWS SDK: the SDK
 * is ~330 KB of code that the assemble function's cold start would compile for one GetObject
 * call. Connections are kept alive across invocations.
 */
export function s3HttpBlobReader(settings: S3HttpSettings): BlobReader {
  const s3 = s3HttpClient(settings);
  return {
    async getText(key) {
      const answer = await s3.send('GET', s3.objectPath(key));
      const body = answer.body.toString('utf8');
      if (answer.status === 200) return body;
      // A missing bucket is a deployment fault, not a missing page: let it surface.
      if (answer.status === 404 && !body.includes('<Code>NoSuchBucket</Code>')) return undefined;
      // The assemble role may read fragments/ but not list the bucket (resources/iam.yml),
      // so S3 answers a missing key with AccessDenied; a bad signature or key is another code.
      if (answer.status === 403 && body.includes('<Code>AccessDenied</Code>')) return undefined;
      throw new Error(`S3 GET ${key} answered ${answer.status}: ${body.slice(0, 200)}`);
    },
  };
}
