import type { JSONWebKeySet } from 'jose';
import { InvalidInputError } from '../../shared/core/errors';
import type { IdpSettings } from '../../shared/auth/idpToken';
import type { AssetManifest } from '../../shared/core/fragments/assets';
import { assetManifestFromEnv } from './assetManifest';

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
  /**
   * The stage's identity provider, when it accepts IdP bearer tokens (IDP_ISSUER + IDP_AUDIENCE +
   * one of IDP_JWKS, IDP_JWKS_URL, IDP_JWKS_PARAMETER). A key set in SSM is read at cold start
   * (idpKeySource.ts): large key sets do not fit Lambda's 4 KB environment.
   */
  readonly idp?: IdpSettings | IdpFromParameter;
  /** Where the sign-in page sends people to sign in with the identity provider (IDP_LOGIN_URL). */
  readonly idpLoginUrl?: string;
  readonly limits?: Partial<Limits>;
  /** ORIGIN_VERIFY_SECRET: the header value the distribution adds on the API origin; requests without it get 403. */
  readonly originVerifySecret?: string;
  /** URLs of the deployed static assets (STATIC_MANIFEST), linked by the shells. */
  readonly staticManifest?: AssetManifest;
  /**
   * What S3, DynamoDB and SSM calls are signed with: Lambda puts the execution role's temporary
   * credentials in the environment. Absent: the local peers' (which accept any).
   */
  readonly credentials?: AwsCredentials;
}

export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** Request size limits of the API (bytes). */
export interface Limits {
  /**
   * A page's markdown (MAX_PAGE_BYTES, default 256 KiB): the size at which any page within the render
   * limits still renders in ≤ 2 s (docs/rendering.md, `npm run bench`). Up to 4 MiB may be set.
   */
  readonly maxPageBytes: number;
  /** One attachment through the API (MAX_ATTACHMENT_BYTES, default 4 MiB: Lambda takes 6 MB after base64). */
  readonly maxAttachmentBytes: number;
}

export const MIB = 1024 * 1024;
export const DEFAULT_LIMITS: Limits = { maxPageBytes: MIB / 4, maxAttachmentBytes: 4 * MIB };
// Base64 grows a body by 4/3; beyond ~4.4 MiB of payload a Lambda request (6 MB) cannot carry it.
const MAX_ATTACHMENT_LIMIT = Math.floor(4.4 * MIB);

type Env = Readonly<Record<string, string | undefined>>;

function required(env: Env, name: string): string {
  const value = env[name];
  if (!value) throw new InvalidInputError(`The write function needs the ${name} setting.`);
  return value;
}

function bytes(env: Env, name: string, max: number): number | undefined {
  const value = env[name];
  if (!value) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new InvalidInputError(`${name} must be a whole number of bytes between 1 and ${max}.`);
  }
  return n;
}

/** An identity provider whose key set is the value of an SSM parameter (IDP_JWKS_PARAMETER). */
export interface IdpFromParameter {
  readonly issuer: string;
  readonly audience: string;
  readonly jwksParameter: string;
}

/** IDP_* settings → IdpSettings; all or nothing, so a half-configured stage fails at cold start. */
export function parseIdp(env: Env): IdpSettings | IdpFromParameter | undefined {
  const issuer = env.IDP_ISSUER || undefined;
  const audience = env.IDP_AUDIENCE || undefined;
  const inline = env.IDP_JWKS || undefined;
  const url = env.IDP_JWKS_URL || undefined;
  const parameter = env.IDP_JWKS_PARAMETER || undefined;
  if (!issuer && !audience && !inline && !url && !parameter) return undefined;
  if (!issuer || !audience || [inline, url, parameter].filter(Boolean).length !== 1) {
    throw new InvalidInputError('An identity provider needs IDP_ISSUER, IDP_AUDIENCE and one of IDP_JWKS, IDP_JWKS_URL or IDP_JWKS_PARAMETER.');
  }
  if (parameter) return { issuer, audience, jwksParameter: parameter };
  if (url) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new InvalidInputError('IDP_JWKS_URL is not a URL.');
    }
    const local = parsed.hostname === 'localhost' || parsed.hostname === '127.0.0.1';
    if (parsed.protocol !== 'https:' && !(local && parsed.protocol === 'http:')) {
      throw new InvalidInputError('IDP_JWKS_URL must use https.');
    }
    return { issuer, audience, jwks: parsed };
  }
  return { issuer, audience, jwks: parseJwks(inline!, 'IDP_JWKS') };
}

/** A JSON Web Key Set's text → the set; `source` names where it came from in the error. */
export function parseJwks(text: string, source: string): JSONWebKeySet {
  let jwks: unknown;
  try {
    jwks = JSON.parse(text);
  } catch {
    throw new InvalidInputError(`${source} must be a JSON Web Key Set ({"keys": [...]}).`);
  }
  if (typeof jwks !== 'object' || jwks === null || !Array.isArray((jwks as { keys?: unknown }).keys)) {
    throw new InvalidInputError(`${source} must be a JSON Web Key Set ({"keys": [...]}).`);
  }
  return jwks as JSONWebKeySet;
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
    idp: parseIdp(env),
    idpLoginUrl: env.IDP_LOGIN_URL || undefined,
    staticManifest: assetManifestFromEnv(env),
    originVerifySecret: env.ORIGIN_VERIFY_SECRET || undefined,
    credentials: env.AWS_ACCESS_KEY_ID
      ? { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '', sessionToken: env.AWS_SESSION_TOKEN || undefined }
      : undefined,
    limits: {
      maxPageBytes: bytes(env, 'MAX_PAGE_BYTES', 4 * MIB),
      maxAttachmentBytes: bytes(env, 'MAX_ATTACHMENT_BYTES', MAX_ATTACHMENT_LIMIT),
    },
  };
  if (config.originVerifySecret !== undefined && config.originVerifySecret.length < 32) {
    throw new InvalidInputError('ORIGIN_VERIFY_SECRET must be at least 32 characters (or empty to turn the check off).');
  }
  if (!config.sessionKeys && !config.sessionKeysParameter) {
    throw new InvalidInputError('The write function needs SESSION_KEYS or SESSION_KEYS_PARAMETER.');
  }
  return config;
}

export function limitsOf(config: Pick<WriteConfig, 'limits'>): Limits {
  return {
    maxPageBytes: config.limits?.maxPageBytes ?? DEFAULT_LIMITS.maxPageBytes,
    maxAttachmentBytes: config.limits?.maxAttachmentBytes ?? DEFAULT_LIMITS.maxAttachmentBytes,
  };
}
