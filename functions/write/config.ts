import { InvalidInputError } from '../../shared/core/errors';

/** Everything the write function reads from its environment, parsed once at cold start. */
export interface WriteConfig {
  readonly region: string;
  readonly bucket: string;
  readonly tenantsTable: string;
  /** The EFS mount point (a local directory under `npm start`). */
  readonly dataDir: string;
  readonly s3Endpoint?: string;
  readonly dynamoEndpoint?: string;
  /** `kid=secret,…` given directly (local) … */
  readonly sessionKeys?: string;
  /** … or the name of the SSM SecureString that holds it (deployed). */
  readonly sessionKeysParameter?: string;
  readonly issuer: string;
  readonly audience: string;
}

type Env = Readonly<Record<string, string | undefined>>;

function required(env: Env, name: string): string {
  const value = env[name];
  if (!value) throw new InvalidInputError(`The write function needs the ${name} setting.`);
  return value;
}

export function loadWriteConfig(env: Env): WriteConfig {
  const config: WriteConfig = {
    region: env.AWS_REGION ?? 'us-east-1',
    bucket: required(env, 'BUCKET'),
    tenantsTable: required(env, 'TENANTS_TABLE'),
    dataDir: required(env, 'DATA_DIR'),
    s3Endpoint: env.S3_ENDPOINT || undefined,
    dynamoEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    sessionKeys: env.SESSION_KEYS || undefined,
    sessionKeysParameter: env.SESSION_KEYS_PARAMETER || undefined,
    issuer: env.SESSION_ISSUER ?? 'wikibot',
    audience: env.SESSION_AUDIENCE ?? 'wikibot',
  };
  if (!config.sessionKeys && !config.sessionKeysParameter) {
    throw new InvalidInputError('The write function needs SESSION_KEYS or SESSION_KEYS_PARAMETER.');
  }
  return config;
}
