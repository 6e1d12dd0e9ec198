import { ScanCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';

type RawItem = Record<string, AttributeValue>;

/**
 * The tenants table's DynamoDB stream, emulated for dynalite (which has none): each `poll()` scans
 * the table and turns what changed since the last scan into stream records (INSERT / MODIFY /
 * REMOVE with NEW_AND_OLD_IMAGES), the shape edge-sync receives in AWS. Changes between two polls
 * are coalesced per item, as a stream consumer that fell behind would also see them.
 */
export class TenantStreamEmulator {
  private snapshot = new Map<string, { json: string; item: RawItem }>();
  private sequence = 0;

  constructor(private readonly client: DynamoDBClient, private readonly table: string) {}

  /** The stream records since the previous poll (everything as INSERTs on the first). */
  async poll(): Promise<DynamoDBRecord[]> {
    const next = new Map<string, { json: string; item: RawItem }>();
    let start: RawItem | undefined;
    do {
      const out = await this.client.send(new ScanCommand({ TableName: this.table, ConsistentRead: true, ExclusiveStartKey: start }));
      for (const item of out.Items ?? []) next.set(`${item.PK?.S}\n${item.SK?.S}`, { json: JSON.stringify(Object.keys(item).sort().map((name) => [name, item[name]])), item });
      start = out.LastEvaluatedKey;
    } while (start);
    const records: DynamoDBRecord[] = [];
    for (const [key, now] of next) {
      const before = this.snapshot.get(key);
      if (!before) records.push(this.record('INSERT', now.item, undefined, now.item));
      else if (before.json !== now.json) records.push(this.record('MODIFY', now.item, before.item, now.item));
    }
    for (const [key, before] of this.snapshot) {
      if (!next.has(key)) records.push(this.record('REMOVE', before.item, before.item, undefined));
    }
    this.snapshot = next;
    return records;
  }

  private record(eventName: 'INSERT' | 'MODIFY' | 'REMOVE', item: RawItem, oldImage?: RawItem, newImage?: RawItem): DynamoDBRecord {
    return {
      eventID: String(++this.sequence),
      eventName,
      eventSource: 'aws:dynamodb',
      awsRegion: 'local',
      dynamodb: {
        Keys: { PK: item.PK!, SK: item.SK! } as never,
        ...(oldImage ? { OldImage: oldImage as never } : {}),
        ...(newImage ? { NewImage: newImage as never } : {}),
        SequenceNumber: String(this.sequence).padStart(21, '0'),
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    };
  }
}
