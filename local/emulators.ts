import * as fs from 'node:fs';
import * as http from 'node:http';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTableCommand, DynamoDBClient, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import { TENANT_TABLE } from '../shared/adapters/tenantTable';
import { createS3Client } from '../shared/adapters/s3Client';
import { createDynamoClient } from '../shared/adapters/dynamoClient';
import type { S3NotificationRecord } from '../functions/invalidate/notifications';
import { listen } from './listen';

// Both emulators ship without types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as new (options: Record<string, unknown>) => {
  /** The Koa request handler (s3rver is a Koa app). */
  callback(): http.RequestListener;
  on(event: 'event', listener: (notification: S3Notification) => void): void;
  off(event: 'event', listener: (notification: S3Notification) => void): void;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dynalite = require('dynalite') as (options: Record<string, unknown>) => import('node:net').Server;

export interface Emulator {
  readonly endpoint: string;
  close(): Promise<void>;
}

/** An S3 event notification as S3 sends it to a queue (s3rver emits the same shape on every put and delete). */
export interface S3Notification {
  readonly Records: readonly S3NotificationRecord[];
}

export interface S3Emulator extends Emulator {
  /** The bucket's event notifications; returns the unsubscribe function. */
  onEvent(listener: (notification: S3Notification) => void): () => void;
}

/** s3rver on `port` (0 = any free port), keeping objects in `directory`. */
export async function startS3(port: number, directory: string): Promise<S3Emulator> {
  fs.mkdirSync(directory, { recursive: true });
  // Our own server around s3rver's handler: its run() never settles on a busy port (the listen
  // error is emitted, not passed to the callback it waits for).
  const s3rver = new S3rver({ silent: true, directory });
  const server = http.createServer(s3rver.callback());
  const address = await listen(server, port, 'S3 emulator (s3rver)', '--s3-port');
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
    onEvent(listener) {
      s3rver.on('event', listener);
      return () => s3rver.off('event', listener);
    },
  };
}

/** dynalite on `port`; keeps tables in `directory`, or in memory when none is given. */
export async function startDynamo(port: number, directory?: string): Promise<Emulator> {
  if (directory) fs.mkdirSync(directory, { recursive: true });
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(directory ? { path: directory } : {}) });
  const address = await listen(server, port, 'DynamoDB emulator (dynalite)', '--dynamo-port');
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function ensureBucket(client: S3Client, bucket: string): Promise<void> {
  try {
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists') throw error;
  }
}

/** Creates the tenants table with the keys resources/dynamodb.yml declares. */
export async function ensureTenantsTable(client: DynamoDBClient, table: string): Promise<void> {
  const { partitionKey: pk, sortKey: sk, memberIndex } = TENANT_TABLE;
  try {
    await client.send(
      new CreateTableCommand({
        TableName: table,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [pk, sk, memberIndex.partitionKey, memberIndex.sortKey].map((name) => ({
          AttributeName: name,
          AttributeType: 'S',
        })),
        KeySchema: [
          { AttributeName: pk, KeyType: 'HASH' },
          { AttributeName: sk, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: memberIndex.name,
            KeySchema: [
              { AttributeName: memberIndex.partitionKey, KeyType: 'HASH' },
              { AttributeName: memberIndex.sortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
}

export interface Peers {
  readonly s3: S3Emulator;
  readonly dynamo: Emulator;
  readonly s3Client: S3Client;
  readonly dynamoClient: DynamoDBClient;
  close(): Promise<void>;
}

/** Starts both emulators and creates the bucket and table; used by `npm start` and the tests. */
export async function startPeers(options: {
  region: string; bucket: string; table: string; s3Port: number; dynamoPort: number; s3Dir: string; dynamoDir?: string;
}): Promise<Peers> {
  const s3 = await startS3(options.s3Port, options.s3Dir);
  let dynamo: Emulator;
  try {
    dynamo = await startDynamo(options.dynamoPort, options.dynamoDir);
  } catch (error) {
    await s3.close();
    throw error;
  }
  const s3Client = createS3Client({ region: options.region, endpoint: s3.endpoint });
  const dynamoClient = createDynamoClient({ region: options.region, endpoint: dynamo.endpoint });
  const peers: Peers = {
    s3, dynamo, s3Client, dynamoClient,
    async close() {
      s3Client.destroy();
      dynamoClient.destroy();
      await Promise.allSettled([s3.close(), dynamo.close()]);
    },
  };
  try {
    await ensureBucket(s3Client, options.bucket);
    await ensureTenantsTable(dynamoClient, options.table);
  } catch (error) {
    await peers.close();
    throw error;
  }
  return peers;
}
