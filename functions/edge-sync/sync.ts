import { createHash } from 'node:crypto';
import { unmarshallItem, type AttributeValue } from '../../shared/adapters/dynamoJson';
import type { DynamoDBRecord } from 'aws-lambda';
import type { Sha256 } from '../../shared/core/edge/kvsLayout';
import {
  changesOfRecord, diffEntries, entriesOfItem, mergeChanges, sessionKeyEntries, type EdgeSessionKeySetting, type TenantItem,
} from '../../shared/adapters/tenantEdgeEntries';
import type { EdgeConfigChanges, EdgeConfigStore } from '../../shared/ports/edgeConfigStore';

export const sha256: Sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('base64url');

type Image = Record<string, AttributeValue> | undefined;
const item = (image: unknown): TenantItem | undefined => (image ? (unmarshallItem(image as Image & object) as TenantItem) : undefined);

/**
 * A batch of the tenants table's stream (NEW_AND_OLD_IMAGES) → KeyValueStore puts and deletes.
 * Records are applied in stream order, so the last change to a key wins; applying a batch twice
 * (Lambda retries a failed batch) leaves the same state.
 */
export async function applyStreamRecords(records: readonly DynamoDBRecord[], store: EdgeConfigStore): Promise<EdgeConfigChanges> {
  const changes = mergeChanges(records.map((r) => changesOfRecord(item(r.dynamodb?.OldImage), item(r.dynamodb?.NewImage), sha256)));
  if (changes.puts.length || changes.deletes.length) await store.apply(changes);
  return changes;
}

export interface ResyncSource {
  /** Every item of the tenants table. */
  scan(): AsyncIterable<TenantItem>;
  readonly sessionKeys: readonly EdgeSessionKeySetting[];
  readonly issuer: string;
  readonly audience: string;
}

/** Rebuilds the edge configuration from the table and the session keys: puts what differs, deletes what is stale. */
export async function resync(source: ResyncSource, store: EdgeConfigStore): Promise<EdgeConfigChanges & { entries: number }> {
  const desired = sessionKeyEntries(source.sessionKeys, source.issuer, source.audience);
  for await (const tenantItem of source.scan()) desired.push(...entriesOfItem(tenantItem, sha256));
  const changes = diffEntries(desired, await store.list());
  if (changes.puts.length || changes.deletes.length) await store.apply(changes);
  return { ...changes, entries: desired.length };
}
