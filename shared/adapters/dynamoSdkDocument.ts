import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand, BatchWriteCommand, DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { ConditionFailedError, type DynamoDocument } from './dynamoDocument';

/** DynamoDocument on an AWS SDK client (lib-dynamodb). */
export function dynamoSdkDocument(client: DynamoDBClient): DynamoDocument {
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const conditional = async <T>(work: Promise<T>): Promise<T> => {
    try {
      return await work;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new ConditionFailedError();
      throw error;
    }
  };
  return {
    get: (input) => doc.send(new GetCommand(input)),
    put: (input) => conditional(doc.send(new PutCommand(input))),
    update: (input) => conditional(doc.send(new UpdateCommand(input))),
    delete: (input) => conditional(doc.send(new DeleteCommand(input))),
    query: (input) => doc.send(new QueryCommand(input)),
    batchGet: (input) => doc.send(new BatchGetCommand(input)) as ReturnType<DynamoDocument['batchGet']>,
    batchWrite: (input) => doc.send(new BatchWriteCommand(input as never)) as ReturnType<DynamoDocument['batchWrite']>,
  };
}
