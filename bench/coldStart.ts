import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createWriteHandler, productionDeps } from '../functions/write/app';
import settings from '../local/settings.json';
import { parseSessionKeys } from '../shared/auth/sessionKeys';
import { buildBundles, DEFAULT_OUTDIR } from './build-bundles';
import { handlerEnv } from './coldLoad';
import { BENCH_WIKI, WRITE_PAGE, benchToken, pageApiPath } from './fixture';
import { startPeersProcess } from './peersClient';
import { summarize, type Summary } from './stats';

export interface ColdStartOptions {
  /** Measured fresh processes of each kind. Default 20. */
  readonly runs?: number;
  /** Unmeasured rounds first (disk cache, node's own start-up files). Default 2. */
  readonly warmup?: number;
  /** A write bundle already built (`.build/write/handler.mjs`); built with buildBundles() otherwise. */
  readonly bundle?: string;
  /** Another cold start measured in the same rotation (bench/peers: Otter Wiki's import), milliseconds per sample. */
  readonly alongside?: () => number;
}

export interface ColdStartRow {
  /** `save`: PUT of a page (token, tenant, wiki.db, git commit, render, S3 PUT); `read`: GET of it through the API. */
  readonly kind: 'save' | 'read';
  /** import() of the bundle: module scope only. */
  readonly load: Summary;
  /** The first request of the fresh instance: config, clients, lazy modules (git, sql.js, renderer) and the work. */
  readonly first: Summary;
  /** The same request again on the now warm instance. */
  readonly second: Summary;
  /** load + first: what a cold invocation costs beyond Node's own start. */
  readonly cold: Summary;
  /** Spawn → exit of the whole process. */
  readonly wall: Summary;
}

export interface ColdStartResult {
  readonly bundle: string;
  readonly bundleBytes: number;
  /** `node -e 0`, spawn → exit. */
  readonly baseline: Summary;
  readonly rows: readonly ColdStartRow[];
  /** The `alongside` samples, when given. */
  readonly alongside?: Summary;
}

function apiEvent(method: string, rawPath: string, token: string, body?: unknown): APIGatewayProxyEventV2 {
  return {
    version: '2.0', routeKey: '$default', rawPath, rawQueryString: '',
    headers: { host: 'localhost', authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    requestContext: {
      accountId: '000000000000', apiId: 'bench', domainName: 'localhost', domainPrefix: 'localhost',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId: 'bench', routeKey: '$default', stage: '$default', time: '', timeEpoch: 0,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    isBase64Encoded: false,
  };
}

/** Runs in the fresh process: times the import() of the handler (as Lambda loads an .mjs), the first request and a second one. */
const CHILD = `
(async () => {
const t0 = performance.now();
const bundle = await import(require('node:url').pathToFileURL(process.env.BENCH_BUNDLE).href);
const t1 = performance.now();
const events = JSON.parse(process.env.BENCH_EVENTS);
  const a = await bundle.handler(events[0]);
  const t2 = performance.now();
  const b = await bundle.handler(events[1]);
  const t3 = performance.now();
  process.stdout.write(JSON.stringify({ load: t1 - t0, first: t2 - t1, second: t3 - t2, status: [a.statusCode, b.statusCode], body: a.statusCode >= 300 ? a.body : undefined }));
  process.exit(0);
})().catch((e) => { console.error(e); process.exit(1); });`;

/**
 * Cold start of the write function (issue 4 item 7, the seed's "library mode" lesson): each
 * sample is a fresh `node` process that require()s the built write bundle with the Lambda's
 * environment and serves two requests against s3rver + dynalite (in a process of their own).
 * Reports module load, the first request (everything loaded lazily: clients, session keys,
 * isomorphic-git, sql.js, the renderer) and a warm second request, for a page save and for a
 * read-only API call (GET of a page).
 */
export async function benchColdStart(options: ColdStartOptions = {}): Promise<ColdStartResult> {
  const runs = options.runs ?? 20;
  const warmup = options.warmup ?? 2;
  const bundle = options.bundle ?? (await buildBundles(DEFAULT_OUTDIR)).find((b) => b.name === 'write')!.file;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wikibot-bench-cold-'));
  const peers = await startPeersProcess({ region: settings.region, bucket: settings.bucket, table: settings.tenantsTable, s3Dir: path.join(tmp, 's3') });
  try {
    const dataDir = path.join(tmp, 'efs');
    fs.mkdirSync(dataDir, { recursive: true });
    const config = {
      region: settings.region, bucket: settings.bucket, tenantsTable: settings.tenantsTable, dataDir,
      s3Endpoint: peers.s3Endpoint, dynamoEndpoint: peers.dynamoEndpoint,
      sessionKeys: settings.sessionKeys, issuer: settings.issuer, audience: settings.audience,
    };
    const token = await benchToken();
    // Seed in this process: the wiki and the page both kinds of request touch.
    const seed = createWriteHandler({
      deps: { ...productionDeps(config), log: () => undefined }, sessionKeys: parseSessionKeys(settings.sessionKeys),
      issuer: settings.issuer, audience: settings.audience,
    });
    const expect = async (p: Promise<{ statusCode?: number; body?: string }>, what: string) => {
      const r = await p;
      if ((r.statusCode ?? 500) >= 300) throw new Error(`${what}: ${r.statusCode} ${r.body}`);
    };
    await expect(seed(apiEvent('POST', '/api/wikis', token, BENCH_WIKI)), 'creating the wiki');
    await expect(seed(apiEvent('PUT', pageApiPath(WRITE_PAGE), token, { content: '# Cold\n\nSeed.' })), 'seeding the page');

    const env = { ...handlerEnv(dataDir), S3_ENDPOINT: peers.s3Endpoint, DYNAMODB_ENDPOINT: peers.dynamoEndpoint, BENCH_BUNDLE: bundle };
    const samples = { save: [] as Sample[], read: [] as Sample[] };
    const baseline: number[] = [];
    const alongside: number[] = [];
    let n = 0;
    const once = (kind: 'save' | 'read'): Sample => {
      n++;
      const events = kind === 'save'
        ? [1, 2].map((k) => apiEvent('PUT', pageApiPath(WRITE_PAGE), token, { content: `# Cold\n\nProcess ${n}, request ${k}.` }))
        : [1, 2].map(() => apiEvent('GET', pageApiPath(WRITE_PAGE), token));
      const start = process.hrtime.bigint();
      const child = spawnSync(process.execPath, [...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), '-e', CHILD], { env: { ...env, BENCH_EVENTS: JSON.stringify(events) }, encoding: 'utf8' });
      const wall = Number(process.hrtime.bigint() - start) / 1e6;
      if (process.env.BENCH_DEBUG) process.stderr.write(child.stdout + child.stderr);
      if (child.status !== 0) throw new Error(`cold ${kind} failed (${child.status ?? child.signal}): ${child.stderr.slice(0, 1000)}`);
      const out = JSON.parse(child.stdout.slice(child.stdout.lastIndexOf("\n") + 1)) as Omit<Sample, 'wall'> & { status: number[]; body?: string };
      if (out.status.some((s) => s >= 300)) throw new Error(`cold ${kind} answered ${out.status.join(', ')}: ${out.body}`);
      return { load: out.load, first: out.first, second: out.second, wall };
    };
    for (let round = 0; round < warmup + runs; round++) {
      // Rotating order, so the noise of a shared machine spreads over all of them.
      const kinds = options.alongside ? (['save', 'read', 'baseline', 'alongside'] as const) : (['save', 'read', 'baseline'] as const);
      const order = kinds.map((_, i, all) => all[(round + i) % all.length]!);
      for (const kind of order) {
        if (kind === 'alongside') {
          const ms = options.alongside!();
          if (round >= warmup) alongside.push(ms);
          continue;
        }
        if (kind === 'baseline') {
          const start = process.hrtime.bigint();
          spawnSync(process.execPath, ['-e', '0']);
          if (round >= warmup) baseline.push(Number(process.hrtime.bigint() - start) / 1e6);
          continue;
        }
        const sample = once(kind);
        if (round >= warmup) samples[kind].push(sample);
      }
    }
    const row = (kind: 'save' | 'read'): ColdStartRow => ({
      kind,
      load: summarize(samples[kind].map((s) => s.load)),
      first: summarize(samples[kind].map((s) => s.first)),
      second: summarize(samples[kind].map((s) => s.second)),
      cold: summarize(samples[kind].map((s) => s.load + s.first)),
      wall: summarize(samples[kind].map((s) => s.wall)),
    });
    return {
      bundle, bundleBytes: fs.statSync(bundle).size, baseline: summarize(baseline), rows: [row('save'), row('read')],
      ...(options.alongside ? { alongside: summarize(alongside) } : {}),
    };
  } finally {
    await peers.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

interface Sample {
  readonly load: number;
  readonly first: number;
  readonly second: number;
  readonly wall: number;
}

if (require.main === module) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  benchColdStart({ runs: Number(process.argv[2] ?? 20), bundle: process.argv[3] }).then(
    (r) => {
      const f = (s: Summary) => `${s.median.toFixed(1).padStart(7)} (p90 ${s.p90.toFixed(1)})`;
      console.log(`write bundle ${path.relative(process.cwd(), r.bundle)} (${(r.bundleBytes / 1024).toFixed(0)} KiB); node -e 0: ${r.baseline.median.toFixed(1)} ms`);
      console.log('kind   module load        first request      warm request       load+first         process wall');
      for (const row of r.rows) console.log(`${row.kind.padEnd(6)} ${f(row.load)} ${f(row.first)} ${f(row.second)} ${f(row.cold)} ${f(row.wall)}`);
    },
    (error: Error) => {
      console.error(error.stack ?? error.message);
      process.exit(1);
    },
  );
}
