/**
 * Key design of the single-table tenants table. resources/dynamodb.yml declares the same keys;
 * a test keeps the two in step, and the local platform creates the table from this.
 */
export const TENANT_TABLE = {
  partitionKey: 'PK',
  sortKey: 'SK',
  memberIndex: { name: 'byMember', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
} as const;

export const wikiPk = (user: string, wiki: string) => `WIKI#${user}/${wiki}`;
export const WIKI_SK = 'META';
