import { AwsServiceError, awsJsonClient, type AwsHttpSettings } from './dynamoHttpReader';
import { ConditionFailedError, type BatchWriteRequest, type DynamoDocument, type Item } from './dynamoDocument';
import { marshallItem, unmarshallItem, type AttributeValue } from './dynamoJson';

type Wire = Record<string, AttributeValue>;

/**
 * DynamoDocument over signed plain HTTP (SigV4 via `aws4`, kept-alive connections): the same
 * calls as lib-dynamodb, with its marshalling (dynamoJson.ts), and none of the SDK's code to load.
 */
export function dynamoHttpDocument(settings: AwsHttpSettings): DynamoDocument {
  const call = awsJsonClient('dynamodb', 'DynamoDB_20120810', settings);
  const send = async (operation: string, input: object) => {
    try {
      return await call(operation, input);
    } catch (error) {
      if (error instanceof AwsServiceError && error.code === 'ConditionalCheckFailedException') throw new ConditionFailedError();
      throw error;
    }
  };
  // Only the members that hold items or keys change shape; the rest (expressions, names) pass as they are.
  const wire = <T extends { Key?: Item; Item?: Item; ExpressionAttributeValues?: Item; ExclusiveStartKey?: Item }>(input: T) => ({
    ...input,
    ...(input.Key ? { Key: marshallItem(input.Key) } : {}),
    ...(input.Item ? { Item: marshallItem(input.Item) } : {}),
    ...(input.ExpressionAttributeValues ? { ExpressionAttributeValues: marshallItem(input.ExpressionAttributeValues) } : {}),
    ...(input.ExclusiveStartKey ? { ExclusiveStartKey: marshallItem(input.ExclusiveStartKey) } : {}),
  });
  const item = (value: unknown) => (value ? unmarshallItem(value as Wire) : undefined);
  const attributes = (out: Record<string, unknown>) => ({ Attributes: item(out.Attributes) });
  const writeRequests = (requests: readonly unknown[], toWire: boolean): BatchWriteRequest[] =>
    (requests as BatchWriteRequest[]).map((r) => {
      const convert = (x: Item) => (toWire ? marshallItem(x) : unmarshallItem(x as Wire));
      return 'PutRequest' in r ? { PutRequest: { Item: convert(r.PutRequest.Item) } } : { DeleteRequest: { Key: convert(r.DeleteRequest.Key) } };
    });
  const mapTables = <A, B>(tables: Record<string, A> | undefined, fn: (value: A) => B): Record<string, B> | undefined =>
    tables && Object.fromEntries(Object.entries(tables).map(([table, value]) => [table, fn(value)]));

  return {
    async get(input) {
      return { Item: item((await send('GetItem', wire(input))).Item) };
    },
    async put(input) {
      return attributes(await send('PutItem', wire(input)));
    },
    async update(input) {
      return attributes(await send('UpdateItem', wire(input)));
    },
    async delete(input) {
      return attributes(await send('DeleteItem', wire(input)));
    },
    async query(input) {
      const out = await send('Query', wire(input));
      return { Items: (out.Items as Wire[] | undefined)?.map(unmarshallItem), LastEvaluatedKey: item(out.LastEvaluatedKey) };
    },
    async batchGet(input) {
      const out = await send('BatchGetItem', {
        RequestItems: mapTables(input.RequestItems, (t) => ({ ...t, Keys: t.Keys.map(marshallItem) })),
      });
      return {
        Responses: mapTables(out.Responses as Record<string, Wire[]> | undefined, (items) => items.map(unmarshallItem)),
        UnprocessedKeys: mapTables(out.UnprocessedKeys as Record<string, { Keys?: Wire[] }> | undefined, (t) => ({ Keys: t.Keys?.map(unmarshallItem) })),
      };
    },
    async batchWrite(input) {
      const out = await send('BatchWriteItem', { RequestItems: mapTables(input.RequestItems, (r) => writeRequests(r, true)) });
      return { UnprocessedItems: mapTables(out.UnprocessedItems as Record<string, unknown[]> | undefined, (r) => writeRequests(r, false)) };
    },
  };
}
