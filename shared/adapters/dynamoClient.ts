import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface DynamoSettings {
  readonly region: string;
  /** Set only for a local DynamoDB (dynalite), which accepts any credentials. */
  readonly endpoint?: string;
}

export function createDynamoClient({ region, endpoint }: DynamoSettings): DynamoDBClient {
  return new DynamoDBClient({
    region,
    ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
}
