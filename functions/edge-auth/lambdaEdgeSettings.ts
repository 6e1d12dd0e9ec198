import type { JSONWebKeySet } from 'jose';

/**
 * What the Lambda@Edge gate knows about its stage. Lambda@Edge has no environment variables, so
 * serverlessEsbuildConfig() bakes this in at build time as the `__WIKIBOT_EDGE__` constant
 * (esbuild `define`), from the stage's parameters in serverless.yml.
 */
export interface EdgeLambdaSettings {
  /** Where the tenants table lives (the stage's primary region). */
  readonly region: string;
  readonly tenantsTable: string;
  /** `kid=secret,…` baked in: only for the local stage and tests, never a deployed secret. */
  readonly sessionKeys?: string;
  /** The SSM SecureString with the session keys (read at cold start, in `region`). */
  readonly sessionKeysParameter?: string;
  readonly issuer: string;
  readonly audience: string;
  /** The identity provider whose RS256/ES256 tokens are accepted as bearer tokens; its JWKS baked in. */
  readonly idp?: { readonly issuer: string; readonly audience: string; readonly jwks: JSONWebKeySet };
  /** Local peers (dynalite, a stand-in SSM) for tests and `npm start`. */
  readonly dynamoEndpoint?: string;
  readonly ssmEndpoint?: string;
  /** How long visibility and memberships are cached in memory (at most 30 s). */
  readonly cacheSeconds?: number;
}

export const EDGE_SETTINGS_DEFINE = '__WIKIBOT_EDGE__';

/** The `define` that bakes settings into the Lambda@Edge bundle. */
export function edgeSettingsDefine(settings: EdgeLambdaSettings): Record<string, string> {
  return { [EDGE_SETTINGS_DEFINE]: JSON.stringify(settings) };
}
