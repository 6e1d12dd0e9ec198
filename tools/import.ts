import { parseArgs } from 'node:util';
import { parseWikiNames } from '../functions/backfill/backfill';
import { backfillDeps } from '../functions/backfill/wiring';
import { createDynamoClient } from '../shared/adapters/dynamoClient';
import { dynamoTenantStore } from '../shared/adapters/dynamoTenantStore';
import { importWiki } from './importWiki';
import { plural } from '../shared/core/plural';
import { resolveStorage, STORAGE_HELP, STORAGE_OPTIONS, shellAssets } from './storageConfig';

const HELP = `Usage: npm run import -- --repo PATH --wiki user/wiki [--visibility private] [--title T]

Imports an existing Otter Wiki repository (a git work tree or bare repository) with its full
history into wikis/{user}/{wiki}/repo.git, creates the wiki's record and wiki.db, and publishes
every page. Refuses when the wiki already exists. Needs the git CLI.

  --repo PATH                 the Otter Wiki repository
  --wiki user/wiki            the new wiki; its owner is "user"
  --visibility public|private default public
  --title T                   default: the first heading of home.md, else the wiki name
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
  const [id] = parseWikiNames([values.wiki]);
  const config = await resolveStorage(values);
  const deps = backfillDeps(config, await shellAssets(values));
  const dynamo = createDynamoClient({ region: config.region, endpoint: config.dynamoEndpoint });
  try {
    const result = await importWiki(
      { ...deps, tenants: dynamoTenantStore(dynamo, config.tenantsTable), dataDir: config.dataDir },
      { repo: values.repo, id: id!, visibility: values.visibility, title: values.title },
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
