/**
 * `npm run edge-resync -- --kvs-arn ARN --table TABLE [--region R] (--ssm NAME | --keys 'kid=…')`
 *
 * Rebuilds a stage's CloudFront KeyValueStore from its tenants table and session keys, with
 * edge-sync's own resync (functions/edge-sync/sync.ts): puts what differs, deletes what is stale,
 * in ETag-conditioned UpdateKeys batches. `--dry-run` prints the changes without applying them.
 * The same runs in AWS as `sls invoke -f edgeSync -d '{"action":"resync"}'`; `npm start` resyncs
 * its in-process store by itself.
 */
import { parseArgs } from 'node:util';
import { CloudFrontKeyValueStoreClient } from '@aws-sdk/client-cloudfront-keyvaluestore';
import { cloudFrontKvsStore } from '../shared/adapters/cloudFrontKvsStore';
import { createDynamoClient } from '../shared/adapters/dynamoClient';
import { parseSessionKeys } from '../shared/auth/sessionKeys';
import type { EdgeConfigStore } from '../shared/ports/edgeConfigStore';
import { scanTenants } from '../functions/edge-sync/scanTenants';
import { resync } from '../functions/edge-sync/sync';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      'kvs-arn': { type: 'string' }, table: { type: 'string' }, region: { type: 'string', default: 'us-east-1' },
      ssm: { type: 'string' }, keys: { type: 'string' }, issuer: { type: 'string', default: 'wikibot' }, audience: { type: 'string', default: 'wikibot' },
      'dynamo-endpoint': { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || !values['kvs-arn'] || !values.table || (!values.ssm && !values.keys)) {
    console.log('Usage: npm run edge-resync -- --kvs-arn ARN --table TABLE [--region R] (--ssm NAME | --keys kid=secret,…) [--dry-run]');
    return values.help ? 0 : 2;
  }
  let keySetting = values.keys;
  if (!keySetting) {
    const { SSMClient, GetParameterCommand } = await import('@aws-sdk/client-ssm');
    keySetting = (await new SSMClient({ region: values.region }).send(new GetParameterCommand({ Name: values.ssm, WithDecryption: true }))).Parameter?.Value;
  }
  const kvs = cloudFrontKvsStore({ client: new CloudFrontKeyValueStoreClient({ region: values.region }), kvsArn: values['kvs-arn'] });
  const store: EdgeConfigStore = values['dry-run'] ? { ...kvs, apply: async () => undefined } : kvs;
  const dynamo = createDynamoClient({ region: values.region!, endpoint: values['dynamo-endpoint'] });
  const out = await resync({
    scan: () => scanTenants(dynamo, values.table!), sessionKeys: parseSessionKeys(keySetting ?? ''), issuer: values.issuer!, audience: values.audience!,
  }, store);
  console.log(`${values['dry-run'] ? 'Would apply' : 'Applied'}: ${out.puts.length} puts, ${out.deletes.length} deletes (${out.entries} entries wanted).`);
  for (const put of out.puts) console.log(`  put    ${put.key}${put.key.startsWith('k:') ? '' : ` = ${put.value}`}`);
  for (const key of out.deletes) console.log(`  delete ${key}`);
  return 0;
}

main().then((code) => process.exit(code), (error: Error) => {
  console.error(error.message);
  process.exit(1);
});
