import * as fs from 'node:fs';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { SessionKey } from '../../shared/auth/sessionToken';
import { idpVerifier, type IdpSettings } from '../../shared/auth/idpToken';
import { fromEventV2 } from '../../shared/http/request';
import { ForbiddenError } from '../../shared/core/errors';
import { once } from '../../shared/core/once';
import { constantTimeEqual } from '../../shared/core/edge/hs256';
import { errorToJson, type HttpResponse } from '../../shared/http/response';
import { dynamoHttpDocument } from '../../shared/adapters/dynamoHttpDocument';
import { efsPageIndexProvider } from '../../shared/adapters/efsPageIndex';
import { efsWikiStorage } from '../../shared/adapters/efsWikiStorage';
import { fileCommitIndexProvider } from '../../shared/adapters/fileCommitIndex';
import { gitTransportProvider } from '../../shared/adapters/gitTransportStore';
import { gitRepoProvider } from '../../shared/adapters/gitWikiRepo';
import { indexedHistoryProvider } from '../../shared/adapters/indexedWikiHistory';
import { indexingRepoProvider } from '../../shared/adapters/indexingWikiRepo';
import { s3HttpBlobStore } from '../../shared/adapters/s3HttpBlobStore';
import { sqlWikiDbProvider } from '../../shared/adapters/sqlWikiDb';
import { tenantTableStore } from '../../shared/adapters/tenantTableStore';
import { systemClock } from '../../shared/ports/clock';
import type { AuthDeps } from './auth';
import { limitsOf, type AwsCredentials, type Limits, type WriteConfig } from './config';
import type { CommandContext, WriteDeps } from './context';
import { resolveApiIdentity, resolveIdentity } from './identity';
import { Publisher } from './publisher';
import { isGitPath } from './git/isGitPath';
import { isViewPath } from './views/isViewPath';

export type { WriteDeps } from './context';

// Each route family is a chunk of its own, loaded by its first request (see createWriteHandler).
const authRoutes = once(() => import('./auth'));
const gitRoutes = once(() => import('./git/endpoint'));
const mcpRoutes = once(() => import('./mcp/endpoint'));
const viewRoutes = once(() => import('./views/routes'));
const apiRoutes = once(() => import('./routes'));
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
  /** When set, every request must carry it as `x-wikibot-origin-verify` (added by the distribution). */
  readonly originVerifySecret?: string;
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
  const auth: AuthDeps = {
    ...identityOptions, idpLoginUrl: options.idpLoginUrl, devSignIn: options.devSignIn ?? false, assets: options.deps.publisher.assetManifest,
  };
  return async (event) => {
    try {
      return await handle(event);
    } catch (error) {
      return errorToJson(error, options.deps.log);
    } finally {
      // Nothing a request started may still run when Lambda freezes the instance after it answers.
      await options.deps.settled();
    }
  };

  async function handle(event: APIGatewayProxyEventV2): Promise<HttpResponse> {
    const request = fromEventV2(event);
    if (options.originVerifySecret !== undefined && !hasOriginVerify(request.headers, options.originVerifySecret)) {
      throw new ForbiddenError('Use the site\'s address: this endpoint answers only requests that come through the site.');
    }
    if (request.segments[0] === 'auth') {
      const { handleAuthRequest } = await authRoutes();
      return (await handleAuthRequest(request, auth))!;
    }
    if (isGitPath(request.segments)) {
      // git clone/fetch/push (smart HTTP): loaded on first use, so other requests never pay for it.
      const { handleGitRequest } = await gitRoutes();
      return await handleGitRequest(request, { deps: options.deps, limits, identity: identityOptions });
    }
    if (request.segments.length === 1 && request.segments[0] === 'mcp') {
      const { handleMcpRequest } = await mcpRoutes();
      return await handleMcpRequest(request, { deps: options.deps, limits, identity: identityOptions });
    }
    // The views authenticate their form posts with CSRF tokens; the JSON API with a same-origin signal.
    const view = isViewPath(request.segments);
    const resolve = view ? resolveIdentity : resolveApiIdentity;
    let identity: ReturnType<CommandContext['identity']> | undefined;
    const ctx: CommandContext = {
      deps: options.deps,
      limits,
      identity: () => (identity ??= resolve(request, identityOptions)),
    };
    if (view) {
      const { handleViewRequest } = await viewRoutes();
      return await handleViewRequest(request, ctx, { sessionKeys: options.sessionKeys });
    }
    const { route } = await apiRoutes();
    return await route(request, ctx);
  }
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
  const log = (entry: Record<string, unknown>) => console.log(JSON.stringify({ service: 'write', ...entry }));
  // History views read the commit index; every commit is indexed as it lands (docs/history-index.md).
  const history = indexedHistoryProvider({ fs, root: config.dataDir, indexes: fileCommitIndexProvider({ fs, root: config.dataDir }) });
  const indexFailed = (error: unknown) => log({ level: 'WARN', message: 'Could not index a commit', error: String(error) });
  const repos = indexingRepoProvider(gitRepoProvider({ fs, root: config.dataDir, clock: systemClock }), history, indexFailed);
  return {
    tenants: tenantTableStore(dynamo, config.tenantsTable),
    repos,
    settled: () => repos.settled(),
    history,
    git: gitTransportProvider({ fs, root: config.dataDir }),
    dbs: sqlWikiDbProvider({ fs, root: config.dataDir }),
    pageIndex: efsPageIndexProvider({ fs, root: config.dataDir }),
    storage: efsWikiStorage(fs, config.dataDir),
    blobs,
    publisher: new Publisher(blobs, config.staticManifest),
    clock: systemClock,
    log,
  };
}

export const ORIGIN_VERIFY_HEADER = 'x-wikibot-origin-verify';

/** Whether the request came through the distribution, which adds the secret on the API origin. */
function hasOriginVerify(headers: Readonly<Record<string, string | undefined>>, secret: string): boolean {
  const value = headers[ORIGIN_VERIFY_HEADER];
  return typeof value === 'string' && constantTimeEqual(value, secret);
}
