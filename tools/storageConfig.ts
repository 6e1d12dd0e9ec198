import * as path from 'node:path';
import settings from '../local/settings.json';
import { assertListening, findRunningPlatform, platformStateFile, type PlatformState } from '../local/platformState';
import type { AssetManifest } from '../shared/core/fragments/assets';
import { assetManifestFromEnv } from '../functions/write/assetManifest';
import type { StorageSettings } from '../functions/backfill/config';

export const ROOT = path.resolve(__dirname, '..');

/** Flags every operator CLI that touches a stage's storage accepts (backfill, import). */
export const STORAGE_OPTIONS = {
  target: { type: 'string', default: 'local' },
  platform: { type: 'string' },
  region: { type: 'string' },
  bucket: { type: 'string' },
  table: { type: 'string' },
  'data-dir': { type: 'string' },
  's3-endpoint': { type: 'string' },
  'dynamo-endpoint': { type: 'string' },
} as const;

export const STORAGE_HELP = `Storage (default: the running local platform of \`npm start\`, from its .data/platform.json):
  --target local|aws      aws: no emulator endpoints; --bucket, --table and --data-dir are required
  --platform FILE         or WIKIBOT_PLATFORM     the state file of \`npm start -- --data DIR\` (DIR/platform.json)
  --region R              or AWS_REGION
  --bucket B              or BUCKET               the fragments bucket
  --table T               or TENANTS_TABLE        the tenants table
  --data-dir DIR          or DATA_DIR             the EFS mount holding wikis/ (local: .data/efs)
  --s3-endpoint URL       or S3_ENDPOINT
  --dynamo-endpoint URL   or DYNAMODB_ENDPOINT`;

/** The storage a CLI works on: the same settings the backfill function reads from its environment. */
export type StorageConfig = StorageSettings;

type Values = { [K in keyof typeof STORAGE_OPTIONS]?: string };
type Env = Readonly<Record<string, string | undefined>>;

/**
 * Flags win over the environment, which wins over the running local platform (target local
 * only): pure, given that platform's recorded state.
 */
export function storageConfig(values: Values, env: Env = process.env, platform?: PlatformState): StorageConfig {
  const target = values.target ?? 'local';
  if (target !== 'local' && target !== 'aws') throw new Error(`--target must be local or aws, not "${target}".`);
  const pick = (flag: keyof Values, name: string, fallback?: string) => values[flag] || env[name] || fallback;
  const need = (value: string | undefined, flag: string, name: string) => {
    if (!value) throw new Error(`--target ${target} needs --${flag} (or ${name}).`);
    return value;
  };
  return {
    region: pick('region', 'AWS_REGION', platform?.region ?? settings.region)!,
    bucket: need(pick('bucket', 'BUCKET', platform?.bucket), 'bucket', 'BUCKET'),
    tenantsTable: need(pick('table', 'TENANTS_TABLE', platform?.tenantsTable), 'table', 'TENANTS_TABLE'),
    dataDir: path.resolve(need(pick('data-dir', 'DATA_DIR', platform?.efsDir), 'data-dir', 'DATA_DIR')),
    s3Endpoint: pick('s3-endpoint', 'S3_ENDPOINT', platform?.s3Endpoint),
    dynamoEndpoint: pick('dynamo-endpoint', 'DYNAMODB_ENDPOINT', platform?.dynamoEndpoint),
  };
}

/** What a local run needs; any of it not given by flag or environment comes from `npm start`. */
const LOCAL_NEEDS = [
  ['bucket', 'BUCKET'], ['table', 'TENANTS_TABLE'], ['data-dir', 'DATA_DIR'], ['s3-endpoint', 'S3_ENDPOINT'], ['dynamo-endpoint', 'DYNAMODB_ENDPOINT'],
] as const;

/**
 * The storage a CLI works on. Target local: what flags and environment leave open comes from
 * the running `npm start`, and the emulators must answer; otherwise a clear error, before any
 * work, rather than ECONNREFUSED halfway through.
 */
export async function resolveStorage(values: Values, env: Env = process.env): Promise<StorageConfig> {
  if ((values.target ?? 'local') !== 'local') return storageConfig(values, env);
  const complete = LOCAL_NEEDS.every(([flag, name]) => values[flag] || env[name]);
  const platform = complete ? undefined : await findRunningPlatform(platformStateFile(values.platform, env));
  const config = storageConfig(values, env, platform);
  await assertListening(config.s3Endpoint!, 'S3, from --s3-endpoint or S3_ENDPOINT');
  await assertListening(config.dynamoEndpoint!, 'DynamoDB, from --dynamo-endpoint or DYNAMODB_ENDPOINT');
  return config;
}

/**
 * The static-asset manifest shells should link: STATIC_MANIFEST when set (what the functions
 * use), else for the local platform the assets `npm start` builds (same content, same hashes).
 */
export async function shellAssets(values: Values, env: Env = process.env): Promise<AssetManifest | undefined> {
  if (env.STATIC_MANIFEST) return assetManifestFromEnv(env);
  if ((values.target ?? 'local') !== 'local') {
    process.stderr.write('Warning: STATIC_MANIFEST is not set; shells will link no stylesheet.\n');
    return undefined;
  }
  const { buildAssets } = await import('./buildAssets');
  return buildAssets().manifest;
}
