import { s3HttpBlobReader } from '../../shared/adapters/s3HttpBlobReader';
import type { AssembleDeps } from './assemble';
import type { AssembleConfig } from './config';

/** Production wiring of the assemble function, shared by its handler and the local platform. */
export function assembleDeps(config: AssembleConfig, log: AssembleDeps['log']): AssembleDeps {
  const { region, bucket, s3Endpoint: endpoint, credentials } = config;
  return { blobs: s3HttpBlobReader({ region, bucket, endpoint, credentials }), log };
}
