import { isRole } from '../core/access';
import { ConflictError } from '../core/errors';
import type { WikiId } from '../core/slugs';
import type { Member, TenantStore, WikiAccess, WikiRecord } from '../ports/tenantStore';
import { ConditionFailedError, type BatchWriteRequest, type DynamoDocument, type QueryInput } from './dynamoDocument';
import {
  MEMBER_SK_PREFIX, TENANT_TABLE, WIKI_SK, memberIndexPk, memberIndexSk, memberSk, wikiPk,
} from './tenantTable';

type Item = Record<string, unknown>;
const BATCH_GET = 100;
const BATCH_WRITE = 25;

/**
 * TenantStore on the DynamoDB tenants table (dynalite locally), through either transport of
 * DynamoDocument: dynamoTenantStore.ts (AWS SDK) or dynamoHttpDocument.ts (signed plain HTTP).
 */
export function tenantTableStore(doc: DynamoDocument, table: string): TenantStore {
  const metaKey = ({ user, wiki }: WikiId) => ({ PK: wikiPk(user, wiki), SK: WIKI_SK });
  const memberKey = ({ user, wiki }: WikiId, sub: string) => ({ PK: wikiPk(user, wiki), SK: memberSk(sub) });

  async function queryAll(input: Omit<QueryInput, 'ExclusiveStartKey'>): Promise<Item[]> {
    const items: Item[] = [];
    let start: Item | undefined;
    do {
      const out = await doc.query({ ...input, ExclusiveStartKey: start });
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  async function memberItems(id: WikiId): Promise<Item[]> {
    return queryAll({
      TableName: table,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': wikiPk(id.user, id.wiki), ':prefix': MEMBER_SK_PREFIX },
      ConsistentRead: true,
    });
  }

  async function getRecords(ids: WikiId[]): Promise<Map<string, WikiRecord>> {
    const found = new Map<string, WikiRecord>();
    for (let i = 0; i < ids.length; i += BATCH_GET) {
      let keys: Item[] | undefined = ids.slice(i, i + BATCH_GET).map(metaKey);
      while (keys?.length) {
        const out = await doc.batchGet({ RequestItems: { [table]: { Keys: keys } } });
        for (const item of out.Responses?.[table] ?? []) {
          if (!item.deleted) found.set(`${item.user}/${item.wiki}`, toRecord(item));
        }
        keys = out.UnprocessedKeys?.[table]?.Keys as Item[] | undefined;
      }
    }
    return found;
  }

  return {
    async getWiki(id) {
      const out = await doc.get({ TableName: table, Key: metaKey(id), ConsistentRead: true });
      if (!out.Item || out.Item.deleted) return undefined;
      return toRecord(out.Item);
    },

    async createWiki(record) {
      try {
        await doc.put({
          TableName: table,
          Item: {
            ...metaKey(record), type: 'wiki', ...record,
            [TENANT_TABLE.memberIndex.partitionKey]: memberIndexPk(record.owner),
            [TENANT_TABLE.memberIndex.sortKey]: memberIndexSk(record.user, record.wiki),
          },
          // A deleted wiki leaves a marked record; its name may be taken again.
          ConditionExpression: 'attribute_not_exists(PK) OR deleted = :true',
          ExpressionAttributeValues: { ':true': true },
        });
      } catch (error) {
        if (error instanceof ConditionFailedError) {
          throw new ConflictError(`Wiki ${record.user}/${record.wiki} already exists.`);
        }
        throw error;
      }
    },

    async updateWiki(id, changes, updatedAt) {
      const names: Record<string, string> = { '#updatedAt': 'updatedAt' };
      const values: Record<string, unknown> = { ':updatedAt': updatedAt };
      const sets = ['#updatedAt = :updatedAt'];
      for (const field of ['title', 'visibility'] as const) {
        if (changes[field] === undefined) continue;
        names[`#${field}`] = field;
        values[`:${field}`] = changes[field];
        sets.push(`#${field} = :${field}`);
      }
      try {
        const out = await doc.update({
          TableName: table,
          Key: metaKey(id),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(deleted)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        });
        return out.Attributes ? toRecord(out.Attributes) : undefined;
      } catch (error) {
        if (error instanceof ConditionFailedError) return undefined;
        throw error;
      }
    },

    async deleteWiki(id, deletedAt = new Date().toISOString()) {
      try {
        // Marked, not removed: the stream tells edge-sync, and the record says when it went.
        await doc.update({
          TableName: table,
          Key: metaKey(id),
          UpdateExpression: 'SET deleted = :true, deletedAt = :at REMOVE GSI1PK, GSI1SK',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':true': true, ':at': deletedAt },
        });
      } catch (error) {
        if (!(error instanceof ConditionFailedError)) throw error;
      }
      const members = await memberItems(id);
      for (let i = 0; i < members.length; i += BATCH_WRITE) {
        let requests: BatchWriteRequest[] | undefined = members
          .slice(i, i + BATCH_WRITE)
          .map((m) => ({ DeleteRequest: { Key: { PK: m.PK, SK: m.SK } } }));
        while (requests?.length) {
          const out = await doc.batchWrite({ RequestItems: { [table]: requests } });
          requests = out.UnprocessedItems?.[table];
        }
      }
    },

    async getMember(id, sub) {
      const out = await doc.get({ TableName: table, Key: memberKey(id, sub), ConsistentRead: true });
      return out.Item ? toMember(out.Item) : undefined;
    },

    async putMember(id, member) {
      const out = await doc.put({
        TableName: table,
        Item: {
          ...memberKey(id, member.sub), type: 'member', user: id.user, wiki: id.wiki, ...member,
          [TENANT_TABLE.memberIndex.partitionKey]: memberIndexPk(member.sub),
          [TENANT_TABLE.memberIndex.sortKey]: memberIndexSk(id.user, id.wiki),
        },
        ReturnValues: 'ALL_OLD',
      });
      return !out.Attributes;
    },

    async deleteMember(id, sub) {
      const out = await doc.delete({ TableName: table, Key: memberKey(id, sub), ReturnValues: 'ALL_OLD' });
      return out.Attributes !== undefined;
    },

    async listMembers(id) {
      return (await memberItems(id)).map(toMember).sort((a, b) => a.sub.localeCompare(b.sub));
    },

    async listWikisOf(sub) {
      const items = await queryAll({
        TableName: table,
        IndexName: TENANT_TABLE.memberIndex.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': TENANT_TABLE.memberIndex.partitionKey },
        ExpressionAttributeValues: { ':pk': memberIndexPk(sub) },
      });
      const memberships = items.filter((i) => i.type === 'member');
      const records = await getRecords(memberships.map((m) => ({ user: String(m.user), wiki: String(m.wiki) })));
      const out: WikiAccess[] = [];
      for (const item of items) {
        if (item.type === 'wiki' && !item.deleted) out.push({ record: toRecord(item), role: 'admin' });
        const record = item.type === 'member' ? records.get(`${item.user}/${item.wiki}`) : undefined;
        // The owner is admin whatever a stray member record says.
        if (record && record.owner !== sub) out.push({ record, role: toMember(item).role });
      }
      return out;
    },
  };
}

function toRecord(item: Item): WikiRecord {
  return {
    user: String(item.user),
    wiki: String(item.wiki),
    title: String(item.title),
    visibility: item.visibility === 'private' ? 'private' : 'public',
    owner: String(item.owner),
    createdAt: String(item.createdAt),
    updatedAt: String(item.updatedAt),
  };
}

function toMember(item: Item): Member {
  return { sub: String(item.sub), role: isRole(item.role) ? item.role : 'reader', addedAt: String(item.addedAt) };
}
