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
import { createGateway } from './gateway';
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
}

export interface Platform {
  readonly url: string;
  readonly peers: Peers;
  readonly writeConfig: WriteConfig;
  readonly gateway: ReturnType<typeof createGateway>;
  stop(): Promise<void>;
}

const ASSETS = path.join(__dirname, '..', 'assets');
const CONTENT_TYPES: Record<string, string> = { '.svg': 'image/svg+xml', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };

/** Everything of DESIGN §7 in one process: emulators, the real handlers, and the gateway. */
export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const dataDir = path.resolve(options.dataDir);
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
    await uploadAssets(peers, options.bucket);
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
    const deps = { ...productionDeps(writeConfig), log };
    const write = createWriteHandler({
      deps, sessionKeys: parseSessionKeys(options.sessionKeys), issuer: options.issuer, audience: options.audience,
    });
    const assembleConfig = loadAssembleConfig({ AWS_REGION: options.region, BUCKET: options.bucket, S3_ENDPOINT: peers.s3.endpoint });
    const assemble = createAssembleHandler(assembleDeps(assembleConfig, log));
    const gateway = createGateway({ write, assemble, s3: peers.s3Client, bucket: options.bucket, cache: options.cache, log: (l) => log({ message: l }) });
    const server = http.createServer(gateway);
    server.keepAliveTimeout = 5_000;
    const address = await listen(server, options.port, 'gateway', '--port');
    return {
      url: `http://localhost:${address.port}`,
      peers,
      writeConfig,
      gateway,
      async stop() {
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

/** Puts `assets/` under `static/` in the bucket, as a deployment would. */
async function uploadAssets(peers: Peers, bucket: string) {
  for (const name of fs.readdirSync(ASSETS)) {
    await peers.s3Client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: `static/${name}`,
        Body: fs.readFileSync(path.join(ASSETS, name)),
        ContentType: CONTENT_TYPES[path.extname(name)] ?? 'application/octet-stream',
        CacheControl: 'public, max-age=31536000, immutable',
      }),
    );
  }
}
