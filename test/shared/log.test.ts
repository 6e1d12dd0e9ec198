import { createLogger, lambdaLogging, serializeError, wikiOfPath } from '../../shared/log';

function capture(level?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR', env: Record<string, string> = {}) {
  const lines: string[] = [];
  const log = createLogger('write', { write: (line) => lines.push(line), level, env, now: () => new Date('2026-01-02T03:04:05.000Z') });
  return { log, entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>), lines };
}

describe('shared/log', () => {
  it('writes one JSON object per line with timestamp, level, service and message', () => {
    const { log, lines } = capture();
    log.info('hello', { ms: 3 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    expect(JSON.parse(lines[0]!)).toEqual({ timestamp: '2026-01-02T03:04:05.000Z', level: 'INFO', service: 'write', message: 'hello', ms: 3 });
  });

  it('adds the request id and a cold-start flag that is true only for the first invocation', () => {
    const { log, entries } = capture();
    log.forInvocation({ awsRequestId: 'r1' }).info('first');
    log.forInvocation({ awsRequestId: 'r2' }).info('second');
    expect(entries().map((e) => [e.requestId, e.coldStart])).toEqual([['r1', true], ['r2', false]]);
  });

  it('carries the fields of with() on every later line, wiki included', () => {
    const { log, entries } = capture();
    const req = log.forInvocation({ awsRequestId: 'r1' }, { path: '/api/wikis' });
    req.with({ wiki: 'alice/notes' }).warn('slow', { ms: 900 });
    expect(entries()[0]).toMatchObject({ level: 'WARN', requestId: 'r1', path: '/api/wikis', wiki: 'alice/notes', ms: 900 });
  });

  it('serialises errors with name, message, code and stack', () => {
    const { log, entries } = capture();
    const error = Object.assign(new Error('boom'), { code: 'conflict' });
    log.error('failed', error, { wiki: 'a/b' });
    const entry = entries()[0]!;
    expect(entry).toMatchObject({ level: 'ERROR', message: 'failed', wiki: 'a/b', error: { name: 'Error', message: 'boom', code: 'conflict' } });
    expect((entry.error as { stack: string }).stack).toContain('boom');
    expect(serializeError('plain')).toEqual({ message: 'plain' });
  });

  it('drops lines under the level from LOG_LEVEL or AWS_LAMBDA_LOG_LEVEL', () => {
    const quiet = capture(undefined, { AWS_LAMBDA_LOG_LEVEL: 'WARN' });
    quiet.log.info('hidden');
    quiet.log.debug('hidden');
    quiet.log.warn('shown');
    expect(quiet.entries().map((e) => e.message)).toEqual(['shown']);
    const verbose = capture(undefined, { LOG_LEVEL: 'debug' });
    verbose.log.debug('shown');
    expect(verbose.lines).toHaveLength(1);
  });

  it('never throws on cycles or BigInts', () => {
    const { log, entries } = capture();
    const cyclic: Record<string, unknown> = { n: 1n };
    cyclic.self = cyclic;
    log.info('odd', { cyclic });
    expect(entries()[0]!.cyclic).toEqual({ n: '1', self: '[Circular]' });
  });
});

describe('lambdaLogging', () => {
  it('writes service entries with the current invocation\'s request id, cold-start flag and fields', () => {
    const lines: string[] = [];
    const logging = lambdaLogging('write', {}, { write: (l) => lines.push(l) });
    logging.begin({ awsRequestId: 'r1' }, { wiki: 'alice/notes' });
    logging.sink({ level: 'WARN', message: 'Could not publish page x', error: 'S3 down' });
    logging.begin({ awsRequestId: 'r2' });
    logging.sink({ level: 'ERROR', message: 'Unhandled error', error: new Error('boom') });
    const [first, second] = lines.map((l) => JSON.parse(l) as Record<string, any>);
    expect(first).toMatchObject({ level: 'WARN', service: 'write', requestId: 'r1', coldStart: true, wiki: 'alice/notes', error: 'S3 down' });
    expect(second).toMatchObject({ level: 'ERROR', requestId: 'r2', coldStart: false, error: { name: 'Error', message: 'boom' } });
    expect(second?.wiki).toBeUndefined();
  });
});

describe('wikiOfPath', () => {
  it.each([
    ['/alice/notes/Docs/Intro', 'alice/notes'],
    ['/api/wikis/alice/notes/pages/x', 'alice/notes'],
    ['/alice/notes/-/history/Home', 'alice/notes'],
    ['/api/wikis', undefined],
    ['/auth/login', undefined],
    ['/static/abc/x.css', undefined],
    [undefined, undefined],
  ])('%s → %s', (path, wiki) => {
    expect(wikiOfPath(path)).toBe(wiki);
  });
});
