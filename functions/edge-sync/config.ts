import { InvalidInputError } from '../../shared/core/errors';

export interface EdgeSyncConfig {
  readonly region: string;
  readonly kvsArn: string;
  readonly tenantsTable: string;
  /** `kid=secret,…` directly (local) or the SSM SecureString holding it (deployed), for resyncs. */
  readonly sessionKeys?: string;
  readonly sessionKeysParameter?: string;
  readonly issuer: string;
  readonly audience: string;
}

type Env = Readonly<Record<string, string | undefined>>;

export function loadEdgeSyncConfig(env: Env): EdgeSyncConfig {
  const kvsArn = env.KVS_ARN;
  const tenantsTable = env.TENANTS_TABLE;
  if (!kvsArn) throw new InvalidInputError('edge-sync needs the KVS_ARN setting.');
  if (!tenantsTable) throw new InvalidInputError('edge-sync needs the TENANTS_TABLE setting.');
  return {
    region: env.AWS_REGION ?? 'us-east-1',
    kvsArn,
    tenantsTable,
    sessionKeys: env.SESSION_KEYS || undefined,
    sessionKeysParameter: env.SESSION_KEYS_PARAMETER || undefined,
    issuer: env.SESSION_ISSUER || 'wikibot',
    audience: env.SESSION_AUDIENCE || 'wikibot',
  };
}
