import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { CachedResponse } from './pageCache';

// What S3 answers CloudFront's origin access control for a key it may not list: AccessDenied,
// whether the object is missing or outside the prefixes the bucket policy grants.
const ACCESS_DENIED: CachedResponse = {
  statusCode: 403,
  headers: { 'content-type': 'application/xml' },
  body: Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>'),
};

/**
 * A GET as S3 serves it to the distribution: the request path (OriginPath + URI) is
 * percent-decoded into the key, which S3 takes literally — `a/../b` is a key of its own, never
 * `b`. s3rver keeps objects as files and would resolve such a key, so keys with `.`, `..` or empty
 * segments (which the wiki never writes) are answered as the missing objects they are in S3.
 */
export async function getFromBucket(s3: S3Client, bucket: string, requestPath: string): Promise<CachedResponse> {
  let key: string;
  try {
    key = decodeURIComponent(requestPath.replace(/^\//, ''));
  } catch {
    return { statusCode: 400, headers: { 'content-type': 'application/xml' }, body: Buffer.from('<Error><Code>InvalidURI</Code></Error>') };
  }
  if (key.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) return ACCESS_DENIED;
  try {
    const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return {
      statusCode: 200,
      headers: {
        'content-type': out.ContentType ?? 'binary/octet-stream',
        ...(out.CacheControl ? { 'cache-control': out.CacheControl } : {}),
        ...(out.ContentDisposition ? { 'content-disposition': out.ContentDisposition } : {}),
        ...(out.ETag ? { etag: out.ETag } : {}),
      },
      body: Buffer.from((await out.Body?.transformToByteArray()) ?? []),
    };
  } catch (error) {
    if ((error as { name?: string }).name === 'NoSuchKey') return ACCESS_DENIED;
    throw error;
  }
}
