import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { efsPageIndexProvider, INDEX_DIR } from '../shared/adapters/efsPageIndex';
import { gitHistoryProvider } from '../shared/adapters/gitWikiHistory';
import { gitRepoProvider } from '../shared/adapters/gitWikiRepo';
import type { WikiId } from '../shared/core/slugs';
import { systemClock } from '../shared/ports/clock';
import type { SearchQuery } from '../shared/ports/pageIndex';
import { indexFiles, rebuildPageIndex, type PageIndexingDeps } from '../functions/write/pageIndexing';
import { summarize, type Summary } from './stats';

/** The search budget: 10,000 pages answer in ≤ 100 ms at the median on a warm instance. */
export const SEARCH_BUDGET_MEDIAN_MS = 100;

export interface SearchBenchOptions {
  /** Pages of the large wiki (default 10,000). */
  readonly pages?: number;
  /** Pages of the small wiki the save cost is compared with (default 100). */
  readonly smallPages?: number;
  /** Timed queries of each kind (default 100). */
  readonly queries?: number;
  /** Timed saves on each wiki (default 60). */
  readonly saves?: number;
  /** Where the wikis are built (default: a temp directory, removed afterwards). */
  readonly dataDir?: string;
  readonly log?: (line: string) => void;
}

export interface SaveCost {
  readonly pages: number;
  /** The git commit of one changed page (objects + ref). */
  readonly commit: Summary;
  /** The page index update after it (git read at the head under the index lock, one segment, head.json). */
  readonly index: Summary;
}

export interface SearchBenchResult {
  readonly pages: number;
  /** Markdown over all pages. */
  readonly textBytes: number;
  /** On-disk size of the index after the rebuild. */
  readonly indexBytes: number;
  /** Building the 10,000-page index from git (every blob read, headings, one base file). */
  readonly rebuildMs: number;
  /** The first search of a fresh instance: reads the index files and parses them. */
  readonly coldFirstQueryMs: number;
  /** list() (the A–Z view) in a fresh instance (metadata only) and warm. */
  readonly list: { readonly coldMs: number; readonly warm: Summary };
  /** Warm instance, by kind of query. `plain` (one or two words, phrases) is the budgeted figure. */
  readonly query: {
    readonly plain: Summary;
    readonly oneWord: Summary;
    readonly twoWords: Summary;
    readonly phrase: Summary;
    readonly matchCase: Summary;
    readonly regex: Summary;
  };
  /** One save on the large wiki vs the small one. */
  readonly save: { readonly large: SaveCost; readonly small: SaveCost; readonly indexRatio: number; readonly totalRatio: number };
  readonly budget: { readonly limitMs: number; readonly measuredMs: number; readonly met: boolean };
}

/** A seeded generator, so every run searches the same wiki. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'za', 'be', 'do', 'fi', 'gu', 'ha', 'ji', 'ku', 'le', 'mo', 'nu', 'pa', 're', 'so', 'tu', 've', 'wo', 'xi', 'yo', 'an', 'el', 'is', 'or', 'um'];

/** A wiki-like corpus: a 20,000-word vocabulary drawn with a Zipf-like skew, headings, lists, links and code. */
export function searchCorpus(pages: number, seed = 7) {
  const r = random(seed);
  const vocabulary = new Set<string>();
  while (vocabulary.size < 20_000) {
    let w = '';
    const n = 2 + Math.floor(r() * 3);
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(r() * SYLLABLES.length)];
    vocabulary.add(w);
  }
  const words = [...vocabulary];
  const word = () => words[Math.min(words.length - 1, Math.floor(words.length ** r()) - 1)]!;
  const sentence = (n: number) => {
    const out = Array.from({ length: n }, word);
    out[0] = out[0]!.charAt(0).toUpperCase() + out[0]!.slice(1);
    return `${out.join(' ')}.`;
  };
  const files: { file: string; markdown: string }[] = [];
  for (let p = 0; p < pages; p++) {
    const title = `${word()} ${word()} ${p}`;
    let md = `# ${title.charAt(0).toUpperCase()}${title.slice(1)}\n\n${sentence(12)} See [[${word()}]].\n\n`;
    for (let s = 0; s < 4; s++) {
      md += `## ${word()} ${word()}\n\n`;
      for (let l = 0; l < 3; l++) md += `${sentence(10 + Math.floor(r() * 12))} ${sentence(8 + Math.floor(r() * 10))}\n`;
      md += '\n';
      if (r() < 0.3) md += `- ${sentence(6)}\n- ${sentence(5)}\n\n`;
      if (r() < 0.15) md += '```js\nconst x = load("' + word() + '");\n```\n\n';
    }
    files.push({ file: `section ${p % 50}/page ${p}.md`, markdown: md });
  }
  return { files, words, word, random: r };
}

const encoder = new TextEncoder();
const AUTHOR = { name: 'Bench', email: 'bench@example.com' };

async function buildWiki(root: string, id: WikiId, pages: number) {
  const deps: PageIndexingDeps = {
    repos: gitRepoProvider({ fs, root, clock: systemClock }),
    history: gitHistoryProvider({ fs, root }),
    pageIndex: efsPageIndexProvider({ fs, root }),
  };
  const corpus = searchCorpus(pages);
  await deps.repos.open(id).create({
    changes: corpus.files.map((f) => ({ path: f.file, content: encoder.encode(f.markdown) })),
    message: 'Initial commit',
    author: AUTHOR,
  });
  const started = performance.now();
  await rebuildPageIndex(deps, id, {}, { force: true });
  return { deps, corpus, rebuildMs: performance.now() - started };
}

/** Saves of one page, each a commit then the index update the write function makes after it. */
async function measureSaves(deps: PageIndexingDeps, id: WikiId, corpus: ReturnType<typeof searchCorpus>, saves: number): Promise<SaveCost> {
  const repo = deps.repos.open(id);
  const commit: number[] = [];
  const index: number[] = [];
  for (let i = 0; i < saves + 5; i++) {
    const file = corpus.files[Math.floor(corpus.random() * corpus.files.length)]!.file;
    const t0 = performance.now();
    await repo.commit({ changes: [{ path: file, content: encoder.encode(`# Edited ${i}\n\n${corpus.files[i % corpus.files.length]!.markdown}`) }], message: `Edit ${i}`, author: AUTHOR });
    const t1 = performance.now();
    await indexFiles(deps, id, [file], {});
    const t2 = performance.now();
    if (i >= 5) {
      commit.push(t1 - t0);
      index.push(t2 - t1);
    }
  }
  return { pages: corpus.files.length, commit: summarize(commit), index: summarize(index) };
}

/**
 * Search on a warm instance over a generated wiki of `pages` pages (default 10,000), built in
 * git and indexed through the real rebuild; then the cost of one save's index update on it,
 * compared with a 100-page wiki. Call `benchSearch()`; `npx tsx bench/search.ts [pages]` prints it.
 */
export async function benchSearch(options: SearchBenchOptions = {}): Promise<SearchBenchResult> {
  const pages = options.pages ?? 10_000;
  const queries = options.queries ?? 100;
  const log = options.log ?? (() => undefined);
  const own = !options.dataDir;
  const root = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'wikibot-bench-search-'));
  const large = { user: 'bench', wiki: 'large' };
  const small = { user: 'bench', wiki: 'small' };
  try {
    log(`building a ${pages}-page wiki`);
    const built = await buildWiki(root, large, pages);
    const textBytes = built.corpus.files.reduce((sum, f) => sum + Buffer.byteLength(f.markdown), 0);
    const indexDir = path.join(root, 'wikis', large.user, large.wiki, INDEX_DIR);
    const indexBytes = fs.readdirSync(indexDir).reduce((sum, f) => sum + fs.statSync(path.join(indexDir, f)).size, 0);

    // A fresh instance: the first list() reads the metadata only, the first search everything.
    const listStart = performance.now();
    await efsPageIndexProvider({ fs, root }).open(large).list();
    const listColdMs = performance.now() - listStart;
    const instance = efsPageIndexProvider({ fs, root }).open(large);
    const { word, random: r } = built.corpus;
    const coldStart = performance.now();
    await instance.search({ text: word() });
    const coldFirstQueryMs = performance.now() - coldStart;

    const time = async (make: () => SearchQuery): Promise<Summary> => {
      for (let i = 0; i < 5; i++) await instance.search(make());
      const samples: number[] = [];
      for (let i = 0; i < queries; i++) {
        const query = make();
        const t = performance.now();
        await instance.search(query);
        samples.push(performance.now() - t);
      }
      return summarize(samples);
    };
    log('timing queries');
    const oneWord = await time(() => ({ text: word() }));
    const twoWords = await time(() => ({ text: `${word()} ${word()}` }));
    const phrase = await time(() => ({ text: `"${word()} ${word()}"` }));
    const mixed: number[] = [];
    for (let i = 0; i < queries * 3; i++) {
      const kind = i % 3;
      const text = kind === 0 ? word() : kind === 1 ? `${word()} ${word()}` : `"${word()} ${word()}"`;
      const t = performance.now();
      await instance.search({ text });
      mixed.push(performance.now() - t);
    }
    const matchCase = await time(() => ({ text: `${word().charAt(0).toUpperCase()}${word().slice(1)}`, matchCase: true }));
    const regexes = [() => `^## ${word()}`, () => `${word()}\\w* ${word()}`, () => `\\b${word()}[a-z]{2,}`, () => `(${word()}|${word()}) ${word()}`];
    const regex = await time(() => ({ text: regexes[Math.floor(r() * regexes.length)]!(), regex: true }));
    const warmList: number[] = [];
    for (let i = 0; i < queries; i++) {
      const t = performance.now();
      await instance.list();
      warmList.push(performance.now() - t);
    }

    log('timing saves');
    const saves = options.saves ?? 60;
    const largeSaves = await measureSaves(built.deps, large, built.corpus, saves);
    const smallWiki = await buildWiki(root, small, options.smallPages ?? 100);
    const smallSaves = await measureSaves(smallWiki.deps, small, smallWiki.corpus, saves);
    const plain = summarize(mixed);
    return {
      pages,
      textBytes,
      indexBytes,
      rebuildMs: built.rebuildMs,
      coldFirstQueryMs,
      list: { coldMs: listColdMs, warm: summarize(warmList) },
      query: { plain, oneWord, twoWords, phrase, matchCase, regex },
      save: {
        large: largeSaves,
        small: smallSaves,
        indexRatio: largeSaves.index.median / smallSaves.index.median,
        totalRatio: (largeSaves.index.median + largeSaves.commit.median) / (smallSaves.index.median + smallSaves.commit.median),
      },
      budget: { limitMs: SEARCH_BUDGET_MEDIAN_MS, measuredMs: plain.median, met: plain.median <= SEARCH_BUDGET_MEDIAN_MS },
    };
  } finally {
    if (own) fs.rmSync(root, { recursive: true, force: true });
  }
}

/** The figures as lines of text (the CLI's output; bench/run.ts may put them in its report). */
export function searchReport(r: SearchBenchResult): string[] {
  const ms = (s: Summary) => `median ${s.median.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms`;
  return [
    `wiki: ${r.pages} pages, ${(r.textBytes / 1e6).toFixed(1)} MB of markdown; index ${(r.indexBytes / 1e6).toFixed(1)} MB on disk, rebuilt from git in ${(r.rebuildMs / 1000).toFixed(1)} s`,
    `search, warm instance, plain (1-2 words, phrases): ${ms(r.query.plain)}  [budget ≤ ${r.budget.limitMs} ms median: ${r.budget.met ? 'met' : 'MISSED'}]`,
    `  one word ${ms(r.query.oneWord)}; two words ${ms(r.query.twoWords)}; phrase ${ms(r.query.phrase)}`,
    `  case-sensitive ${ms(r.query.matchCase)}; regex ${ms(r.query.regex)}`,
    `  first search of a fresh instance (reads the index): ${r.coldFirstQueryMs.toFixed(0)} ms`,
    `list() for the A–Z view: fresh instance ${r.list.coldMs.toFixed(0)} ms (metadata only), warm ${ms(r.list.warm)}`,
    `one save, ${r.save.large.pages} pages: commit ${ms(r.save.large.commit)}; index update ${ms(r.save.large.index)}`,
    `one save, ${r.save.small.pages} pages: commit ${ms(r.save.small.commit)}; index update ${ms(r.save.small.index)}`,
    `  index update ${r.save.large.pages} vs ${r.save.small.pages} pages: ${r.save.indexRatio.toFixed(2)}×; commit + index: ${r.save.totalRatio.toFixed(2)}× (limit 2×)`,
  ];
}

if (require.main === module) {
  const pages = Number(process.argv[2]) || 10_000;
  benchSearch({ pages, log: (line) => process.stderr.write(`[bench:search] ${line}\n`) }).then(
    (result) => console.log(searchReport(result).join('\n')),
    (error: Error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
