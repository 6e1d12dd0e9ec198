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
export const memberSk = (sub: string) => `MEMBER#${sub}`;
export const MEMBER_SK_PREFIX = 'MEMBER#';
/** The member index: every wiki record (for its owner) and membership record (for the member). */
export const memberIndexPk = (sub: string) => `MEMBER#${sub}`;
export const memberIndexSk = (user: string, wiki: string) => `WIKI#${user}/${wiki}`;
