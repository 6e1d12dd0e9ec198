import { parseArgs } from 'node:util';
import { parseWikiNames } from '../functions/backfill/backfill';
import { backfillDeps } from '../functions/backfill/wiring';
import { createDynamoClient } from '../shared/adapters/dynamoClient';
import { dynamoTenantStore } from '../shared/adapters/dynamoTenantStore';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { fileCommitIndexProvider } from '../shared/adapters/fileCommitIndex';
import { backfillProgress } from './backfillProgress';
import { importWiki } from './importWiki';
import { plural } from '../shared/core/plural';
import { publishPool } from './publishPool';
import { resolveStorage, STORAGE_HELP, STORAGE_OPTIONS, shellAssets } from './storageConfig';

const HELP = `Usage: npm run import -- --repo PATH --wiki user/wiki [--visibility private] [--title T]

Imports an existing Otter Wiki repository (a git work tree or bare repository) with its full
history into wikis/{user}/{wiki}/repo.git, creates the wiki's record, wiki.db and the history
index, and publishes every page. Refuses when the wiki already exists, except to resume an
interrupted import of the same repository (run the same command again). Needs the git CLI.

  --repo PATH                 the Otter Wiki repository
  --wiki user/wiki            the new wiki; its owner is "user"
  --visibility public|private default public
  --title T                   default: the first heading of home.md, else the wiki name
  --concurrency N             pages in flight at once (default 32)
  --workers N                 threads rendering pages (default: one per core; 0 = the main thread)
  -h, --help

${STORAGE_HELP}`;

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      repo: { type: 'string' },
      wiki: { type: 'string' },
      visibility: { type: 'string', default: 'public' },
      title: { type: 'string' },
      concurrency: { type: 'string', default: '32' },
      workers: { type: 'string', default: String(os.availableParallelism()) },
      help: { type: 'boolean', short: 'h', default: false },
      ...STORAGE_OPTIONS,
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (!values.repo || !values.wiki) throw new Error('Give --repo PATH and --wiki user/wiki (see --help).');
  if (values.visibility !== 'public' && values.visibility !== 'private') throw new Error('--visibility must be public or private.');
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new Error('--concurrency must be 1-64.');
  const workers = Number(values.workers);
  if (!Number.isInteger(workers) || workers < 0 || workers > 32) throw new Error('--workers must be 0-32.');
  const [id] = parseWikiNames([values.wiki]);
  const config = await resolveStorage(values);
  const assets = await shellAssets(values);
  const deps = backfillDeps(config, assets);
  const pool = workers > 0 ? publishPool({ ...config, assets }, deps.publisher, workers) : undefined;
  const dynamo = createDynamoClient({ region: config.region, endpoint: config.dynamoEndpoint });
  try {
    const result = await importWiki(
      {
        ...deps,
        publisher: pool ?? deps.publisher,
        tenants: dynamoTenantStore(dynamo, config.tenantsTable),
        dataDir: config.dataDir,
        commitIndexes: fileCommitIndexProvider({ fs, root: config.dataDir }),
      },
      {
        repo: values.repo, id: id!, visibility: values.visibility, title: values.title,
        publish: { concurrency }, progress: backfillProgress(process.stderr, 2_000, 'import'),
      },
    );
    const p = result.publish;
    console.log(`Imported ${result.wiki} ("${result.title}"): ${plural(result.commits, 'commit')} on ${result.branch}, ` +
      `${plural(result.pages, 'page')}, ${plural(result.attachments, 'other file')}${result.retainCase ? ', RETAIN_PAGE_NAME_CASE=True (mixed-case names)' : ''}.`);
    console.log(`Published ${plural(p.published, 'page')}, ${plural(p.attachments, 'attachment')}, the shell and the sidebar.`);
    if (result.uncommitted > 0) console.warn(`Note: ${result.uncommitted} uncommitted changes in the source work tree were not imported.`);
    if (p.shadowed.length > 0) console.warn(`Note: pages differing only in case, not published: ${p.shadowed.join(', ')}`);
    for (const f of p.failed) console.error(`Not published: ${f.what}: ${f.error} (run npm run backfill -- --wiki ${result.wiki})`);
    return p.failed.length > 0 ? 1 : 0;
  } finally {
    deps.close();
    await pool?.close();
    dynamo.destroy();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`import: ${error.message}`);
      process.exit(2);
    },
  );
}
