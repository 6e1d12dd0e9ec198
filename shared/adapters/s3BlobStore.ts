import {
  DeleteObjectCommand, GetObjectCommand, ListObjectsCommand, PutObjectCommand, type S3Client,
} from '@aws-sdk/client-s3';
import type { BlobStore, PutOptions } from '../ports/blobStore';

/** BlobStore on one S3 bucket (s3rver locally). The client is passed in, configured once. */
export function s3BlobStore(client: S3Client, bucket: string): BlobStore {
  return {
    async getText(key) {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return out.Body ? await out.Body.transformToString('utf-8') : '';
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
    async put(key, body, options: PutOptions) {
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: body,
          ContentType: options.contentType,
          CacheControl: options.cacheControl,
          ContentDisposition: options.contentDisposition,
        }),
      );
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
    async list(prefix) {
      const keys: string[] = [];
      // ListObjects (v1) paged by Marker = the last key seen: the same on S3, and s3rver cannot
      // answer a truncated ListObjectsV2 (its continuation tokens need DES, which the OpenSSL 3
      // of Node 18+ no longer offers).
      for (let truncated = true; truncated;) {
        const out = await client.send(new ListObjectsCommand({ Bucket: bucket, Prefix: prefix, Marker: keys.at(-1) }));
        for (const object of out.Contents ?? []) if (object.Key) keys.push(object.Key);
        truncated = out.IsTruncated === true && (out.Contents?.length ?? 0) > 0;
      }
      return keys.sort();
    },
  };
}

function isMissing(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
}
