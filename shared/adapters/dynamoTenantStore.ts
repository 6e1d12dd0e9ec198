import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../core/errors';
import type { TenantStore, WikiRecord } from '../ports/tenantStore';
import { WIKI_SK, wikiPk } from './tenantTable';

/** TenantStore on the DynamoDB tenants table (dynalite locally). */
export function dynamoTenantStore(client: DynamoDBClient, table: string): TenantStore {
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return {
    async getWiki({ user, wiki }) {
      const out = await doc.send(
        new GetCommand({ TableName: table, Key: { PK: wikiPk(user, wiki), SK: WIKI_SK }, ConsistentRead: true }),
      );
      if (!out.Item || out.Item.deleted) return undefined;
      return toRecord(out.Item);
    },
    async createWiki(record) {
      try {
        await doc.send(
          new PutCommand({
            TableName: table,
            Item: { PK: wikiPk(record.user, record.wiki), SK: WIKI_SK, type: 'wiki', ...record },
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        );
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) {
          throw new ConflictError(`Wiki ${record.user}/${record.wiki} already exists.`);
        }
        throw error;
      }
    },
    async deleteWiki({ user, wiki }) {
      await doc.send(new DeleteCommand({ TableName: table, Key: { PK: wikiPk(user, wiki), SK: WIKI_SK } }));
    },
  };
}

function toRecord(item: Record<string, unknown>): WikiRecord {
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
