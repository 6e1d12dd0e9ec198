import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { WIKI_SK } from '../../shared/adapters/tenantTable';
import type { WikiId } from '../../shared/core/slugs';

export interface WikiListing extends WikiId {
  readonly title: string;
}

/**
 * Every live wiki record of the tenants table, sorted by `user/wiki`. A read-only Scan (the
 * TenantStore port answers per wiki and per member, not "all"), filtered to wiki records
 * (`SK = META`) that are not marked deleted; pages through the whole table.
 */
export async function listAllWikis(client: DynamoDBClient, table: string): Promise<WikiListing[]> {
  const doc = DynamoDBDocumentClient.from(client);
  const wikis: WikiListing[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await doc.send(new ScanCommand({
      TableName: table,
      FilterExpression: 'SK = :meta AND attribute_not_exists(deleted)',
      ProjectionExpression: '#user, wiki, title',
      ExpressionAttributeNames: { '#user': 'user' },
      ExpressionAttributeValues: { ':meta': WIKI_SK },
      ExclusiveStartKey: start,
    }));
    for (const item of out.Items ?? []) {
      wikis.push({ user: String(item.user), wiki: String(item.wiki), title: String(item.title ?? item.wiki) });
    }
    start = out.LastEvaluatedKey;
  } while (start);
  return wikis.sort((a, b) => compareKeys(`${a.user}/${a.wiki}`, `${b.user}/${b.wiki}`));
}

const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
