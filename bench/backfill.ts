import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runBackfill, type BackfillProgress } from '../functions/backfill/backfill';
import { backfillDeps } from '../functions/backfill/wiring';
import settings from '../local/settings.json';
import { createDynamoClient } from '../shared/adapters/dynamoClient';
import { dynamoTenantStore } from '../shared/adapters/dynamoTenantStore';
import { publishPool } from '../tools/publishPool';
import { startPeersProcess } from './peersClient';

/** The issue's budget: backfill renders and publishes at least this many pages a second locally. */
export const BACKFILL_BUDGET_PAGES_PER_SECOND = 200;

export interface BackfillBenchOptions {
  /** Pages in the benchmark wiki (in folders of 50). Default 1000. */
  readonly pages?: number;
  /** Pages in flight (the CLI's --concurrency). Default 16. */
  readonly concurrency?: number;
  /** Render threads (the CLI's --workers; 0 = render on the main thread). Default: one per core. */
  readonly workers?: number;
}

export interface BackfillPass {
  readonly pages: number;
  readonly published: number;
  readonly skipped: number;
  readonly seconds: number;
  readonly pagesPerSecond: number;
}

export interface BackfillBenchResult {
  readonly pages: number;
  readonly concurrency: number;
  readonly workers: number;
  /** Every fragment missing: render + put each page (the first backfill of a wiki). */
  readonly cold: BackfillPass;
  /** `--force` over existing fragments: render + put each page again. */
  readonly force: BackfillPass;
  /** Nothing changed: one GET per page to compare blob ids, no rendering. */
  readonly unchanged: BackfillPass;
  /** Budget check on the slower of the two rendering passes. */
  readonly budget: { readonly limit: number; readonly measured: number; readonly met: boolean };
}

const ID = { user: 'bench', wiki: 'backfill' };

/** A realistic page: headings (a TOC), a table, code, a task list, wikilinks. */
function pageContent(i: number): string {
  return `# Page ${i}

Part of the backfill benchmark. See [[Home]], [[Folder ${(i + 1) % 20}/Page ${i + 1}]] and [[the index|Index]].

## Details

| key | value | note |
|-----|-------|------|
| id | ${i} | unique |
| folder | ${Math.floor(i / 50)} | fifty a folder |
| kind | page | markdown |

- [x] rendered at save time
- [ ] published by backfill

\`\`\`ts
export const page${i} = { id: ${i}, links: ['Home', 'Index'] };
\`\`\`

## More

${'Some prose with *emphasis*, **strong** text, \`code\` and a [link](https://example.com). '.repeat(6)}
`;
}

/**
 * Backfill throughput on the local peers (s3rver + dynalite in a child process, a temp directory
 * as EFS): a wiki of `pages` pages committed in one commit, then three passes of runBackfill.
 * Call `benchBackfill()`; run `npx tsx bench/backfill.ts [pages]` to print the figures alone.
 */
export async function benchBackfill(options: BackfillBenchOptions = {}): Promise<BackfillBenchResult> {
  const pages = options.pages ?? 1000;
  const concurrency = options.concurrency ?? 16;
  const workers = options.workers ?? os.availableParallelism();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wikibot-bench-backfill-'));
  const table = 'bench-backfill-tenants';
  const bucket = 'bench-backfill';
  // The emulators run in a process of their own, as under `npm start` + `npm run backfill`.
  const peers = await startPeersProcess({ region: settings.region, bucket, table, s3Dir: path.join(tmp, 's3') });
  const config = {
    region: settings.region, bucket, tenantsTable: table, dataDir: path.join(tmp, 'efs'),
    s3Endpoint: peers.s3Endpoint, dynamoEndpoint: peers.dynamoEndpoint,
  };
  const base = backfillDeps(config);
  const pool = workers > 0 ? publishPool(config, base.publisher, workers) : undefined;
  const deps = { ...base, publisher: pool ?? base.publisher };
  const dynamo = createDynamoClient({ region: settings.region, endpoint: peers.dynamoEndpoint });
  try {
    const now = new Date().toISOString();
    await dynamoTenantStore(dynamo, table).createWiki({
      ...ID, title: 'Backfill bench', visibility: 'public', owner: ID.user, createdAt: now, updatedAt: now,
    });
    const enc = new TextEncoder();
    const changes = [
      { path: 'home.md', content: enc.encode('# Backfill bench\n\nSee [[Index]].\n') },
      ...Array.from({ length: pages - 1 }, (_, i) => ({ path: `folder ${Math.floor(i / 50)}/page ${i}.md`, content: enc.encode(pageContent(i)) })),
    ];
    await deps.repos.open(ID).create({ changes, message: 'Initial commit', author: { name: 'Bench', email: 'bench@example.com' } });
    await deps.dbs.open(ID).create({ SITE_NAME: 'Backfill bench' });

    const quiet: BackfillProgress = { start() {}, page() {}, wiki() {}, stop() {} };
    const pass = async (force: boolean): Promise<BackfillPass> => {
      const s = await runBackfill(deps, { wikis: [ID], force, concurrency, progress: quiet });
      if (s.failed.length > 0) throw new Error(`backfill failed: ${JSON.stringify(s.failed.slice(0, 3))}`);
      return { pages: s.pages, published: s.published, skipped: s.skipped, seconds: s.seconds, pagesPerSecond: s.pagesPerSecond };
    };
    const cold = await pass(false);
    const force = await pass(true);
    const unchanged = await pass(false);
    const measured = Math.min(cold.pagesPerSecond, force.pagesPerSecond);
    return {
      pages, concurrency, workers, cold, force, unchanged,
      budget: { limit: BACKFILL_BUDGET_PAGES_PER_SECOND, measured, met: measured >= BACKFILL_BUDGET_PAGES_PER_SECOND },
    };
  } finally {
    base.close();
    await pool?.close();
    dynamo.destroy();
    await peers.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const [pages, workers] = process.argv.slice(2).map(Number);
  benchBackfill({ pages: pages || 1000, workers: Number.isInteger(workers) ? workers : undefined }).then(
    (r) => {
      const row = (name: string, p: BackfillPass) =>
        `${name.padEnd(10)} ${String(p.pages).padStart(6)} pages  ${p.published} published  ${p.skipped} skipped  ${p.seconds.toFixed(2)} s  ${p.pagesPerSecond.toFixed(0)} pages/s`;
      console.log(row('cold', r.cold));
      console.log(row('--force', r.force));
      console.log(row('unchanged', r.unchanged));
      console.log(`${r.workers} render threads, ${r.concurrency} pages in flight`);
      console.log(`budget ≥ ${r.budget.limit} pages/s: ${r.budget.measured.toFixed(0)} pages/s, ${r.budget.met ? 'met' : 'MISSED'}`);
    },
    (error: Error) => {
      console.error(error.stack ?? error.message);
      process.exit(1);
    },
  );
}
