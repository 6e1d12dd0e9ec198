import * as fs from 'node:fs';
import { createDynamoClient } from '../../shared/adapters/dynamoClient';
import { dynamoTenantStore } from '../../shared/adapters/dynamoTenantStore';
import { efsPageIndexProvider } from '../../shared/adapters/efsPageIndex';
import { fileCommitIndexProvider } from '../../shared/adapters/fileCommitIndex';
import { gitRepoProvider } from '../../shared/adapters/gitWikiRepo';
import { indexedHistoryProvider } from '../../shared/adapters/indexedWikiHistory';
import { s3BlobStore } from '../../shared/adapters/s3BlobStore';
import { createS3Client } from '../../shared/adapters/s3Client';
import { sqlWikiDbProvider } from '../../shared/adapters/sqlWikiDb';
import type { AssetManifest } from '../../shared/core/fragments/assets';
import { systemClock } from '../../shared/ports/clock';
import { pageIndexReconciler } from '../write/pageIndexing';
import { Publisher } from '../write/publisher';
import type { BackfillDeps } from './backfill';
import type { BackfillConfig } from './config';
import { listAllWikis } from './listWikis';

/**
 * The real adapters for a backfill (Lambda or CLI); `close()` releases the SDK clients. Shells
 * link `assets` (default: the config's STATIC_MANIFEST, as in the write function).
 */
export function backfillDeps(config: Omit<BackfillConfig, 'checkpointKey'>, assets?: AssetManifest): BackfillDeps & { close(): void } {
  const s3 = createS3Client({ region: config.region, endpoint: config.s3Endpoint });
  const dynamo = createDynamoClient({ region: config.region, endpoint: config.dynamoEndpoint });
  const blobs = s3BlobStore(s3, config.bucket);
  const tenants = dynamoTenantStore(dynamo, config.tenantsTable);
  const repos = gitRepoProvider({ fs, root: config.dataDir, clock: systemClock });
  const history = indexedHistoryProvider({ fs, root: config.dataDir, indexes: fileCommitIndexProvider({ fs, root: config.dataDir }) });
  return {
    repos,
    dbs: sqlWikiDbProvider({ fs, root: config.dataDir }),
    blobs,
    publisher: new Publisher(blobs, assets ?? config.staticManifest),
    historyIndex: { sync: (id) => history.open(id).sync({ verify: true }) },
    pageIndex: pageIndexReconciler({ repos, history, pageIndex: efsPageIndexProvider({ fs, root: config.dataDir }) }),
    listWikis: () => listAllWikis(dynamo, config.tenantsTable),
    async getWiki(id) {
      const record = await tenants.getWiki(id);
      return record && { user: record.user, wiki: record.wiki, title: record.title };
    },
    close() {
      s3.destroy();
      dynamo.destroy();
    },
  };
}
