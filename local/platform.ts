import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { createAssembleHandler } from '../functions/assemble/assemble';
import { loadAssembleConfig } from '../functions/assemble/config';
import { assembleDeps } from '../functions/assemble/deps';
import { createWriteHandler, productionDeps } from '../functions/write/app';
import type { WriteConfig } from '../functions/write/config';
import { parseSessionKeys } from '../shared/auth/sessionKeys';
import { Publisher } from '../functions/write/publisher';
import { buildAssets, STATIC_CACHE_CONTROL, type BuiltAssets } from '../tools/buildAssets';
import { startLocalEdge, type EdgeMode, type LocalEdge } from './edge';
import { createGateway } from './gateway';
import { startLocalInvalidations, type LocalInvalidations } from './invalidations';
import { listen } from './listen';
import { startPeers, type Peers } from './emulators';

export interface PlatformOptions {
  readonly port: number;
  readonly s3Port: number;
  readonly dynamoPort: number;
  /** Holds `efs/` (wiki repos), `s3/` and, when persistent, `dynamo/`. */
  readonly dataDir: string;
  /** Keep DynamoDB on disk (npm start) rather than in memory (tests). */
  readonly persistent: boolean;
  readonly cache: boolean;
  readonly region: string;
  readonly bucket: string;
  readonly tenantsTable: string;
  readonly sessionKeys: string;
  readonly issuer: string;
  readonly audience: string;
  readonly quiet?: boolean;
  /** The edge gate in front of pages, dynamic views and /auth (default: the CloudFront Function). */
  readonly edgeAuth?: EdgeMode;
  /** The dev sign-in form on /auth/login (default on: this is the local platform). */
  readonly devSignIn?: boolean;
}

export interface Platform {
  readonly url: string;
  /** Logical asset name → its content-hashed URL path, as the shells link them. */
  readonly assetManifest: BuiltAssets['manifest'];
  readonly peers: Peers;
  readonly writeConfig: WriteConfig;
  readonly gateway: ReturnType<typeof createGateway>;
  /** The edge gate and its in-process KeyValueStore; undefined with `edgeAuth: 'off'`. */
  readonly edge?: LocalEdge;
  /** Bucket notifications → the invalidate handler → the gateway's page cache. */
  readonly invalidations: LocalInvalidations;
  stop(): Promise<void>;
}

/** Everything of DESIGN §7 in one process: emulators, the real handlers, and the gateway. */
export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const dataDir = path.resolve(options.dataDir);
  // A start that fails (a busy port, say) leaves no data directory it created behind.
  const createdDataDir = !fs.existsSync(dataDir);
  try {
    return await startIn(dataDir, options);
  } catch (error) {
    if (createdDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

async function startIn(dataDir: string, options: PlatformOptions): Promise<Platform> {
  const peers = await startPeers({
    region: options.region,
    bucket: options.bucket,
    table: options.tenantsTable,
    s3Port: options.s3Port,
    dynamoPort: options.dynamoPort,
    s3Dir: path.join(dataDir, 's3'),
    dynamoDir: options.persistent ? path.join(dataDir, 'dynamo') : undefined,
  });
  try {
    const assets = buildAssets();
    await uploadAssets(peers, options.bucket, assets);
    const writeConfig: WriteConfig = {
      region: options.region,
      bucket: options.bucket,
      tenantsTable: options.tenantsTable,
      dataDir: path.join(dataDir, 'efs'),
      s3Endpoint: peers.s3.endpoint,
      dynamoEndpoint: peers.dynamo.endpoint,
      sessionKeys: options.sessionKeys,
      issuer: options.issuer,
      audience: options.audience,
    };
    fs.mkdirSync(writeConfig.dataDir, { recursive: true });
    const log = options.quiet ? () => undefined : (entry: Record<string, unknown>) => console.log(JSON.stringify(entry));
    // The shells link the assets just built; a deployment passes the same manifest as STATIC_MANIFEST.
    const base = productionDeps(writeConfig);
    const deps = { ...base, publisher: new Publisher(base.blobs, assets.manifest), log };
    const write = createWriteHandler({
      deps, sessionKeys: parseSessionKeys(options.sessionKeys), issuer: options.issuer, audience: options.audience,
      devSignIn: options.devSignIn ?? true,
    });
    // Edge: private wikis gated like the distribution does; tenant writes reach its store before they return.
    const edgeMode = options.edgeAuth ?? 'function';
    const edge = edgeMode === 'off' ? undefined : await startLocalEdge({
      mode: edgeMode, dynamo: peers.dynamoClient, dynamoEndpoint: peers.dynamo.endpoint, region: options.region,
      table: options.tenantsTable, sessionKeys: options.sessionKeys, issuer: options.issuer, audience: options.audience, log,
    });
    if (edge) deps.tenants = edge.watch(deps.tenants);
    const assembleConfig = loadAssembleConfig({ AWS_REGION: options.region, BUCKET: options.bucket, S3_ENDPOINT: peers.s3.endpoint });
    const assemble = createAssembleHandler(assembleDeps(assembleConfig, log));
    const gateway = createGateway({
      write, assemble, s3: peers.s3Client, bucket: options.bucket, region: options.region, cache: options.cache, log: (l) => log({ message: l }), edge: edge?.gate,
    });
    // Every save (editor, API, MCP, backfill) drops the wiki's cached pages the way it does in AWS:
    // bucket notification → queue → the invalidate handler, here with the gateway's cache as its CDN.
    const invalidations = startLocalInvalidations({
      s3: peers.s3, bucket: options.bucket, log, cdn: { invalidate: async (paths) => gateway.cache.invalidate(paths) },
    });
    const server = http.createServer(gateway);
    server.keepAliveTimeout = 5_000;
    const address = await listen(server, options.port, 'gateway', '--port');
    return {
      url: `http://localhost:${address.port}`,
      peers,
      writeConfig,
      gateway,
      edge,
      invalidations,
      assetManifest: assets.manifest,
      async stop() {
        invalidations.stop();
        await edge?.stop();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await peers.close();
      },
    };
  } catch (error) {
    await peers.close();
    throw error;
  }
}

/** Puts the built assets under `static/static/{hash}/` in the bucket, as a deployment would. */
async function uploadAssets(peers: Peers, bucket: string, assets: BuiltAssets) {
  for (const file of assets.files) {
    await peers.s3Client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: file.key,
        Body: fs.readFileSync(file.file),
        ContentType: file.contentType,
        CacheControl: STATIC_CACHE_CONTROL,
      }),
    );
  }
}
