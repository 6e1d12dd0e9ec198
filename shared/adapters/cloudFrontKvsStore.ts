// The KeyValueStore API signs with SigV4a (region set "*"); this registers the SDK's JavaScript
// signer for it, so no native CRT module is needed.
import '@aws-sdk/signature-v4a';
import {
  CloudFrontKeyValueStoreClient, DescribeKeyValueStoreCommand, GetKeyCommand, ListKeysCommand, UpdateKeysCommand,
} from '@aws-sdk/client-cloudfront-keyvaluestore';
import type { KvsEntry } from '../core/edge/kvsLayout';
import type { EdgeConfigChanges, EdgeConfigStore } from '../ports/edgeConfigStore';

export interface CloudFrontKvsSettings {
  readonly client: CloudFrontKeyValueStoreClient;
  readonly kvsArn: string;
  /** Operations per UpdateKeys call (CloudFront accepts up to 50). */
  readonly batchSize?: number;
  /** Attempts per batch when another writer moved the ETag first. */
  readonly maxAttempts?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export const KVS_BATCH_SIZE = 50;
const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function errorName(error: unknown): string {
  return (error as { name?: string })?.name ?? '';
}
function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}
/** Another writer changed the store since our ETag: describe again and retry. */
function isStaleEtag(error: unknown): boolean {
  const status = statusOf(error);
  return errorName(error) === 'ConflictException' || status === 409 || status === 412;
}

/**
 * EdgeConfigStore on a CloudFront KeyValueStore: puts and deletes go out in UpdateKeys batches
 * (all-or-nothing each), conditioned on the store's ETag; a conflict re-reads the ETag and retries
 * with backoff. Deletes of keys that are already gone are dropped before sending, since the API
 * refuses them.
 */
export function cloudFrontKvsStore(settings: CloudFrontKvsSettings): EdgeConfigStore {
  const { client, kvsArn } = settings;
  const batchSize = Math.min(settings.batchSize ?? KVS_BATCH_SIZE, KVS_BATCH_SIZE);
  const maxAttempts = settings.maxAttempts ?? 6;
  const sleep = settings.sleep ?? wait;
  let etag: string | undefined;

  async function currentEtag(): Promise<string> {
    const out = await client.send(new DescribeKeyValueStoreCommand({ KvsARN: kvsArn }));
    if (!out.ETag) throw new Error(`DescribeKeyValueStore gave no ETag for ${kvsArn}.`);
    return out.ETag;
  }

  async function get(key: string): Promise<string | undefined> {
    try {
      return (await client.send(new GetKeyCommand({ KvsARN: kvsArn, Key: key }))).Value;
    } catch (error) {
      if (errorName(error) === 'ResourceNotFoundException' || statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  async function send(puts: readonly KvsEntry[], deletes: readonly string[]) {
    for (let attempt = 1; ; attempt++) {
      etag ??= await currentEtag();
      try {
        const out = await client.send(new UpdateKeysCommand({
          KvsARN: kvsArn,
          IfMatch: etag,
          ...(puts.length ? { Puts: puts.map((e) => ({ Key: e.key, Value: e.value })) } : {}),
          ...(deletes.length ? { Deletes: deletes.map((key) => ({ Key: key })) } : {}),
        }));
        etag = out.ETag;
        return;
      } catch (error) {
        etag = undefined;
        if (!isStaleEtag(error) || attempt >= maxAttempts) throw error;
        await sleep(Math.min(2000, 50 * 2 ** attempt) * (0.5 + Math.random() / 2));
      }
    }
  }

  return {
    get,
    async list() {
      const entries: KvsEntry[] = [];
      let next: string | undefined;
      do {
        const out = await client.send(new ListKeysCommand({ KvsARN: kvsArn, MaxResults: 50, NextToken: next }));
        for (const item of out.Items ?? []) if (item.Key !== undefined && item.Value !== undefined) entries.push({ key: item.Key, value: item.Value });
        next = out.NextToken;
      } while (next);
      return entries;
    },
    async apply(changes: EdgeConfigChanges) {
      const deletes: string[] = [];
      for (const key of changes.deletes) if ((await get(key)) !== undefined) deletes.push(key);
      const ops: ({ put: KvsEntry } | { del: string })[] = [...changes.puts.map((put) => ({ put })), ...deletes.map((del) => ({ del }))];
      for (let i = 0; i < ops.length; i += batchSize) {
        const batch = ops.slice(i, i + batchSize);
        await send(
          batch.flatMap((op) => ('put' in op ? [op.put] : [])),
          batch.flatMap((op) => ('del' in op ? [op.del] : [])),
        );
      }
    },
  };
}
