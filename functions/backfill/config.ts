import type { AssetManifest } from '../../shared/core/fragments/assets';
import { assetManifestFromEnv } from '../write/assetManifest';

/** Where a wiki's data lives: the write function's storage, no session keys. */
export interface StorageSettings {
  readonly region: string;
  readonly bucket: string;
  readonly tenantsTable: string;
  /** The EFS mount (a local directory for the local platform). */
  readonly dataDir: string;
  readonly s3Endpoint?: string;
  readonly dynamoEndpoint?: string;
}

/** What the backfill function needs (the CLI builds the same storage from flags). */
export interface BackfillConfig extends StorageSettings {
  /** Where the Lambda keeps its checkpoint in the bucket. */
  readonly checkpointKey: string;
  /** URLs of the deployed static assets (STATIC_MANIFEST), linked by the shells. */
  readonly staticManifest?: AssetManifest;
}

type Env = Readonly<Record<string, string | undefined>>;

export const DEFAULT_CHECKPOINT_KEY = 'internal/backfill-checkpoint.json';

function required(env: Env, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`The backfill function needs the ${name} setting.`);
  return value;
}

export function loadBackfillConfig(env: Env): BackfillConfig {
  return {
    region: env.AWS_REGION ?? 'us-east-1',
    bucket: required(env, 'BUCKET'),
    tenantsTable: required(env, 'TENANTS_TABLE'),
    dataDir: required(env, 'DATA_DIR'),
    s3Endpoint: env.S3_ENDPOINT || undefined,
    dynamoEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    checkpointKey: env.CHECKPOINT_KEY || DEFAULT_CHECKPOINT_KEY,
    staticManifest: assetManifestFromEnv(env),
  };
}
