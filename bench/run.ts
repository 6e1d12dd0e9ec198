import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { startPlatform, type Platform } from '../local/platform';
import settings from '../local/settings.json';
import { s3BlobStore } from '../shared/adapters/s3BlobStore';
import { createS3Client } from '../shared/adapters/s3Client';
import { pageFragmentKey, shellKey, sidebarKey } from '../shared/core/fragments/keys';
import { parsePagePath } from '../shared/core/pagePath';
import { evaluateBudgets } from './budgets';
import { DEFAULT_OUTDIR, ROOT, buildBundles, buildReferenceBundle } from './build-bundles';
import { runBundleChecks } from './bundleChecks';
import { KeepAliveClient } from './client';
import { benchColdLoad } from './coldLoad';
import { extraBudgets, extrasMarkdown, runExtras } from './extras';
import { BENCH_WIKI, READ_PAGE, benchToken, seedBenchWiki } from './fixture';
import { runGitBench } from './git';
import { runPageWeightBench } from './pageWeight';
import { keepPeersSection } from './peers/report';
import { benchRead, type ReadOptions } from './read';
import { bundleFigures, consoleReport, machine, markdownReport, type BenchReport } from './report';
import { benchWrite, type WriteOptions } from './write';

const HELP = `Usage: npm run bench -- [--quick] [--no-docs] [--pages N,N…]

Measures wikibot on the local platform and rewrites docs/benchmarks.md:
read path (assembled page vs static file), write path (page save vs baseline),
cold load of the function bundles, and the bundles' structure (esbuild metafile).

  --quick     few samples, a smoke test; does not touch docs/benchmarks.md
  --no-docs   full run, print only
  --pages N,N the scale run alone (bench/scale.ts) at these wiki sizes, e.g. 100,10000:
              import, history, changelog, diff, blame, A–Z, search, page view, save;
              replaces its section of docs/benchmarks.md (unless --quick or --no-docs)
  -h, --help  show this help`;

const DOCS = path.join(ROOT, 'docs', 'benchmarks.md');

const FULL = {
  read: { warmup: 100, requests: 1500, batch: 25 } satisfies Omit<ReadOptions, 'staticPath'>,
  write: { warmup: 10, saves: 100 } satisfies WriteOptions,
  cold: { warmup: 3, runs: 50 },
};
const QUICK = {
  read: { warmup: 20, requests: 150, batch: 25 } satisfies Omit<ReadOptions, 'staticPath'>,
  write: { warmup: 2, saves: 10 } satisfies WriteOptions,
  cold: { warmup: 1, runs: 5 },
};

/** The read page's 3 fragment GETs as the assemble handler makes them, with its own S3 client. */
function fragmentFetcher(platform: Platform) {
  const s3 = createS3Client({ region: settings.region, endpoint: platform.peers.s3.endpoint });
  const blobs = s3BlobStore(s3, settings.bucket);
  const id = { user: BENCH_WIKI.user, wiki: BENCH_WIKI.wiki };
  const pageKey = parsePagePath(READ_PAGE).key;
  return {
    fetch: async () => {
      const parts = await Promise.all([blobs.getText(shellKey(id)), blobs.getText(sidebarKey(id)), blobs.getText(pageFragmentKey(id, pageKey))]);
      if (parts.some((p) => p === undefined)) throw new Error('A fragment of the read page is missing from the bucket.');
    },
    close: () => s3.destroy(),
  };
}

function log(message: string) {
  process.stderr.write(`[bench] ${message}\n`);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      'no-docs': { type: 'boolean', default: false },
      pages: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (values.pages !== undefined) return runScale(values.pages, values.quick || values['no-docs']);
  const plan = values.quick ? QUICK : FULL;
  const started = process.hrtime.bigint();
  // The SDK warns once on Node < 22 (Lambda runs 22); keep the output to the figures.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

  // 1. Bundles and their structure first: a broken structure fails fast, before any timing.
  log(`building ${path.relative(ROOT, DEFAULT_OUTDIR)}/{functions…,s3-client-only} with lambdaEsbuildOptions (ES modules, code splitting)…`);
  const bundles = await buildBundles(DEFAULT_OUTDIR);
  const reference = await buildReferenceBundle(DEFAULT_OUTDIR);
  const checks = runBundleChecks(bundles);
  const failed = checks.filter((c) => !c.ok);
  if (failed.length > 0) {
    console.error('\nStructural check failed (esbuild metafile):');
    for (const c of failed) {
      console.error(`  ✗ ${c.name}`);
      for (const d of c.details) console.error(`      ${d}`);
    }
    console.error('\nThe write function must reach sql.js and isomorphic-git only through import(), and the assemble');
    console.error('function must not bundle isomorphic-git, sql.js, micromark or jose (DESIGN §1); write, backfill and edge-sync must evaluate none of their heavy modules at load (issue 14). docs/benchmarks.md was not changed.');
    return 1;
  }
  log(`structural checks ok (${checks.length})`);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wikibot-bench-'));
  try {
    // 2. Read and write through the local platform.
    log('starting the local platform (s3rver, dynalite, gateway; cache off)…');
    let platform: Platform | undefined;
    let client: KeepAliveClient | undefined;
    let read: Awaited<ReturnType<typeof benchRead>>;
    let write: Awaited<ReturnType<typeof benchWrite>>;
    try {
      platform = await startPlatform({
        ...settings,
        port: 0, s3Port: 0, dynamoPort: 0,
        dataDir: path.join(tmp, 'platform'),
        persistent: false,
        cache: false,
        quiet: true,
      });
      client = new KeepAliveClient(platform.url);
      const token = await benchToken();
      await seedBenchWiki(client, token);
      log(`read: ${plan.read.requests} each of page GET, static GET and direct fragment GETs, in rotating batches of ${plan.read.batch}…`);
      const fragments = fragmentFetcher(platform);
      try {
        const staticPath = platform.assetManifest['favicon.svg'];
        if (!staticPath) throw new Error('The asset build has no favicon.svg.');
        read = await benchRead(client, fragments.fetch, { ...plan.read, staticPath });
      } finally {
        fragments.close();
      }
      log(`write: ${plan.write.saves} rounds of save / GET / unchanged PUT…`);
      write = await benchWrite(client, token, plan.write);
    } finally {
      client?.close();
      await platform?.stop();
    }

    // 3. Cold loads, with the platform stopped so nothing else competes for the CPU.
    log(`cold load: ${plan.cold.runs} fresh processes per command, interleaved…`);
    const coldDataDir = path.join(tmp, 'cold-efs');
    fs.mkdirSync(coldDataDir);
    const cold = benchColdLoad([
      ...bundles.map((bundle) => ({ bundle, label: `${bundle.name} function bundle` })),
      { bundle: reference, label: 'reference: @aws-sdk/client-s3 S3Client + GetObjectCommand alone' },
    ], { ...plan.cold, dataDir: coldDataDir });

    // 4. The later issues' benchmarks (render, edge gate, backfill, write cold start).
    const writeBundle = bundles.find((b) => b.name === 'write');
    if (!writeBundle) throw new Error('The write bundle was not built.');
    const extras = await runExtras({ quick: values.quick, writeBundle: writeBundle.file }, log);

    const report: BenchReport = {
      date: new Date(),
      machine: machine(),
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
      readOptions: { ...plan.read, staticPath: read.staticPath },
      writeOptions: plan.write,
      coldRuns: plan.cold.runs,
      read,
      write,
      cold,
      bundles: [...bundles, reference].map((b) => bundleFigures(b, ROOT)),
      checks,
      budgets: evaluateBudgets(read, cold, checks),
    };
    console.log(`\n${consoleReport(report)}\n`);
    console.log(`Later budgets\n${extraBudgets(extras).map((l) => `  ${l}`).join('\n')}\n`);
    if (values.quick || values['no-docs']) {
      log(`${values.quick ? '--quick' : '--no-docs'}: ${path.relative(ROOT, DOCS)} left unchanged`);
    } else {
      fs.mkdirSync(path.dirname(DOCS), { recursive: true });
      const previous = readDocs();
      // The scale and side-by-side sections come from their own runs: carried over as they were.
      fs.writeFileSync(DOCS, keepPeersSection(withScaleSection(`${markdownReport(report).trimEnd()}\n\n${extrasMarkdown(extras)}`, scaleSectionOf(previous)), previous));
      log(`wrote ${path.relative(ROOT, DOCS)}`);
    }
    await runPageWeightBench({ quick: values.quick, docs: values.quick || values['no-docs'] ? undefined : DOCS }, log);
    await runGitBench({ quick: values.quick, docs: values.quick || values['no-docs'] ? undefined : DOCS }, log);
    log(`done in ${report.seconds.toFixed(0)} s`);
    return 0;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const SCALE_START = '<!-- scale run: npm run bench -- --pages … -->';
const SCALE_END = '<!-- end of scale run -->';
const readDocs = () => (fs.existsSync(DOCS) ? fs.readFileSync(DOCS, 'utf8') : '');
const scaleSectionOf = (docs: string) => {
  const start = docs.indexOf(SCALE_START);
  const end = docs.indexOf(SCALE_END);
  return start >= 0 && end > start ? docs.slice(start, end + SCALE_END.length) : undefined;
};
/** The docs with the scale section put in (replacing the old one) or kept as it was. */
const withScaleSection = (docs: string, section: string | undefined) => {
  if (!section) return docs;
  const old = scaleSectionOf(docs);
  return old ? docs.replace(old, section) : `${docs.trimEnd()}\n\n${section}\n`;
};

async function runScale(sizes: string, printOnly: boolean): Promise<number> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const list = sizes.split(',').map(Number);
  if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n < 60 || n > 100_000)) throw new Error('--pages takes sizes of 60-100000, e.g. 100,10000.');
  const { benchScale, scaleMarkdown } = await import('./scale');
  const runs = await benchScale({ sizes: list, rounds: printOnly ? 10 : 30, log });
  const markdown = scaleMarkdown(runs);
  console.log(markdown);
  if (!printOnly) {
    fs.writeFileSync(DOCS, withScaleSection(readDocs(), `${SCALE_START}\n${markdown.trimEnd()}\n${SCALE_END}`));
    log(`wrote the scale section of ${path.relative(ROOT, DOCS)}`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`npm run bench failed: ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
