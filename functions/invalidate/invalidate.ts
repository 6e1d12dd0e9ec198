import { createHash } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { CdnBusyError, type CdnInvalidator } from '../../shared/ports/cdn';
import { pathsOfMessage } from './notifications';

export interface InvalidateDeps {
  readonly cdn: CdnInvalidator;
  /** The stage's bucket: notifications of any other bucket are ignored. */
  readonly bucket: string;
  readonly log: (entry: Record<string, unknown>) => void;
  /** Waits between retries; tests pass one that does not wait. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * CloudFront keeps at most 15 wildcard paths in progress per distribution; a bigger request would
 * only be refused. A batch that touches more wikis than that (a backfill, an import) invalidates
 * everything with the one path `/*` instead: one path is cheaper than many, and is never refused
 * for its size.
 */
export const MAX_WILDCARDS_PER_REQUEST = 15;
export const EVERYTHING = '/*';
/** Backoff before each retry of a throttled request; after the last, SQS redelivers the messages. */
export const RETRY_DELAYS_MS = [250, 500, 1_000, 2_000, 4_000] as const;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The invalidate function: S3 notifications of saved fragments and attachments, batched by the
 * queue (resources/invalidate.yml) → one wildcard path per wiki → one CloudFront invalidation.
 * When it still fails after the retries, the batch's messages (those that named a wiki) are
 * reported as batch item failures, so SQS delivers them again (and, after its maxReceiveCount,
 * to the dead-letter queue); messages that name no wiki are done.
 */
export function createInvalidateHandler(deps: InvalidateDeps) {
  const sleep = deps.sleep ?? realSleep;

  async function invalidateWithRetry(paths: string[], reference: string): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      try {
        await deps.cdn.invalidate(paths, reference);
        return true;
      } catch (error) {
        const delay = RETRY_DELAYS_MS[attempt];
        if (!(error instanceof CdnBusyError) || delay === undefined) {
          deps.log({ level: 'ERROR', message: 'Invalidation failed', paths, attempts: attempt + 1, error });
          return false;
        }
        deps.log({ level: 'WARN', message: 'Invalidation throttled, retrying', paths, attempt: attempt + 1, delayMs: delay });
        await sleep(delay + Math.floor(Math.random() * delay * 0.2));
      }
    }
  }

  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const messagesOfPath = new Map<string, string[]>();
    for (const record of event.Records) {
      for (const path of pathsOfMessage(record.body, deps.bucket)) {
        const ids = messagesOfPath.get(path) ?? [];
        if (!ids.includes(record.messageId)) ids.push(record.messageId);
        messagesOfPath.set(path, ids);
      }
    }
    const wikiPaths = [...messagesOfPath.keys()].sort();
    const paths = wikiPaths.length > MAX_WILDCARDS_PER_REQUEST ? [EVERYTHING] : wikiPaths;
    const messages = [...new Set([...messagesOfPath.values()].flat())];
    const failed = paths.length > 0 && !(await invalidateWithRetry(paths, referenceOf(paths, messages))) ? messages : [];
    deps.log({ level: 'INFO', message: 'invalidated', messages: event.Records.length, wikis: wikiPaths.length, paths, failedMessages: failed.length });
    return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
  };
}

/** The same paths for the same messages (a retry, a redelivered batch) give the same reference. */
function referenceOf(paths: string[], messageIds: string[]): string {
  const hash = createHash('sha256').update(paths.join('\n')).update('\0').update([...messageIds].sort().join('\n'));
  return `wikibot-${hash.digest('hex').slice(0, 32)}`;
}
