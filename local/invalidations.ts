import { randomUUID } from 'node:crypto';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { createInvalidateHandler } from '../functions/invalidate/invalidate';
import { INVALIDATING_PREFIXES } from '../functions/invalidate/notifications';
import type { CdnInvalidator } from '../shared/ports/cdn';
import type { S3Emulator, S3Notification } from './emulators';

export interface LocalInvalidationsOptions {
  readonly s3: S3Emulator;
  readonly bucket: string;
  /** Where invalidations land: the gateway's page cache, as CloudFront's API would drop its cache. */
  readonly cdn: CdnInvalidator;
  readonly log: (entry: Record<string, unknown>) => void;
}

export interface LocalInvalidations {
  /** Resolves once every notification received so far has been handled. */
  settled(): Promise<void>;
  stop(): void;
}

/**
 * The deployed invalidation path, run locally (resources/invalidate.yml): the bucket's event
 * notifications (s3rver emits S3's own notification JSON on every put and delete) are filtered by
 * the same prefixes as the bucket's notification configuration, one message per notification as
 * S3 sends them, batched like the queue's event source, and handed as an SQS event to the real
 * invalidate handler, whose CDN adapter is the gateway's cache.
 *
 * The one difference is the batching window: the queue waits up to a second, locally a batch is
 * what arrived in the current turn of the event loop. s3rver emits before it answers the put, so
 * the cache is dropped before the save's response reaches the browser.
 */
export function startLocalInvalidations(options: LocalInvalidationsOptions): LocalInvalidations {
  const handle = createInvalidateHandler({ cdn: options.cdn, bucket: options.bucket, log: options.log });
  let pending: SQSRecord[] = [];
  let running: Promise<void> = Promise.resolve();

  const deliver = () => {
    const batch = pending;
    pending = [];
    const event: SQSEvent = { Records: batch };
    running = running.then(async () => {
      const out = await handle(event);
      if (out.batchItemFailures.length > 0) options.log({ level: 'WARN', message: 'invalidation batch items failed', failures: out.batchItemFailures.length });
    });
  };

  const unsubscribe = options.s3.onEvent((notification: S3Notification) => {
    for (const record of notification.Records) {
      const key = record.s3?.object?.key ?? '';
      if (record.s3?.bucket?.name !== options.bucket || !INVALIDATING_PREFIXES.some((p) => key.startsWith(p))) continue;
      if (!/^Object(Created|Removed):/.test(record.eventName ?? '')) continue;
      if (pending.length === 0) setImmediate(deliver);
      pending.push(sqsRecord(JSON.stringify({ Records: [record] })));
    }
  });

  return {
    settled: async () => {
      await new Promise((resolve) => setImmediate(resolve));
      await running;
    },
    stop: unsubscribe,
  };
}

function sqsRecord(body: string): SQSRecord {
  const now = String(Date.now());
  return {
    messageId: randomUUID(),
    receiptHandle: randomUUID(),
    body,
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: now, SenderId: 'S3', ApproximateFirstReceiveTimestamp: now },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:local:000000000000:invalidations',
    awsRegion: 'local',
  };
}
