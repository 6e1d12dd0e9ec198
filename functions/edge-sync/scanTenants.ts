import { ScanCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { TenantItem } from '../../shared/adapters/tenantEdgeEntries';

/** Every item of the tenants table, page by page (consistent reads, so a resync sees the latest writes). */
export async function* scanTenants(client: DynamoDBClient, table: string): AsyncIterable<TenantItem> {
  let start: Record<string, import('@aws-sdk/client-dynamodb').AttributeValue> | undefined;
  do {
    const out = await client.send(new ScanCommand({ TableName: table, ConsistentRead: true, ExclusiveStartKey: start }));
    for (const raw of out.Items ?? []) yield unmarshall(raw);
    start = out.LastEvaluatedKey;
  } while (start);
}
