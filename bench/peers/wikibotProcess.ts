/**
 * wikibot's side of the side-by-side run, in a process of its own (as Otter Wiki's gunicorn is):
 * the local platform (gateway, real handlers, s3rver and dynalite; cache off), with the given
 * repository imported as `bench/{wiki}` by `importWiki` (history index, both cores rendering).
 * Prints `{"url":…}` once it answers; stops when its stdin closes. Started by wikibotServer.ts.
 *
 * Usage: tsx bench/peers/wikibotProcess.ts REPO WIKI DATA_DIR
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { backfillDeps } from '../../functions/backfill/wiring';
import { startPlatform } from '../../local/platform';
import settings from '../../local/settings.json';
import { createDynamoClient } from '../../shared/adapters/dynamoClient';
import { dynamoTenantStore } from '../../shared/adapters/dynamoTenantStore';
import { fileCommitIndexProvider } from '../../shared/adapters/fileCommitIndex';
import { importWiki } from '../../tools/importWiki';
import { publishPool } from '../../tools/publishPool';

async function main(repo: string, wiki: string, dataDir: string) {
  const platform = await startPlatform({
    ...settings, port: 0, s3Port: 0, dynamoPort: 0, dataDir, persistent: false, cache: false, quiet: true,
  });
  const config = platform.writeConfig;
  const deps = backfillDeps(config, platform.assetManifest);
  const pool = publishPool({ ...config, assets: platform.assetManifest }, deps.publisher, os.availableParallelism());
  const dynamo = createDynamoClient({ region: config.region, endpoint: config.dynamoEndpoint });
  const started = performance.now();
  try {
    const result = await importWiki(
      {
        ...deps, publisher: pool, tenants: dynamoTenantStore(dynamo, config.tenantsTable), dataDir: config.dataDir,
        commitIndexes: fileCommitIndexProvider({ fs, root: config.dataDir }),
      },
      { repo, id: { user: 'bench', wiki }, visibility: 'public', publish: { concurrency: 32 } },
    );
    if (result.publish.failed.length > 0) throw new Error(`import failed: ${JSON.stringify(result.publish.failed.slice(0, 3))}`);
  } finally {
    // The render threads would otherwise take the cores' time while the other side is measured.
    deps.close();
    await pool.close();
    dynamo.destroy();
  }
  const importSeconds = (performance.now() - started) / 1000;
  process.stdout.write(`${JSON.stringify({ url: platform.url, importSeconds })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void platform.stop().then(() => process.exit(0)));
}

const [repo, wiki, dataDir] = process.argv.slice(2) as [string, string, string];
main(repo, wiki, dataDir).catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
