import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import type { EdgeConfigStore } from '../../shared/ports/edgeConfigStore';
import { parseSessionKeys } from '../../shared/auth/sessionKeys';
import { lambdaLogging } from '../../shared/log';
import { loadEdgeSyncConfig } from './config';
import { applyStreamRecords, resync } from './sync';

const config = loadEdgeSyncConfig(process.env);
const logging = lambdaLogging('edge-sync', process.env);
let store: Promise<EdgeConfigStore> | undefined;

/**
 * The KeyValueStore client (the AWS SDK, SigV4A) is made on the first event, from chunks of its
 * own: loading the handler compiles none of it.
 */
function kvsStore(): Promise<EdgeConfigStore> {
  store ??= Promise.all([import('@aws-sdk/client-cloudfront-keyvaluestore'), import('../../shared/adapters/cloudFrontKvsStore')])
    .then(([{ CloudFrontKeyValueStoreClient }, { cloudFrontKvsStore }]) =>
      cloudFrontKvsStore({ client: new CloudFrontKeyValueStoreClient({ region: config.region }), kvsArn: config.kvsArn }))
    .catch((error) => {
      store = undefined;
      throw error;
    });
  return store;
}

/** A manual full rebuild: `sls invoke -f edgeSync -d '{"action":"resync"}'` (after rotating session keys, say). */
interface ResyncEvent {
  readonly action: 'resync';
}

/**
 * The tenants table's stream → the KeyValueStore (DESIGN §1 edge-sync; no VPC, since a VPC
 * function cannot reach the KVS API). A failed batch throws, and Lambda retries it: puts and
 * deletes are idempotent.
 */
export const handler = async (event: DynamoDBStreamEvent | ResyncEvent, context?: Context) => {
  const log = logging.begin(context);
  if ('action' in event && event.action === 'resync') {
    const [{ createDynamoClient }, { scanTenants }] = await Promise.all([import('../../shared/adapters/dynamoClient'), import('./scanTenants')]);
    const dynamo = createDynamoClient({ region: config.region });
    const sessionKeys = parseSessionKeys(config.sessionKeys ?? (await sessionKeysFromSsm(config.region, config.sessionKeysParameter)));
    const out = await resync({ scan: () => scanTenants(dynamo, config.tenantsTable), sessionKeys, issuer: config.issuer, audience: config.audience }, await kvsStore());
    log.info('resync', { entries: out.entries, puts: out.puts.length, deletes: out.deletes.length });
    return { entries: out.entries, puts: out.puts.length, deletes: out.deletes.length };
  }
  const records = 'Records' in event ? event.Records : [];
  const changes = await applyStreamRecords(records, await kvsStore());
  log.info('stream batch', { records: records.length, puts: changes.puts.length, deletes: changes.deletes.length });
  return { puts: changes.puts.length, deletes: changes.deletes.length };
};

async function sessionKeysFromSsm(region: string, name: string | undefined): Promise<string> {
  if (!name) throw new Error('edge-sync needs SESSION_KEYS or SESSION_KEYS_PARAMETER to resync the session keys.');
  const { SSMClient, GetParameterCommand } = await import('@aws-sdk/client-ssm');
  const out = await new SSMClient({ region }).send(new GetParameterCommand({ Name: name, WithDecryption: true }));
  return out.Parameter?.Value ?? '';
}
