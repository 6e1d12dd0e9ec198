import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { startPlatform } from '../local/platform';
import settings from '../local/settings.json';
import { gitRepoProvider } from '../shared/adapters/gitWikiRepo';
import { systemClock } from '../shared/ports/clock';
import { expectStatus, KeepAliveClient } from './client';
import { authHeaders, BENCH_WIKI, benchToken } from './fixture';

/** Issue 14: a page of a 10,000-page wiki weighs at most this much more than in a 100-page wiki. */
export const PAGE_WEIGHT_BUDGET_RATIO = 1.5;

export interface PageWeightRow {
  readonly pages: number;
  /** The assembled page as the reader's browser gets it (cache off), bytes and gzip bytes. */
  readonly page: number;
  readonly pageGzip: number;
  /** The page tree the page points to: fetched once per change of the page set. */
  readonly tree: number;
  readonly treeGzip: number;
}

export interface PageWeightResult {
  readonly rows: readonly PageWeightRow[];
  /** Page bytes at the largest size over page bytes at the smallest. */
  readonly ratio: number;
  readonly met: boolean;
}

/** The measured page: 2 KB of prose under headings, in a folder (so it has a branch). */
const GUIDE_PAGE = 'Docs/Guide';
const GUIDE = `# Guide\n\n## Setup\n\n${'Some prose with *emphasis* and a [[Home]] link. '.repeat(20)}\n\n## Use\n\n${'More prose. '.repeat(40)}\n`;

/**
 * The same page read from wikis of each size (a home page, the guide, the rest in folders of 50,
 * committed in one commit beside the write function, then the guide saved through the API, which
 * publishes it and the sidebar), through the local gateway with its cache off.
 */
export async function benchPageWeight(sizes: readonly number[] = [100, 10_000], log: (m: string) => void = () => {}): Promise<PageWeightResult> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wikibot-bench-weight-'));
  const platform = await startPlatform({
    ...settings, port: 0, s3Port: 0, dynamoPort: 0, dataDir: tmp, persistent: false, cache: false, quiet: true,
  });
  const client = new KeepAliveClient(platform.url);
  try {
    const token = await benchToken();
    const repos = gitRepoProvider({ fs, root: platform.writeConfig.dataDir, clock: systemClock });
    const width = String(Math.max(...sizes)).length;
    const rows: PageWeightRow[] = [];
    for (const pages of sizes) {
      // Names of one length, so the frames weigh the same.
      const id = { user: BENCH_WIKI.user, wiki: `weight-${String(pages).padStart(width, '0')}` };
      log(`page weight: a ${pages}-page wiki…`);
      expectStatus(await client.request({ method: 'POST', path: '/api/wikis', headers: authHeaders(token), body: JSON.stringify({ ...id, title: 'Weight' }) }), 201, 'create wiki');
      const encoder = new TextEncoder();
      const changes = Array.from({ length: pages - 2 }, (_, i) => ({
        path: `folder ${Math.floor(i / 50)}/page ${i}.md`, content: encoder.encode(`# Page ${i}\n\nText of page ${i}.\n`),
      }));
      await repos.open(id).commit({ changes, message: `${pages - 2} pages`, author: { name: 'Bench', email: 'bench@example.com' } });
      const save = await client.request({
        method: 'PUT', path: `/api/wikis/${id.user}/${id.wiki}/pages/${encodeURI(GUIDE_PAGE)}`, headers: authHeaders(token), body: JSON.stringify({ content: GUIDE }),
      });
      expectStatus(save, [200, 201], 'save the guide');
      const page = expectStatus(await client.request({ path: `/${id.user}/${id.wiki}/${encodeURI(GUIDE_PAGE)}` }), 200, 'read the guide').body;
      const src = /data-tree="([^"]+)"/.exec(page.toString('utf8'))?.[1];
      if (!src) throw new Error('The page points to no page tree.');
      const tree = expectStatus(await client.request({ path: src }), 200, 'read the page tree').body;
      rows.push({ pages, page: page.length, pageGzip: gzipSync(page).length, tree: tree.length, treeGzip: gzipSync(tree).length });
    }
    const ratio = rows[rows.length - 1]!.page / rows[0]!.page;
    return { rows, ratio, met: ratio <= PAGE_WEIGHT_BUDGET_RATIO };
  } finally {
    client.close();
    await platform.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function pageWeightBudget(r: PageWeightResult): string {
  const [small, large] = [r.rows[0]!, r.rows[r.rows.length - 1]!];
  return `${r.met ? 'met' : 'MISSED'}  page weight at ${large.pages} vs ${small.pages} pages: ${kb(large.page)} / ${kb(small.page)} = ${r.ratio.toFixed(2)}× (budget ≤ ${PAGE_WEIGHT_BUDGET_RATIO}×)`;
}

export function pageWeightMarkdown(r: PageWeightResult): string {
  return [
    '## Page weight (issue 14)',
    '',
    `The same 2 KB page in a folder, read through the gateway (cache off). The page carries its own branch of the page tree; the whole tree is a content-addressed resource the browser fetches once per change of the page set (docs/architecture.md).`,
    '',
    '| pages | page | page, gzip | page tree (once) | page tree, gzip | page + tree (the old inline weight, about) |',
    '|---:|---:|---:|---:|---:|---:|',
    ...r.rows.map((row) => `| ${row.pages} | ${kb(row.page)} | ${kb(row.pageGzip)} | ${kb(row.tree)} | ${kb(row.treeGzip)} | ${kb(row.page + row.tree)} |`),
    '',
    `Ratio ${r.ratio.toFixed(2)}× (budget ≤ ${PAGE_WEIGHT_BUDGET_RATIO}×): ${r.met ? 'met' : 'MISSED'}.`,
    '',
  ].join('\n');
}

/** run.ts's hook: measures, prints the budget line, and appends the section to the docs it just wrote. */
export async function runPageWeightBench(options: { quick: boolean; docs?: string }, log: (m: string) => void): Promise<PageWeightResult> {
  const result = await benchPageWeight(options.quick ? [100, 1_000] : [100, 10_000], log);
  console.log(`Page weight\n  ${pageWeightBudget(result)}\n`);
  if (options.docs) fs.appendFileSync(options.docs, `\n${pageWeightMarkdown(result)}`);
  return result;
}

if (require.main === module) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const sizes = process.argv.slice(2).map(Number).filter((n) => n >= 3);
  benchPageWeight(sizes.length >= 2 ? sizes : undefined, (m) => process.stderr.write(`[bench] ${m}\n`)).then(
    (r) => console.log(`${pageWeightMarkdown(r)}\n${pageWeightBudget(r)}`),
    (error: Error) => {
      console.error(error.stack ?? error.message);
      process.exit(1);
    },
  );
}
