import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createAssembleHandler } from '../functions/assemble/assemble';
import { assembleDeps } from '../functions/assemble/deps';
import { backfillDeps } from '../functions/backfill/wiring';
import { createWriteHandler, productionDeps } from '../functions/write/app';
import settings from '../local/settings.json';
import { parseSessionKeys } from '../shared/auth/sessionKeys';
import { createDynamoClient } from '../shared/adapters/dynamoClient';
import { dynamoTenantStore } from '../shared/adapters/dynamoTenantStore';
import { fileCommitIndexProvider } from '../shared/adapters/fileCommitIndex';
import type { CommitIndex } from '../shared/ports/commitIndex';
import { importWiki } from '../tools/importWiki';
import { publishPool } from '../tools/publishPool';
import { benchToken } from './fixture';
import { HISTORY_PAGE_INDEX, makeFixtureRepo, pageFile, scalePageContent } from './fixtureRepo';
import { startPeersProcess } from './peersClient';
import { summarize, type Summary } from './stats';

/** Unmeasured rounds first: V8 compiles hot code after a number of calls, and a Lambda instance answering requests is a warm one. */
const WARMUP_ROUNDS = 10;

/** The acceptance at 10,000 pages: history and changelog medians, import throughput. */
export const SCALE_BUDGETS = { historyMs: 50, changelogMs: 50, importPagesPerSecond: 200 } as const;

export interface ScaleOptions {
  /** Wiki sizes to measure (pages besides home, one commit each). */
  readonly sizes: readonly number[];
  /** Timed rounds per request kind (interleaved). */
  readonly rounds?: number;
  /** Extra commits on the measured page, so its history is long in a long repository. */
  readonly edits?: number;
  readonly log?: (line: string) => void;
}

export interface ScaleRow {
  readonly name: string;
  readonly time: Summary;
  /** Body bytes of the last response. */
  readonly bytes: number;
}

export interface ScaleRun {
  readonly pages: number;
  readonly commits: number;
  readonly fixtureSeconds: number;
  readonly import: {
    readonly seconds: number;
    readonly pagesPerSecond: number;
    readonly indexSeconds: number;
    /** CPU seconds of this process (main + render threads) and of the peers process (s3rver, dynalite). */
    readonly cpuSeconds: number;
    readonly peersCpuSeconds: number;
    /** What both cores would do with nothing else running: pages / ((our CPU + the peers' CPU) / cores). */
    readonly cpuBoundPagesPerSecond: number;
  };
  /** The machine's load average when the run began (other processes share its cores). */
  readonly loadAverage: number;
  /** The baseline row first: a GET of one page through the write API (token, tenant, git read, render). */
  readonly rows: readonly ScaleRow[];
}

const UTF8 = new TextDecoder();

/**
 * The scale run (`npm run bench -- --pages 100,10000`): per size, an Otter-Wiki-shaped repository
 * of N pages and N+ commits written by `git fast-import`, imported with `importWiki` (history
 * index, both cores rendering), then the dynamic views through the real write handler and a page
 * view through the real assemble handler, against s3rver and dynalite in a process of their own.
 */
export async function benchScale(options: ScaleOptions): Promise<ScaleRun[]> {
  const log = options.log ?? (() => undefined);
  const rounds = options.rounds ?? 30;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wikibot-bench-scale-'));
  const table = 'bench-scale-tenants';
  const bucket = 'bench-scale';
  const peers = await startPeersProcess({ region: settings.region, bucket, table, s3Dir: path.join(tmp, 's3') });
  const config = {
    region: settings.region, bucket, tenantsTable: table, dataDir: path.join(tmp, 'efs'),
    s3Endpoint: peers.s3Endpoint, dynamoEndpoint: peers.dynamoEndpoint,
    sessionKeys: settings.sessionKeys, issuer: settings.issuer, audience: settings.audience,
  };
  fs.mkdirSync(config.dataDir, { recursive: true });
  const dynamo = createDynamoClient({ region: settings.region, endpoint: peers.dynamoEndpoint });
  const base = backfillDeps(config);
  const pool = publishPool(config, base.publisher, os.availableParallelism());
  const write = createWriteHandler({
    deps: { ...productionDeps(config), log: () => undefined }, sessionKeys: parseSessionKeys(settings.sessionKeys),
    issuer: settings.issuer, audience: settings.audience,
  });
  const assemble = createAssembleHandler(assembleDeps({
    region: settings.region, bucket, s3Endpoint: peers.s3Endpoint, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  }, () => undefined));
  const token = await benchToken();
  const out: ScaleRun[] = [];
  try {
    for (const pages of options.sizes) {
      const id = { user: 'bench', wiki: `scale-${pages}` };
      const source = path.join(tmp, `source-${pages}.git`);
      log(`scale ${pages}: writing ${pages + 1 + (options.edits ?? 20)} commits with git fast-import…`);
      const f0 = performance.now();
      makeFixtureRepo(source, { pages, edits: options.edits ?? 20 });
      const fixtureSeconds = (performance.now() - f0) / 1000;

      log(`scale ${pages}: importing (history index, ${os.availableParallelism()} render threads)…`);
      const indexes = fileCommitIndexProvider({ fs, root: config.dataDir });
      let indexSeconds = 0;
      const timedIndexes = {
        open(wiki: typeof id): CommitIndex {
          const index = indexes.open(wiki);
          return Object.assign(Object.create(index) as CommitIndex, {
            append: async (...args: Parameters<CommitIndex['append']>) => {
              const t = performance.now();
              try {
                return await index.append(...args);
              } finally {
                indexSeconds += (performance.now() - t) / 1000;
              }
            },
          });
        },
      };
      const loadAverage = os.loadavg()[0]!;
      const c0 = process.cpuUsage();
      const p0 = processCpuSeconds(peers.pid);
      const i0 = performance.now();
      const result = await importWiki(
        { ...base, publisher: pool, tenants: dynamoTenantStore(dynamo, table), dataDir: config.dataDir, commitIndexes: timedIndexes },
        { repo: source, id, publish: { concurrency: 32 } },
      );
      const seconds = (performance.now() - i0) / 1000;
      const used = process.cpuUsage(c0);
      const cpuSeconds = (used.user + used.system) / 1e6;
      const peersCpuSeconds = processCpuSeconds(peers.pid) - p0;
      log(`scale ${pages}: imported in ${seconds.toFixed(1)} s (${((pages + 1) / seconds).toFixed(0)} pages/s)`);
      if (result.publish.failed.length > 0) throw new Error(`import failed: ${JSON.stringify(result.publish.failed.slice(0, 3))}`);

      const wiki = `/${id.user}/${id.wiki}`;
      const page = pageFile(HISTORY_PAGE_INDEX).slice(0, -3);
      const other = pageFile(Math.min(pages - 1, 57)).slice(0, -3);
      let version = 0;
      const head = async () => JSON.parse(UTF8.decode(await body(write(event('GET', `/api/wikis/${id.user}/${id.wiki}/changelog`, token, undefined, 'limit=2'))))) as { entries: { revision: string }[] };
      const changes = (await head()).entries;
      const kinds: [string, () => Promise<{ statusCode?: number; body?: string; isBase64Encoded?: boolean }>][] = [
        ['baseline: page GET via the write API', () => write(event('GET', `/api/wikis/${id.user}/${id.wiki}/pages/${encodeURI(other)}`, token))],
        ['page history', () => write(event('GET', `${wiki}/-/history/${encodeURI(page)}`, token))],
        ['changelog', () => write(event('GET', `${wiki}/-/changelog`, token))],
        // The same answers as JSON, without the view's frame (whose sidebar grows with the wiki).
        ['page history, API (JSON)', () => write(event('GET', `/api/wikis/${id.user}/${id.wiki}/pages/${encodeURI(page)}/-/history`, token))],
        ['changelog, API (JSON)', () => write(event('GET', `/api/wikis/${id.user}/${id.wiki}/changelog`, token))],
        ['diff (two revisions)', () => write(event('GET', `${wiki}/-/diff/${encodeURI(page)}`, token))],
        ['blame', () => write(event('GET', `${wiki}/-/blame/${encodeURI(page)}`, token))],
        ['revision view (?revision=)', () => write(event('GET', `${wiki}/-/view/${encodeURI(page)}`, token, undefined, `revision=${changes[1]!.revision.slice(0, 8)}`))],
        ['A–Z index', () => write(event('GET', `${wiki}/-/index`, token))],
        ['search', () => write(event('GET', `${wiki}/-/search`, token, undefined, 'q=emphasis+strong'))],
        ['page view (assembled)', () => assemble(event('GET', `${wiki}/${encodeURI(other)}`))],
        ['save (new content)', () => write(event('PUT', `/api/wikis/${id.user}/${id.wiki}/pages/${encodeURI(other)}`, token, { content: scalePageContent(57, 1000 + ++version) }))],
      ];
      const samples = kinds.map(() => [] as number[]);
      const bytes = kinds.map(() => 0);
      log(`scale ${pages}: ${rounds} rounds of ${kinds.length} requests…`);
      for (let round = -WARMUP_ROUNDS; round < rounds; round++) {
        for (let k = 0; k < kinds.length; k++) {
          const index = (k + Math.max(0, round)) % kinds.length;
          const t = performance.now();
          const response = await kinds[index]![1]();
          const ms = performance.now() - t;
          if ((response.statusCode ?? 500) >= 300) throw new Error(`${kinds[index]![0]}: ${response.statusCode} ${String(response.body).slice(0, 300)}`);
          bytes[index] = (await body(Promise.resolve(response))).length;
          if (round >= 0) samples[index]!.push(ms);
        }
      }
      out.push({
        pages: pages + 1,
        commits: result.commits,
        fixtureSeconds,
        import: {
          seconds, pagesPerSecond: (pages + 1) / seconds, indexSeconds, cpuSeconds, peersCpuSeconds,
          cpuBoundPagesPerSecond: (pages + 1) / ((cpuSeconds + peersCpuSeconds) / os.availableParallelism()),
        },
        loadAverage,
        rows: kinds.map(([name], i) => ({ name, time: summarize(samples[i]!), bytes: bytes[i]! })),
      });
    }
    return out;
  } finally {
    base.close();
    await pool.close();
    dynamo.destroy();
    await peers.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** utime + stime of a process from /proc (Linux), in seconds; 0 where there is no /proc. */
export function processCpuSeconds(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

async function body(response: Promise<{ body?: string; isBase64Encoded?: boolean }>): Promise<Uint8Array> {
  const r = await response;
  return Buffer.from(r.body ?? '', r.isBase64Encoded ? 'base64' : 'utf8');
}

function event(method: string, rawPath: string, token?: string, json?: unknown, query = ''): APIGatewayProxyEventV2 {
  return {
    version: '2.0', routeKey: '$default', rawPath, rawQueryString: query,
    headers: {
      host: 'localhost', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(json ? { 'content-type': 'application/json' } : {}),
    },
    requestContext: {
      accountId: '000000000000', apiId: 'bench', domainName: 'localhost', domainPrefix: 'localhost',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId: 'bench', routeKey: '$default', stage: '$default', time: '', timeEpoch: 0,
    },
    body: json === undefined ? undefined : JSON.stringify(json),
    isBase64Encoded: false,
  };
}

const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

/** The docs section: one table per size, ratios against the baseline of the same run. */
export function scaleMarkdown(runs: readonly ScaleRun[]): string {
  const lines = ['## Scale (issue 14: history index, import)', ''];
  lines.push(
    'Generated by `npm run bench -- --pages 100,10000` (bench/scale.ts). Per size, a repository of N pages',
    'in folders of 100, one commit each, plus 20 edits of the measured page, written by `git fast-import`;',
    'imported by `importWiki` (git clone, the history index from `git log`, every page rendered on both',
    'cores and put to s3rver); then each request kind in interleaved rounds through the real write and',
    'assemble handlers (no gateway). Milliseconds; ratio = median / the baseline\'s median in the same run.',
    '',
  );
  for (const run of runs) {
    const baseline = run.rows[0]!.time.median;
    lines.push(`### ${run.pages.toLocaleString('en-US')} pages, ${run.commits.toLocaleString('en-US')} commits`, '');
    const imp = run.import;
    lines.push(
      `Import: ${imp.seconds.toFixed(1)} s wall clock, **${imp.pagesPerSecond.toFixed(0)} pages/s** with a load average of ${run.loadAverage.toFixed(1)} ` +
      `on ${os.availableParallelism()} cores when it began (history index from git log: ${imp.indexSeconds.toFixed(2)} s; fixture written in ${run.fixtureSeconds.toFixed(1)} s). ` +
      `CPU: ${imp.cpuSeconds.toFixed(1)} s in the import (main thread + render threads), ${imp.peersCpuSeconds.toFixed(1)} s in s3rver/dynalite: ` +
      `**${imp.cpuBoundPagesPerSecond.toFixed(0)} pages/s** when the cores are not shared.`,
      '',
    );
    lines.push('| request | n | median | p90 | ratio to baseline | body |', '| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const row of run.rows) {
      lines.push(`| ${row.name} | ${row.time.n} | ${ms(row.time.median)} | ${ms(row.time.p90)} | ${(row.time.median / baseline).toFixed(2)}× | ${(row.bytes / 1024).toFixed(1)} KiB |`);
    }
    lines.push('');
  }
  const largest = runs[runs.length - 1];
  if (largest) {
    const median = (name: string) => largest.rows.find((r) => r.name === name)!.time.median;
    lines.push('The views\' frames carry only the current page\'s branch of the sidebar (the whole tree is a resource of its own, fetched once per change), ' +
      'so their bodies do not grow with the wiki; the A–Z index lists every page, so its body does. The JSON rows are the same history answers without the frame.', '');
    const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
    lines.push(`Acceptance at ${largest.pages.toLocaleString('en-US')} pages: page history ${ms(median('page history'))} ms (≤ ${SCALE_BUDGETS.historyMs}: ${verdict(median('page history') <= SCALE_BUDGETS.historyMs)}), ` +
      `changelog ${ms(median('changelog'))} ms (≤ ${SCALE_BUDGETS.changelogMs}: ${verdict(median('changelog') <= SCALE_BUDGETS.changelogMs)}), ` +
      `import ${largest.import.pagesPerSecond.toFixed(0)} pages/s wall clock (≥ ${SCALE_BUDGETS.importPagesPerSecond}: ${verdict(largest.import.pagesPerSecond >= SCALE_BUDGETS.importPagesPerSecond)}; ` +
      `CPU-bound ${largest.import.cpuBoundPagesPerSecond.toFixed(0)} pages/s: ${verdict(largest.import.cpuBoundPagesPerSecond >= SCALE_BUDGETS.importPagesPerSecond)}).`, '');
  }
  return lines.join('\n');
}

if (require.main === module) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const sizes = (process.argv[2] ?? '100').split(',').map(Number);
  benchScale({ sizes, rounds: Number(process.argv[3] ?? 10), log: (l) => process.stderr.write(`[scale] ${l}\n`) }).then(
    (runs) => console.log(scaleMarkdown(runs)),
    (error: Error) => {
      console.error(error.stack ?? error.message);
      process.exit(1);
    },
  );
}
