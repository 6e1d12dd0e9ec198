import type { SQSEvent } from 'aws-lambda';
import { EVERYTHING, MAX_WILDCARDS_PER_REQUEST, RETRY_DELAYS_MS, createInvalidateHandler } from '../../../functions/invalidate/invalidate';
import { pathsOfMessage, wikiPathOfKey } from '../../../functions/invalidate/notifications';
import { CdnBusyError } from '../../../shared/ports/cdn';

const BUCKET = 'wikibot-dev-fragmentsbucket-abc';

/** One queue message per notification, as S3 sends them. */
const message = (id: string, key: string, eventName = 'ObjectCreated:Put', bucket = BUCKET) => ({
  messageId: id,
  body: JSON.stringify({ Records: [{ eventName, s3: { bucket: { name: bucket }, object: { key } } }] }),
});
const event = (...records: { messageId: string; body: string }[]) => ({ Records: records }) as unknown as SQSEvent;

function recorder(fail: (call: number) => Error | undefined = () => undefined) {
  const calls: { paths: readonly string[]; reference?: string }[] = [];
  const sleeps: number[] = [];
  const handler = createInvalidateHandler({
    bucket: BUCKET,
    log: () => undefined,
    sleep: async (ms) => void sleeps.push(ms),
    cdn: {
      async invalidate(paths, reference) {
        calls.push({ paths, reference });
        const error = fail(calls.length);
        if (error) throw error;
      },
    },
  });
  return { handler, calls, sleeps };
}

describe('functions/invalidate/notifications', () => {
  it('maps fragment and attachment keys to their wiki\'s wildcard path, and nothing else', () => {
    expect(wikiPathOfKey('fragments/alice/notes/pages/docs/getting started.html')).toBe('/alice/notes/*');
    expect(wikiPathOfKey('fragments/alice/notes/shell.html')).toBe('/alice/notes/*');
    expect(wikiPathOfKey('attachments/alice/notes/tea/cup.png')).toBe('/alice/notes/*');
    for (const key of ['static/abc/app.css', 'internal/backfill.json', 'fragments/alice', 'fragments/alice/notes', 'fragments/Alice/notes/shell.html', 'fragments/../x/shell.html', 'fragments//notes/shell.html']) {
      expect([key, wikiPathOfKey(key)]).toEqual([key, undefined]);
    }
  });

  it('reads S3\'s notification JSON, URL-encoded keys included, and ignores test events, other buckets and garbage', () => {
    expect(pathsOfMessage(message('1', 'fragments/alice/notes/pages/getting+started.html').body, BUCKET)).toEqual(['/alice/notes/*']);
    expect(pathsOfMessage(message('1', 'fragments/bob/x/shell.html', 'ObjectCreated:Put', 'someone-else').body, BUCKET)).toEqual([]);
    expect(pathsOfMessage(JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: BUCKET }), BUCKET)).toEqual([]);
    expect(pathsOfMessage('not json', BUCKET)).toEqual([]);
  });
});

describe('functions/invalidate/invalidate', () => {
  it('sends one wildcard per wiki for a batch, however many objects of the wiki changed', async () => {
    const { handler, calls } = recorder();
    const out = await handler(event(
      message('a', 'fragments/alice/notes/pages/tea.html'),
      message('b', 'fragments/alice/notes/sidebar.html'),
      message('c', 'fragments/alice/notes/pages/old.html', 'ObjectRemoved:Delete'),
      message('d', 'attachments/bob/recipes/soup/pot.png'),
      message('e', 'static/abc/app.css'),
    ));
    expect(out.batchItemFailures).toEqual([]);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.paths).toEqual(['/alice/notes/*', '/bob/recipes/*']);
    expect(calls[0]!.reference).toMatch(/^wikibot-[0-9a-f]{32}$/);
  });

  it('invalidates everything with one path when a batch touches more wikis than CloudFront keeps in progress', async () => {
    const { handler, calls } = recorder();
    await handler(event(...Array.from({ length: 15 }, (_, i) => message(`m${i}`, `fragments/user${i}/wiki/shell.html`))));
    expect(calls.map((c) => c.paths.length)).toEqual([MAX_WILDCARDS_PER_REQUEST]);
    await handler(event(...Array.from({ length: 16 }, (_, i) => message(`m${i}`, `fragments/user${i}/wiki/shell.html`))));
    expect(calls[1]!.paths).toEqual([EVERYTHING]);
  });

  it('retries a throttled request with backoff and the same reference, then succeeds', async () => {
    const { handler, calls, sleeps } = recorder((n) => (n <= 2 ? new CdnBusyError('TooManyInvalidationsInProgress') : undefined));
    const out = await handler(event(message('a', 'fragments/alice/notes/shell.html')));
    expect(out.batchItemFailures).toEqual([]);
    expect(calls).toHaveLength(3);
    expect(new Set(calls.map((c) => c.reference)).size).toBe(1);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[1]!).toBeGreaterThan(sleeps[0]!);
  });

  it('reports the batch\'s wiki messages when the request stays throttled, so SQS delivers them again', async () => {
    const { handler, calls, sleeps } = recorder(() => new CdnBusyError('Throttling'));
    const out = await handler(event(message('a', 'fragments/alice/notes/shell.html'), message('b', 'attachments/bob/x/p/f.png'), message('c', 'static/x.css')));
    expect(calls).toHaveLength(RETRY_DELAYS_MS.length + 1);
    expect(sleeps).toHaveLength(RETRY_DELAYS_MS.length);
    expect(out.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['a', 'b']);
  });

  it('does not retry a refusal that will not change (a bad distribution id, no permission)', async () => {
    const { handler, calls } = recorder(() => new Error('AccessDenied'));
    const out = await handler(event(message('a', 'fragments/alice/notes/shell.html')));
    expect(calls).toHaveLength(1);
    expect(out.batchItemFailures).toEqual([{ itemIdentifier: 'a' }]);
  });
});
