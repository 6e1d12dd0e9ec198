import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { createWriteHandler, productionDeps, type WriteAppOptions, type WriteHandler } from '../../functions/write/app';
import type { WriteConfig } from '../../functions/write/config';
import { Publisher } from '../../functions/write/publisher';
import { parseSessionKeys } from '../../shared/auth/sessionKeys';
import type { BlobStore } from '../../shared/ports/blobStore';
import { startTestPeers, TEST_REGION } from './peers';
import { git } from './git';
import { event } from './events';
import { TEST_KEYS_SETTING, TOKEN_OPTIONS } from './tokens';

export type TestPeers = Awaited<ReturnType<typeof startTestPeers>>;

export interface CallOptions {
  readonly headers?: Record<string, string>;
  readonly query?: string;
  /** A raw (binary) body, sent base64-encoded as API Gateway does for non-text types. */
  readonly raw?: Uint8Array;
}

/** A BlobStore that records which keys were put and deleted (the real S3 adapter underneath). */
function recording(blobs: BlobStore) {
  const puts: string[] = [];
  const deletes: string[] = [];
  const store: BlobStore = {
    ...blobs,
    put: async (key, body, options) => {
      await blobs.put(key, body, options);
      puts.push(key);
    },
    delete: async (key) => {
      await blobs.delete(key);
      deletes.push(key);
    },
  };
  return { store, puts, deletes };
}

/** The write handler wired to real s3rver, dynalite and a temp directory as EFS. */
export async function startWriteStack(name: string, options: Partial<Pick<WriteAppOptions, 'idp' | 'limits' | 'originVerifySecret'>> = {}) {
  const peers = await startTestPeers(name);
  const config: WriteConfig = {
    region: TEST_REGION,
    bucket: peers.bucket,
    tenantsTable: peers.table,
    dataDir: path.join(peers.dir, 'efs'),
    s3Endpoint: peers.s3.endpoint,
    dynamoEndpoint: peers.dynamo.endpoint,
    sessionKeys: TEST_KEYS_SETTING,
    ...TOKEN_OPTIONS,
  };
  fs.mkdirSync(config.dataDir, { recursive: true });
  // Something beside the EFS root that no request may ever touch.
  fs.mkdirSync(path.join(peers.dir, 'outside'), { recursive: true });
  fs.writeFileSync(path.join(peers.dir, 'outside', 'secret.txt'), 'do not touch\n');
  const logs: Record<string, unknown>[] = [];
  const base = productionDeps(config);
  const blobs = recording(base.blobs);
  const handler: WriteHandler = createWriteHandler({
    deps: { ...base, blobs: blobs.store, publisher: new Publisher(blobs.store), log: (entry) => logs.push(entry) },
    sessionKeys: parseSessionKeys(TEST_KEYS_SETTING),
    ...TOKEN_OPTIONS,
    ...options,
  });

  const call = async (method: string, rawPath: string, body?: unknown, token?: string, opts: CallOptions = {}) => {
    const headers: Record<string, string> = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...opts.headers };
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const ev = opts.raw
      ? { ...event(method, rawPath, { headers, query: opts.query }), body: Buffer.from(opts.raw).toString('base64'), isBase64Encoded: true }
      : event(method, rawPath, { body: payload, headers, query: opts.query });
    const response = await handler(ev);
    return { ...response, json: JSON.parse(response.body as string) as Record<string, any> };
  };

  /** The commit a bare repository's HEAD names (loose or packed ref), read without spawning git. */
  const headOf = (gitdir: string): string => {
    if (!fs.existsSync(path.join(gitdir, 'HEAD'))) return 'none';
    const ref = fs.readFileSync(path.join(gitdir, 'HEAD'), 'utf8').trim().replace(/^ref: /, '');
    if (/^[0-9a-f]{40}$/.test(ref)) return ref;
    if (fs.existsSync(path.join(gitdir, ref))) return fs.readFileSync(path.join(gitdir, ref), 'utf8').trim();
    return git(gitdir, 'rev-parse', 'HEAD').trim();
  };

  /** Every file under `dir` with a hash of its content (lock and temp files included). */
  const files = (dir: string): Record<string, string> => {
    const out: Record<string, string> = {};
    const walk = (d: string) => {
      for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, entry.name);
        if (entry.isDirectory()) walk(p);
        else out[path.relative(peers.dir, p)] = createHash('sha1').update(fs.readFileSync(p)).digest('hex');
      }
    };
    if (fs.existsSync(dir)) walk(dir);
    return out;
  };

  /** Everything a request could have written: commits, every file on "EFS" and beside it, objects, items. */
  const snapshot = async () => {
    const objects = await peers.s3Client.send(new ListObjectsV2Command({ Bucket: peers.bucket }));
    const items = await peers.dynamoClient.send(new ScanCommand({ TableName: peers.table }));
    const wikisDir = path.join(config.dataDir, 'wikis');
    const commits: Record<string, string> = {};
    if (fs.existsSync(wikisDir)) {
      for (const user of fs.readdirSync(wikisDir)) {
        for (const wiki of fs.readdirSync(path.join(wikisDir, user))) {
          commits[`${user}/${wiki}`] = headOf(path.join(wikisDir, user, wiki, 'repo.git'));
        }
      }
    }
    return {
      objects: (objects.Contents ?? []).map((o) => `${o.Key}@${o.ETag}`).sort(),
      items: (items.Items ?? []).map((item) => JSON.stringify(item, Object.keys(item).sort())).sort(),
      commits,
      files: files(config.dataDir),
      outside: files(path.join(peers.dir, 'outside')),
    };
  };

  /** The keys put into and deleted from the bucket since the last call. */
  const bucketWrites = () => {
    const out = { puts: [...blobs.puts].sort(), deletes: [...blobs.deletes].sort() };
    blobs.puts.length = 0;
    blobs.deletes.length = 0;
    return out;
  };

  return { peers, config, handler, call, snapshot, bucketWrites, logs, close: () => peers.close() };
}
