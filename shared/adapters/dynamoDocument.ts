import type { Item } from './dynamoJson';

export type { Item } from './dynamoJson';

/**
 * The DynamoDB calls of the tenants table with plain values (lib-dynamodb's "document" shapes),
 * so the table logic (tenantTableStore.ts) runs on the AWS SDK (dynamoSdkDocument.ts, for tools
 * and tests that already hold a client) or on signed plain HTTP (dynamoHttpDocument.ts, for the
 * functions, whose cold start would otherwise compile the SDK).
 */
export interface DynamoDocument {
  get(input: { TableName: string; Key: Item; ConsistentRead?: boolean }): Promise<{ Item?: Item }>;
  put(input: WriteInput & { Item: Item }): Promise<{ Attributes?: Item }>;
  update(input: WriteInput & { Key: Item; UpdateExpression: string }): Promise<{ Attributes?: Item }>;
  delete(input: WriteInput & { Key: Item }): Promise<{ Attributes?: Item }>;
  query(input: QueryInput): Promise<{ Items?: Item[]; LastEvaluatedKey?: Item }>;
  batchGet(input: { RequestItems: Record<string, { Keys: Item[] }> }): Promise<{
    Responses?: Record<string, Item[]>;
    UnprocessedKeys?: Record<string, { Keys?: Item[] }>;
  }>;
  batchWrite(input: { RequestItems: Record<string, BatchWriteRequest[]> }): Promise<{ UnprocessedItems?: Record<string, BatchWriteRequest[]> }>;
}

export interface WriteInput {
  readonly TableName: string;
  readonly ConditionExpression?: string;
  readonly ExpressionAttributeNames?: Record<string, string>;
  readonly ExpressionAttributeValues?: Item;
  readonly ReturnValues?: 'ALL_OLD' | 'ALL_NEW' | 'NONE';
}

export interface QueryInput {
  readonly TableName: string;
  readonly IndexName?: string;
  readonly KeyConditionExpression: string;
  readonly ExpressionAttributeNames?: Record<string, string>;
  readonly ExpressionAttributeValues?: Item;
  readonly ConsistentRead?: boolean;
  readonly ExclusiveStartKey?: Item;
}

export type BatchWriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: Item } };

/** A write's ConditionExpression did not hold; both documents throw this, whatever their transport. */
export class ConditionFailedError extends Error {
  constructor() {
    super('The conditional request failed.');
    this.name = 'ConditionFailedError';
  }
}
