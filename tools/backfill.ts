import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { parseWikiNames, runBackfill } from '../functions/backfill/backfill';
import { fileCheckpoint } from '../functions/backfill/checkpoint';
import { backfillDeps } from '../functions/backfill/wiring';
import { backfillProgress } from './backfillProgress';
import { publishPool } from './publishPool';
import { plural } from '../shared/core/plural';
import { resolveStorage, STORAGE_HELP, STORAGE_OPTIONS, shellAssets } from './storageConfig';

const HELP = `Usage: npm run backfill -- (--wiki user/wiki … | --all) [--force] [options]

Renders and publishes the pages of wikis from git to the fragments bucket: every page whose
fragment is missing or was rendered from another version, plus the shell and the sidebar, and
deletes fragments of pages no longer in git. Resumes where an interrupted run stopped.

  --wiki user/wiki     a wiki (repeatable)
  --all                every wiki in the tenants table
  --force              republish every page, even unchanged ones
  --concurrency N      pages in flight at once (default 16)
  --workers N          threads rendering pages (default: one per core; 0 = the main thread)
  --checkpoint FILE    where progress is kept (default: backfill-checkpoint.json in the data dir)
  --restart            ignore a checkpoint left by an interrupted run
  -h, --help

${STORAGE_HELP}`;

/** Beside the wikis it is about: a run never writes outside the storage it was given (no ./.data). */
export const defaultCheckpointFile = (dataDir: string) => path.join(dataDir, 'backfill-checkpoint.json');

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      wiki: { type: 'string', multiple: true },
      all: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      concurrency: { type: 'string', default: '16' },
      workers: { type: 'string', default: String(os.availableParallelism()) },
      checkpoint: { type: 'string' },
      restart: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      ...STORAGE_OPTIONS,
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (!values.all === !values.wiki?.length) throw new Error('Give --wiki user/wiki (one or more) or --all.');
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new Error('--concurrency must be 1-64.');
  const workers = Number(values.workers);
  if (!Number.isInteger(workers) || workers < 0 || workers > 32) throw new Error('--workers must be 0-32.');
  const wikis = values.all ? 'all' : parseWikiNames(values.wiki ?? []);
  const config = await resolveStorage(values);
  const assets = await shellAssets(values);
  const base = backfillDeps(config, assets);
  const pool = workers > 0 ? publishPool({ ...config, assets }, base.publisher, workers) : undefined;
  const deps = { ...base, publisher: pool ?? base.publisher };
  try {
    const checkpoint = fileCheckpoint(fs, path.resolve(values.checkpoint ?? defaultCheckpointFile(config.dataDir)));
    const summary = await runBackfill(deps, {
      wikis, force: values.force, concurrency, checkpoint, restart: values.restart, progress: backfillProgress(),
    });
    console.log(
      `${plural(summary.wikis, 'wiki')}, ${plural(summary.published, 'page')} published, ${summary.skipped} unchanged, ` +
      `${plural(summary.deleted, 'stale fragment')} deleted in ${summary.seconds.toFixed(1)} s ` +
      `(${plural(Math.round(summary.pagesPerSecond), 'page')}/s)` +
      (summary.resumedPastWikis ? `; resumed past ${plural(summary.resumedPastWikis, 'finished wiki')}` : ''),
    );
    for (const f of summary.failed) console.error(`failed: ${f.wiki}: ${f.what}: ${f.error}`);
    if (summary.failed.length > 0) console.error(`Run it again to retry; progress is kept in ${checkpoint.where}.`);
    return summary.failed.length > 0 || !summary.complete ? 1 : 0;
  } finally {
    base.close();
    await pool?.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`backfill: ${error.message}`);
      process.exit(2);
    },
  );
}
