/**
 * A page-index writer in its own OS process, for the adapter's concurrency test: waits for "go"
 * on stdin, then makes INDEX_UPDATES updates to one wiki's index through efsPageIndexProvider
 * (each upserts one of its own pages, every fifth also removes one), and prints "done".
 */
import * as fs from 'node:fs';
import { efsPageIndexProvider } from '../../shared/adapters/efsPageIndex';
import type { IndexedDocument } from '../../shared/ports/pageIndex';

const env = process.env;
const id = { user: env.INDEX_USER!, wiki: env.INDEX_WIKI! };
const proc = Number(env.INDEX_PROC);
const updates = Number(env.INDEX_UPDATES);

export function indexedPage(proc: number, page: number, save: number): IndexedDocument {
  const path = `proc ${proc}/page ${page}`;
  return {
    path, key: path, title: `Page ${page} of ${proc}`, headings: [], size: 10, blob: `${proc}-${page}-${save}`,
    updated: new Date(0).toISOString(), markdown: `# Page ${page} of ${proc}\n\nsave ${save} marker${proc}x${page}\n`,
  };
}

async function main() {
  const index = efsPageIndexProvider({ fs, root: env.INDEX_ROOT!, lock: { waitMs: 30_000, staleMs: 30_000 } }).open(id);
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  for (let i = 0; i < updates; i++) {
    await index.update(async () => ({
      upsert: [indexedPage(proc, i % 4, i)],
      remove: i % 5 === 4 ? [`proc ${proc}/gone ${i}`] : [],
    }));
  }
  process.stdout.write('done\n');
}

if (env.INDEX_ROOT) {
  main().then(
    () => process.exit(0),
    (error: Error) => {
      process.stderr.write(`${error.stack ?? error.message}\n`);
      process.exit(1);
    },
  );
}
