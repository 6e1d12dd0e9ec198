import * as path from 'node:path';
import settings from '../local/settings.json';
import type { AssetManifest } from '../shared/core/fragments/assets';
import { assetManifestFromEnv } from '../functions/write/assetManifest';
import type { StorageSettings } from '../functions/backfill/config';

export const ROOT = path.resolve(__dirname, '..');

/** Flags every operator CLI that touches a stage's storage accepts (backfill, import). */
export const STORAGE_OPTIONS = {
  target: { type: 'string', default: 'local' },
  region: { type: 'string' },
  bucket: { type: 'string' },
  table: { type: 'string' },
  'data-dir': { type: 'string' },
  's3-endpoint': { type: 'string' },
  'dynamo-endpoint': { type: 'string' },
} as const;

export const STORAGE_HELP = `Storage (default: the local platform of \`npm start\`, from local/settings.json):
  --target local|aws      aws: no emulator endpoints; --bucket, --table and --data-dir are required
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

/** Flags win over the environment, which wins over local/settings.json (target local only). */
export function storageConfig(values: Values, env: Env = process.env): StorageConfig {
  const target = values.target ?? 'local';
  if (target !== 'local' && target !== 'aws') throw new Error(`--target must be local or aws, not "${target}".`);
  const local = target === 'local';
  const pick = (flag: keyof Values, name: string, fallback?: string) => values[flag] || env[name] || fallback;
  const need = (value: string | undefined, flag: string, name: string) => {
    if (!value) throw new Error(`--target aws needs --${flag} (or ${name}).`);
    return value;
  };
  const dataDir = pick('data-dir', 'DATA_DIR', local ? path.join(ROOT, settings.dataDir, 'efs') : undefined);
  return {
    region: pick('region', 'AWS_REGION', settings.region)!,
    bucket: need(pick('bucket', 'BUCKET', local ? settings.bucket : undefined), 'bucket', 'BUCKET'),
    tenantsTable: need(pick('table', 'TENANTS_TABLE', local ? settings.tenantsTable : undefined), 'table', 'TENANTS_TABLE'),
    dataDir: path.resolve(need(dataDir, 'data-dir', 'DATA_DIR')),
    s3Endpoint: pick('s3-endpoint', 'S3_ENDPOINT', local ? `http://127.0.0.1:${settings.s3Port}` : undefined),
    dynamoEndpoint: pick('dynamo-endpoint', 'DYNAMODB_ENDPOINT', local ? `http://127.0.0.1:${settings.dynamoPort}` : undefined),
  };
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
