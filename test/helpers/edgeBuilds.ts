import { buildCloudFrontFunction, buildEdgeLambda } from '../../functions/edge-auth/build';
import type { EdgeLambdaHandler, EdgeLambdaOptions } from '../../functions/edge-auth/lambdaEdge';
import type { EdgeLambdaSettings } from '../../functions/edge-auth/lambdaEdgeSettings';
import { resync } from '../../functions/edge-sync/sync';
import { scanTenants } from '../../functions/edge-sync/scanTenants';
import { loadCommonJsBundle } from '../../local/bundleLoader';
import { loadCloudFrontFunction, type CloudFrontFunctionSandbox } from '../../local/cloudfrontSandbox';
import { runCloudFrontFunction, runLambdaEdge, type EdgeOutcome, type ViewerRequest } from '../../local/edge';
import { dynamoTenantStore } from '../../shared/adapters/dynamoTenantStore';
import { memoryEdgeConfigStore, type MemoryEdgeConfigStore } from '../../shared/adapters/memoryEdgeConfigStore';
import { parseSessionKeys } from '../../shared/auth/sessionKeys';
import type { SessionKey } from '../../shared/auth/sessionToken';
import type { Role } from '../../shared/core/access';
import type { TenantStore, Visibility } from '../../shared/ports/tenantStore';
import { startTestPeers } from './peers';

/** Two keys in rotation: `next` signs new sessions, tokens of `test` still verify. */
export const EDGE_KEYS_SETTING = 'next=next-secret-key-that-is-long-enough-654321,test=test-secret-key-that-is-long-enough-123456';
export const EDGE_KEYS: Record<string, SessionKey> = Object.fromEntries(parseSessionKeys(EDGE_KEYS_SETTING).map((k) => [k.kid, k]));

/**
 * The fixture both edge builds are tested against: alice owns a private wiki (bob reads it), a
 * public one and a second private one; carol owns a private wiki dave edits. `alice/ghost` is in
 * no table (a wiki the edge has not heard of).
 */
export const FIXTURE: { wikis: [string, string, Visibility][]; members: [string, string, string, Role][] } = {
  wikis: [
    ['alice', 'private', 'private'],
    ['alice', 'public', 'public'],
    ['alice', 'diary', 'private'],
    ['carol', 'notes', 'private'],
  ],
  members: [
    ['alice', 'private', 'bob', 'reader'],
    ['alice', 'private', 'erin', 'editor'],
    ['carol', 'notes', 'dave', 'editor'],
  ],
};

export interface EdgeUnderTest {
  readonly name: 'cloudfront-function' | 'lambda-edge';
  /** Runs the viewer request through the built gate. */
  request(request: ViewerRequest): Promise<EdgeOutcome>;
}

export interface EdgeTestBed {
  readonly builds: readonly EdgeUnderTest[];
  readonly tenants: TenantStore;
  readonly store: MemoryEdgeConfigStore;
  readonly cloudFront: CloudFrontFunctionSandbox;
  readonly cloudFrontCode: string;
  readonly lambdaCode: string;
  readonly lambdaSettings: EdgeLambdaSettings;
  /** A Lambda@Edge handler from the built bundle with its own clock, for cache tests. */
  lambdaWith(options: EdgeLambdaOptions, settings?: Partial<EdgeLambdaSettings>): EdgeLambdaHandler;
  /** Re-runs edge-sync's full resync, table → the CloudFront Function's store. */
  resync(): Promise<void>;
  close(): Promise<void>;
}

export async function startEdgeTestBed(name: string, extra: Partial<EdgeLambdaSettings> = {}): Promise<EdgeTestBed> {
  const peers = await startTestPeers(name);
  try {
    const tenants = dynamoTenantStore(peers.dynamoClient, peers.table);
    const at = new Date().toISOString();
    for (const [user, wiki, visibility] of FIXTURE.wikis) {
      await tenants.createWiki({ user, wiki, title: wiki, visibility, owner: user, createdAt: at, updatedAt: at });
    }
    for (const [user, wiki, sub, role] of FIXTURE.members) await tenants.putMember({ user, wiki }, { sub, role, addedAt: at });

    const store = memoryEdgeConfigStore();
    const doResync = async () => {
      await resync({ scan: () => scanTenants(peers.dynamoClient, peers.table), sessionKeys: parseSessionKeys(EDGE_KEYS_SETTING), issuer: 'wikibot', audience: 'wikibot' }, store);
    };
    await doResync();
    const cloudFrontCode = await buildCloudFrontFunction();
    const cloudFront = loadCloudFrontFunction(cloudFrontCode, (key) => store.peek(key));
    const lambdaSettings: EdgeLambdaSettings = {
      region: 'us-east-1', tenantsTable: peers.table, dynamoEndpoint: peers.dynamo.endpoint,
      sessionKeys: EDGE_KEYS_SETTING, issuer: 'wikibot', audience: 'wikibot', ...extra,
    };
    const lambdaCode = await buildEdgeLambda(lambdaSettings);
    const bundle = loadCommonJsBundle<{ handler: EdgeLambdaHandler; createEdgeLambdaHandler: (s: EdgeLambdaSettings, o: EdgeLambdaOptions) => EdgeLambdaHandler }>(lambdaCode);
    const builds: EdgeUnderTest[] = [
      { name: 'cloudfront-function', request: (r) => runCloudFrontFunction(cloudFront, r, r.url?.split('?')[0] ?? '/') },
      { name: 'lambda-edge', request: (r) => runLambdaEdge(bundle.handler, r, r.url?.split('?')[0] ?? '/') },
    ];
    return {
      builds, tenants, store, cloudFront, cloudFrontCode, lambdaCode, lambdaSettings,
      lambdaWith: (options, settings = {}) => bundle.createEdgeLambdaHandler({ ...lambdaSettings, ...settings }, options),
      resync: doResync,
      close: () => peers.close(),
    };
  } catch (error) {
    await peers.close();
    throw error;
  }
}

/** A viewer request: a browser navigation by default (Accept: text/html). */
export function viewer(url: string, options: { method?: string; cookies?: string | string[]; bearer?: string; accept?: string; headers?: Record<string, string> } = {}): ViewerRequest {
  const headers: Record<string, string | string[]> = { accept: options.accept ?? 'text/html,application/xhtml+xml', ...options.headers };
  if (options.cookies !== undefined) headers.cookie = options.cookies;
  if (options.bearer !== undefined) headers.authorization = `Bearer ${options.bearer}`;
  return { method: options.method ?? 'GET', url, headers: headers as ViewerRequest['headers'] };
}
