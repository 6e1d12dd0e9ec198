import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createS3Client } from '../shared/adapters/s3Client';
import { STATIC_CACHE_CONTROL, buildAssets, type StaticFile } from './buildAssets';

const HELP = `Usage: npm run upload-static -- --bucket NAME [--region REGION]

Builds the static assets (tools/buildAssets.ts) and puts every file the stage's bucket lacks
under static/static/{hash}/… (the static origin's prefix + the URL path), with its content type and Cache-Control "${STATIC_CACHE_CONTROL}".
Files already there are skipped (their names are content hashes, so they cannot differ).
These are exactly the files the STATIC_MANIFEST of the last \`sls package\` / \`sls deploy\` names.

  --bucket NAME     the stage's bucket (output FragmentsBucketName of \`npx sls info --verbose\`)
  --region REGION   the stage's region (default: AWS_REGION, else us-east-1)
  --endpoint URL    a local S3 (s3rver) instead of AWS
  -h, --help

Needs AWS credentials with s3:ListBucket and s3:PutObject on the bucket (an operator's).`;

/** The keys under `prefix` already in the bucket. */
async function existingKeys(s3: S3Client, bucket: string, prefix: string): Promise<Set<string>> {
  const keys = new Set<string>();
  let token: string | undefined;
  do {
    const out = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const object of out.Contents ?? []) if (object.Key) keys.add(object.Key);
    token = out.IsTruncated ? out.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

/** Uploads the files the bucket lacks, a few at a time; returns how many were put and skipped. */
export async function uploadStatic(s3: S3Client, bucket: string, files: readonly StaticFile[], concurrency = 8): Promise<{ put: number; skipped: number }> {
  const present = await existingKeys(s3, bucket, 'static/');
  const missing = files.filter((f) => !present.has(f.key));
  let next = 0;
  async function worker() {
    while (next < missing.length) {
      const file = missing[next++]!;
      await s3.send(new PutObjectCommand({
        Bucket: bucket, Key: file.key, Body: fs.readFileSync(file.file), ContentType: file.contentType, CacheControl: STATIC_CACHE_CONTROL,
      }));
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, missing.length) }, worker));
  return { put: missing.length, skipped: files.length - missing.length };
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      bucket: { type: 'string' },
      region: { type: 'string', default: process.env.AWS_REGION ?? 'us-east-1' },
      endpoint: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || !values.bucket) {
    console.log(HELP);
    return values.help ? 0 : 2;
  }
  const built = buildAssets();
  const s3 = createS3Client({ region: values.region!, endpoint: values.endpoint });
  try {
    const { put, skipped } = await uploadStatic(s3, values.bucket, built.files);
    console.log(`static/: ${put} files uploaded, ${skipped} already there (${built.files.length} in the build).`);
  } finally {
    s3.destroy();
  }
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
