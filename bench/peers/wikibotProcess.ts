/**
 * wikibot's side of the side-by-side run, in a process of its own (as Otter Wiki's gunicorn is):
 * in `functions` mode the write and assemble handlers, with s3rver and dynalite in a child
 * process; in `platform` mode the whole local platform (gateway, handlers, emulators; cache off)
 * — see wikibotSides.ts. The given repository is imported as `bench/{wiki}` by `importWiki`
 * (history index, both cores rendering). Prints `{"url":…}` once it answers; stops when its
 * stdin closes. Started by wikibotServer.ts.
 *
 * Usage: tsx bench/peers/wikibotProcess.ts MODE REPO WIKI DATA_DIR
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { backfillDeps } from '../../functions/backfill/wiring';
import { createDynamoClient } from '../../shared/adapters/dynamoClient';
import { dynamoTenantStore } from '../../shared/adapters/dynamoTenantStore';
import { fileCommitIndexProvider } from '../../shared/adapters/fileCommitIndex';
import { importWiki } from '../../tools/importWiki';
import { publishPool } from '../../tools/publishPool';
import { startWikibotSide, WIKIBOT_MODES, type WikibotMode } from './wikibotSides';

async function main(mode: WikibotMode, repo: string, wiki: string, dataDir: string) {
  if (!WIKIBOT_MODES.includes(mode)) throw new Error(`unknown mode ${mode}: ${WIKIBOT_MODES.join(' or ')}`);
  const side = await startWikibotSide(mode, dataDir);
  const { config, assets } = side;
  const deps = backfillDeps(config, assets);
  const pool = publishPool({ ...config, assets }, deps.publisher, os.availableParallelism());
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
  } catch (error) {
    await side.stop();
    throw error;
  } finally {
    // The render threads would otherwise take the cores' time while the other side is measured.
    deps.close();
    await pool.close();
    dynamo.destroy();
  }
  const importSeconds = (performance.now() - started) / 1000;
  process.stdout.write(`${JSON.stringify({ url: side.url, importSeconds, emulatorsPid: side.emulatorsPid })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void side.stop().then(() => process.exit(0)));
}

const [mode, repo, wiki, dataDir] = process.argv.slice(2) as [WikibotMode, string, string, string];
main(mode, repo, wiki, dataDir).catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
