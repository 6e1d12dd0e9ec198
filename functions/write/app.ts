import * as fs from 'node:fs';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { SessionKey } from '../../shared/auth/sessionToken';
import { idpVerifier, type IdpSettings } from '../../shared/auth/idpToken';
import { fromEventV2 } from '../../shared/http/request';
import { errorToJson, type HttpResponse } from '../../shared/http/response';
import { dynamoHttpDocument } from '../../shared/adapters/dynamoHttpDocument';
import { efsPageIndexProvider } from '../../shared/adapters/efsPageIndex';
import { efsWikiStorage } from '../../shared/adapters/efsWikiStorage';
import { gitHistoryProvider } from '../../shared/adapters/gitWikiHistory';
import { gitRepoProvider } from '../../shared/adapters/gitWikiRepo';
import { s3HttpBlobStore } from '../../shared/adapters/s3HttpBlobStore';
import { sqlWikiDbProvider } from '../../shared/adapters/sqlWikiDb';
import { tenantTableStore } from '../../shared/adapters/tenantTableStore';
import { systemClock } from '../../shared/ports/clock';
import type { AuthDeps } from './auth';
import { limitsOf, type AwsCredentials, type Limits, type WriteConfig } from './config';
import type { CommandContext, WriteDeps } from './context';
import { resolveIdentity } from './identity';
import { Publisher } from './publisher';
import { isViewPath } from './views/isViewPath';

export type { WriteDeps } from './context';
export type WriteHandler = (event: APIGatewayProxyEventV2) => Promise<HttpResponse>;

export interface WriteAppOptions {
  readonly deps: WriteDeps;
  readonly sessionKeys: readonly SessionKey[];
  readonly issuer: string;
  readonly audience: string;
  /** The stage's identity provider; without it only session tokens are accepted. */
  readonly idp?: IdpSettings;
  readonly limits?: Partial<Limits>;
  /** Where the sign-in page links to sign in with the identity provider. */
  readonly idpLoginUrl?: string;
  /** The dev sign-in form that mints a session for any handle: the local platform only. */
  readonly devSignIn?: boolean;
}

/**
 * event → request → route → command → response; errors become HTTP here and nowhere else.
 * Each route family (auth, MCP, the dynamic views and editor, the JSON API) is a chunk of its own
 * (esbuild code splitting), loaded by its first request, so a cold start compiles only the family
 * it serves, and within a family the heavy modules (isomorphic-git, sql.js, the renderer) load
 * when a command first needs them.
 */
export function createWriteHandler(options: WriteAppOptions): WriteHandler {
  const idp = options.idp ? idpVerifier(options.idp) : undefined;
  const limits = limitsOf(options);
  const identityOptions = { sessionKeys: options.sessionKeys, issuer: options.issuer, audience: options.audience, idp };
  const auth: AuthDeps = { ...identityOptions, idpLoginUrl: options.idpLoginUrl, devSignIn: options.devSignIn ?? false };
  return async (event) => {
    try {
      const request = fromEventV2(event);
      if (request.segments[0] === 'auth') {
        const { handleAuthRequest } = await import('./auth');
        return (await handleAuthRequest(request, auth))!;
      }
      if (request.segments.length === 1 && request.segments[0] === 'mcp') {
        const { handleMcpRequest } = await import('./mcp/endpoint');
        return await handleMcpRequest(request, { deps: options.deps, limits, identity: identityOptions });
      }
      let identity: ReturnType<CommandContext['identity']> | undefined;
      const ctx: CommandContext = {
        deps: options.deps,
        limits,
        identity: () => (identity ??= resolveIdentity(request, identityOptions)),
      };
      if (isViewPath(request.segments)) {
        const { handleViewRequest } = await import('./views/routes');
        return await handleViewRequest(request, ctx, { sessionKeys: options.sessionKeys });
      }
      const { route } = await import('./routes');
      return await route(request, ctx);
    } catch (error) {
      return errorToJson(error, options.deps.log);
    }
  };
}

/** The local peers (s3rver, dynalite) take these; s3rver checks them. */
export const LOCAL_CREDENTIALS: AwsCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/**
 * Production wiring: S3 and DynamoDB through signed plain HTTP (no AWS SDK to load) and the EFS
 * directory, from the parsed config.
 */
export function productionDeps(config: WriteConfig): WriteDeps {
  const credentials = config.credentials ?? LOCAL_CREDENTIALS;
  const blobs = s3HttpBlobStore({ region: config.region, bucket: config.bucket, endpoint: config.s3Endpoint, credentials });
  const dynamo = dynamoHttpDocument({ region: config.region, endpoint: config.dynamoEndpoint, credentials: () => credentials });
  return {
    tenants: tenantTableStore(dynamo, config.tenantsTable),
    repos: gitRepoProvider({ fs, root: config.dataDir, clock: systemClock }),
    history: gitHistoryProvider({ fs, root: config.dataDir }),
    dbs: sqlWikiDbProvider({ fs, root: config.dataDir }),
    pageIndex: efsPageIndexProvider({ fs, root: config.dataDir }),
    storage: efsWikiStorage(fs, config.dataDir),
    blobs,
    publisher: new Publisher(blobs, config.staticManifest),
    clock: systemClock,
    log: (entry) => console.log(JSON.stringify({ service: 'write', ...entry })),
  };
}
