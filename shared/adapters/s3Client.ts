import { S3Client } from '@aws-sdk/client-s3';

export interface S3Settings {
  readonly region: string;
  /** Set only for a local S3 (s3rver): path-style URLs and its fixed credentials. */
  readonly endpoint?: string;
}

export function createS3Client({ region, endpoint }: S3Settings): S3Client {
  return new S3Client({
    region,
    ...(endpoint
      ? {
          endpoint,
          forcePathStyle: true,
          credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
          // s3rver does not speak the newer flexible checksums (DESIGN §7).
          requestChecksumCalculation: 'WHEN_REQUIRED',
          responseChecksumValidation: 'WHEN_REQUIRED',
        }
      : {}),
  });
}
