import { createS3Client } from '../../shared/adapters/s3Client';
import { s3BlobStore } from '../../shared/adapters/s3BlobStore';
import { createAssembleHandler } from './assemble';
import { loadAssembleConfig } from './config';

const config = loadAssembleConfig(process.env);

export const handler = createAssembleHandler({
  blobs: s3BlobStore(createS3Client({ region: config.region, endpoint: config.s3Endpoint }), config.bucket),
  log: (entry) => console.log(JSON.stringify({ service: 'assemble', ...entry })),
});
