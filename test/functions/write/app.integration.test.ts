import * as path from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { decodeContentFragment } from '../../../shared/core/fragments/contentEnvelope';
import { Publisher } from '../../../functions/write/publisher';
import { git } from '../../helpers/git';
import { tokenFor } from '../../helpers/tokens';
import { startWriteStack } from '../../helpers/writeStack';
import { publishedTree } from '../../helpers/sidebarTree';

describe('write function (s3rver + dynalite + git)', () => {
  let stack: Awaited<ReturnType<typeof startWriteStack>>;
  let alice: string;
  let bob: string;
  const gitdir = () => path.join(stack.config.dataDir, 'wikis/alice/notes/repo.git');
  const object = async (key: string) => {
    const out = await stack.peers.s3Client.send(new GetObjectCommand({ Bucket: stack.peers.bucket, Key: key }));
    return { body: await out.Body!.transformToString(), type: out.ContentType, cache: out.CacheControl };
  };

  beforeAll(async () => {
    stack = await startWriteStack('write');
    alice = await tokenFor('alice');
    bob = await tokenFor('bob');
    const created = await stack.call('POST', '/api/wikis', { user: 'alice', wiki: 'notes', title: 'Alice Notes' }, alice);
    expect(created.statusCode).toBe(201);
  });
  afterAll(() => stack.close());

  describe('POST /api/wikis', () => {
    it('creates the record, a repository with the initial commit, wiki.db and the fragments', async () => {
      expect(git(gitdir(), 'log', '--format=%s')).toBe('Initial commit\n');
      git(gitdir(), 'fsck', '--full');
      expect(git(gitdir(), 'show', 'HEAD:home.md')).toContain('# Alice Notes');
      const shell = await object('fragments/alice/notes/shell.html');
      expect(shell.type).toBe('text/html; charset=utf-8');
      expect(shell.cache).toBe('max-age=31536000');
      expect(shell.body).toContain('Alice Notes');
      expect(await publishedTree(async (k) => (await object(k)).body, 'fragments/alice/notes')).toContain('data-key="home"');
      const home = decodeContentFragment((await object('fragments/alice/notes/pages/home.html')).body);
      expect(home.meta?.title).toBe('Alice Notes');
      expect(home.meta?.blob).toBe(git(gitdir(), 'rev-parse', 'HEAD:home.md').trim());
      expect(home.html).toContain('<h1 id="alice-notes">Alice Notes</h1>');
    });

    it('answers 409 for a wiki that exists and changes nothing', async () => {
      const before = await stack.snapshot();
      const again = await stack.call('POST', '/api/wikis', { user: 'alice', wiki: 'notes' }, alice);
      expect(again.statusCode).toBe(409);
      expect(again.json.error.code).toBe('conflict');
      expect(await stack.snapshot()).toEqual(before);
    });
  });

  describe('PUT and GET a page', () => {
    it('commits once, publishes the page and, for a new page, the sidebar', async () => {
      const put = await stack.call('PUT', '/api/wikis/alice/notes/pages/Docs/Getting%20Started',
        { content: '# Getting Started\n\nSee [[Home]].', message: 'Start the docs' }, alice);
      expect(put.statusCode).toBe(201);
      expect(put.json).toMatchObject({ path: 'Docs/Getting Started', changed: true, created: true, title: 'Getting Started', unpublished: [] });
      expect(git(gitdir(), 'log', '-1', '--format=%s|%an|%ae')).toBe('Start the docs|alice person|alice@example.com\n');
      expect(git(gitdir(), 'show', 'HEAD:docs/getting started.md')).toBe('# Getting Started\n\nSee [[Home]].');
      expect(put.json.revision).toBe(git(gitdir(), 'rev-parse', 'HEAD').trim());
      const page = decodeContentFragment((await object('fragments/alice/notes/pages/docs/getting started.html')).body);
      expect(page.html).toContain('<a href="/alice/notes/Home" class="wikilink">Home</a>');
      expect(await publishedTree(async (k) => (await object(k)).body, 'fragments/alice/notes')).toContain('data-key="docs/getting started"');
      git(gitdir(), 'fsck', '--full');
    });

    it('updates a page with a default message and makes no commit for unchanged content', async () => {
      const put = await stack.call('PUT', '/api/wikis/alice/notes/pages/docs/getting started', { content: 'v2' }, alice);
      expect(put.statusCode).toBe(200);
      expect(put.json).toMatchObject({ created: false, changed: true });
      expect(git(gitdir(), 'log', '-1', '--format=%s')).toBe('Updated docs/getting started.\n');
      const count = git(gitdir(), 'rev-list', '--count', 'HEAD');
      const same = await stack.call('PUT', '/api/wikis/alice/notes/pages/docs/getting started', { content: 'v2' }, alice);
      expect(same.json).toMatchObject({ changed: false, revision: put.json.revision });
      expect(git(gitdir(), 'rev-list', '--count', 'HEAD')).toBe(count);
    });

    it('reads a page case-insensitively with its content, revision and title', async () => {
      await stack.call('PUT', '/api/wikis/alice/notes/pages/Ideas', { content: 'No heading here.' }, alice);
      const got = await stack.call('GET', '/api/wikis/alice/notes/pages/IDEAS');
      expect(got.statusCode).toBe(200);
      expect(got.json).toEqual({
        path: 'IDEAS', content: 'No heading here.', title: 'Ideas', revision: git(gitdir(), 'rev-parse', 'HEAD').trim(),
      });
    });

    it('answers 404 with a JSON error for an unknown page or wiki', async () => {
      const page = await stack.call('GET', '/api/wikis/alice/notes/pages/nothing');
      expect(page.statusCode).toBe(404);
      expect(page.json.error).toEqual({ code: 'not_found', message: 'There is no page "nothing" in alice/notes.' });
      expect((await stack.call('GET', '/api/wikis/alice/other/pages/home')).statusCode).toBe(404);
      expect((await stack.call('PUT', '/api/wikis/alice/other/pages/home', { content: 'x' }, alice)).statusCode).toBe(404);
    });
  });

  describe('bad input writes nothing', () => {
    const cases: Array<[string, string, string, unknown, 'alice' | 'bob' | 'none' | 'garbage', number]> = [
      ['malformed JSON', 'PUT', '/api/wikis/alice/notes/pages/x', '{"content": ', 'alice', 400],
      ['a JSON array', 'PUT', '/api/wikis/alice/notes/pages/x', '[1,2]', 'alice', 400],
      ['a missing body', 'PUT', '/api/wikis/alice/notes/pages/x', undefined, 'alice', 400],
      ['missing content', 'PUT', '/api/wikis/alice/notes/pages/x', { message: 'hi' }, 'alice', 400],
      ['non-string content', 'PUT', '/api/wikis/alice/notes/pages/x', { content: 42 }, 'alice', 400],
      ['non-string message', 'PUT', '/api/wikis/alice/notes/pages/x', { content: 'x', message: {} }, 'alice', 400],
      ['a .. segment', 'PUT', '/api/wikis/alice/notes/pages/a/../../etc', { content: 'x' }, 'alice', 400],
      ['an encoded .. segment', 'PUT', '/api/wikis/alice/notes/pages/a/%2E%2E/b', { content: 'x' }, 'alice', 400],
      ['an encoded slash then ..', 'PUT', '/api/wikis/alice/notes/pages/a%2F..%2Fb', { content: 'x' }, 'alice', 400],
      ['a NUL byte', 'PUT', '/api/wikis/alice/notes/pages/a%00b', { content: 'x' }, 'alice', 400],
      ['a control character', 'PUT', '/api/wikis/alice/notes/pages/a%0Db', { content: 'x' }, 'alice', 400],
      ['a 256-byte segment', 'PUT', `/api/wikis/alice/notes/pages/${'x'.repeat(256)}`, { content: 'x' }, 'alice', 400],
      ['broken percent-encoding', 'PUT', '/api/wikis/alice/notes/pages/a%E0%A4%A', { content: 'x' }, 'alice', 400],
      ['a page over 256 KiB', 'PUT', '/api/wikis/alice/notes/pages/big', { content: 'x'.repeat(256 * 1024 + 1) }, 'alice', 413],
      ['no token', 'PUT', '/api/wikis/alice/notes/pages/x', { content: 'x' }, 'none', 401],
      ['a bad token', 'PUT', '/api/wikis/alice/notes/pages/x', { content: 'x' }, 'garbage', 401],
      ["someone else's namespace", 'PUT', '/api/wikis/alice/notes/pages/x', { content: 'x' }, 'bob', 403],
      // Refused before anything about the page shows: not the 404 of an unknown revision (nor a 409, below).
      ["someone else's namespace, on an unknown revision", 'PUT', '/api/wikis/alice/notes/pages/x', { content: 'x', baseRevision: 'f'.repeat(40) }, 'bob', 403],
      ['an invalid user slug', 'POST', '/api/wikis', { user: 'Alice!', wiki: 'w' }, 'alice', 400],
      ['a reserved user', 'POST', '/api/wikis', { user: 'api', wiki: 'w' }, 'alice', 400],
      ['an invalid wiki slug', 'POST', '/api/wikis', { user: 'alice', wiki: '-w' }, 'alice', 400],
      ['a bad visibility', 'POST', '/api/wikis', { user: 'alice', wiki: 'w', visibility: 'secret' }, 'alice', 400],
      ['a non-string title', 'POST', '/api/wikis', { user: 'alice', wiki: 'w', title: ['x'] }, 'alice', 400],
      ['creating in another namespace', 'POST', '/api/wikis', { user: 'alice', wiki: 'w' }, 'bob', 403],
      ['creating without a token', 'POST', '/api/wikis', { user: 'alice', wiki: 'w' }, 'none', 401],
      ['a wrong method', 'DELETE', '/api/wikis', undefined, 'alice', 405],
      ['an unknown route', 'POST', '/api/nothing', {}, 'alice', 404],
    ];

    it.each(cases)('rejects %s (%s %s)', async (_what, method, rawPath, body, who, status) => {
      const token = who === 'alice' ? alice : who === 'bob' ? bob : who === 'garbage' ? 'not.a.token' : undefined;
      const before = await stack.snapshot();
      const response = await stack.call(method, rawPath, body, token);
      expect(response.statusCode).toBe(status);
      expect(typeof response.json.error.message).toBe('string');
      expect(response.json.error.message.length).toBeGreaterThan(10);
      expect(await stack.snapshot()).toEqual(before);
    });

    it('renders nothing for a save without a valid token, and publishes nothing for one refused', async () => {
      const rendering = jest.spyOn(Publisher.prototype, 'renderPage');
      const putting = jest.spyOn(Publisher.prototype, 'putPage');
      try {
        expect((await stack.call('PUT', '/api/wikis/alice/notes/pages/x', { content: '# x' })).statusCode).toBe(401);
        expect((await stack.call('PUT', '/api/wikis/alice/notes/pages/x', { content: '# x' }, 'not.a.token')).statusCode).toBe(401);
        expect(rendering).not.toHaveBeenCalled();
        expect((await stack.call('PUT', '/api/wikis/alice/notes/pages/x', { content: '# x' }, bob)).statusCode).toBe(403);
        expect(putting).not.toHaveBeenCalled();
      } finally {
        rendering.mockRestore();
        putting.mockRestore();
      }
    });

    it('refuses a non-member before telling whether the base revision is stale, and leaves no trace', async () => {
      const first = await stack.call('PUT', '/api/wikis/alice/notes/pages/stale-check', { content: 'one' }, alice);
      expect((await stack.call('PUT', '/api/wikis/alice/notes/pages/stale-check', { content: 'two' }, alice)).statusCode).toBe(200);
      const before = await stack.snapshot();
      const refused = await stack.call('PUT', '/api/wikis/alice/notes/pages/stale-check', { content: 'bob', baseRevision: first.json.revision }, bob);
      expect(refused.statusCode).toBe(403);
      expect(await stack.snapshot()).toEqual(before);
      const stale = await stack.call('PUT', '/api/wikis/alice/notes/pages/stale-check', { content: 'three', baseRevision: first.json.revision }, alice);
      expect(stale.statusCode).toBe(409);
    });

    it('asks for a bearer token on 401', async () => {
      const response = await stack.call('PUT', '/api/wikis/alice/notes/pages/x', { content: 'x' });
      expect(response.headers?.['www-authenticate']).toBe('Bearer');
    });
  });
});
