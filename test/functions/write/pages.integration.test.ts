import * as path from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { decodeContentFragment } from '../../../shared/core/fragments/contentEnvelope';
import { git } from '../../helpers/git';
import { tokenFor } from '../../helpers/tokens';
import { startWriteStack } from '../../helpers/writeStack';
import { withTreeHashes } from '../../helpers/sidebarTree';

const W = '/api/wikis/alice/pages';
const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('pages: list, revisions, conflicts, delete, rename, history, diff, changelog', () => {
  let stack: Awaited<ReturnType<typeof startWriteStack>>;
  let alice: string;
  const gitdir = () => path.join(stack.config.dataDir, 'wikis/alice/pages/repo.git');
  const head = () => git(gitdir(), 'rev-parse', 'HEAD').trim();
  const put = (page: string, content: string, extra: Record<string, unknown> = {}) =>
    stack.call('PUT', `${W}/pages/${encodeURI(page)}`, { content, ...extra }, alice);
  const objectText = async (key: string) => {
    const out = await stack.peers.s3Client.send(new GetObjectCommand({ Bucket: stack.peers.bucket, Key: key }));
    return out.Body!.transformToString();
  };

  beforeAll(async () => {
    stack = await startWriteStack('pages');
    alice = await tokenFor('alice');
    expect((await stack.call('POST', '/api/wikis', { user: 'alice', wiki: 'pages', title: 'Pages' }, alice)).statusCode).toBe(201);
  });
  afterAll(() => stack.close());

  it('lists pages with path, title, size and last change, a batch at a time', async () => {
    await put('Alpha', '# The Alpha\n\ntext');
    await put('Beta/Gamma', 'no heading');
    const first = await stack.call('GET', `${W}/pages`, undefined, undefined, { query: 'limit=2' });
    expect(first.statusCode).toBe(200);
    expect(first.json.pages).toEqual([
      { path: 'alpha', title: 'The Alpha', size: 17, lastChange: expect.objectContaining({ message: 'Added Alpha.', author: { name: 'alice person', email: 'alice@example.com' } }) },
      { path: 'beta/gamma', title: 'Gamma', size: 10, lastChange: expect.objectContaining({ revision: head(), message: 'Added Beta/Gamma.' }) },
    ]);
    expect(first.json.nextCursor).toBe('beta/gamma');
    const rest = await stack.call('GET', `${W}/pages`, undefined, undefined, { query: 'limit=2&cursor=beta%2Fgamma' });
    expect(rest.json.pages.map((p: any) => p.path)).toEqual(['home']);
    expect(rest.json.nextCursor).toBeNull();
  });

  it('titles a page with YAML frontmatter by its heading or title:, never by its last property', async () => {
    await put('Props', '---\nsummary: Every construct of the dialect\n---\n\n# Syntax\n\ntext');
    await put('Props Only', '---\ntitle: From Properties\nsummary: x\n---\n\ntext');
    expect((await stack.call('GET', `${W}/pages/props`)).json.title).toBe('Syntax');
    expect((await stack.call('GET', `${W}/pages/props%20only`)).json.title).toBe('From Properties');
    const listed = await stack.call('GET', `${W}/pages`, undefined, undefined, { query: 'cursor=p&limit=5' });
    expect(listed.json.pages.map((p: { title: string }) => p.title)).toEqual(expect.arrayContaining(['Syntax', 'From Properties']));
    await stack.call('DELETE', `${W}/pages/Props`, undefined, alice);
    await stack.call('DELETE', `${W}/pages/Props Only`, undefined, alice);
  });

  it('reads a page at an older revision, by full or short id', async () => {
    const v1 = (await put('Versioned', 'one')).json.revision;
    await put('Versioned', 'two');
    expect((await stack.call('GET', `${W}/pages/versioned`)).json.content).toBe('two');
    for (const rev of [v1, v1.slice(0, 7)]) {
      const old = await stack.call('GET', `${W}/pages/Versioned`, undefined, undefined, { query: `revision=${rev}` });
      expect(old.json).toEqual({ path: 'Versioned', content: 'one', revision: v1, title: 'Versioned' });
    }
    expect((await stack.call('GET', `${W}/pages/Versioned`, undefined, undefined, { query: 'revision=zzz' })).statusCode).toBe(400);
    expect((await stack.call('GET', `${W}/pages/Versioned`, undefined, undefined, { query: `revision=${'0'.repeat(40)}` })).statusCode).toBe(404);
    const initial = git(gitdir(), 'rev-list', '--max-parents=0', 'HEAD').trim();
    expect((await stack.call('GET', `${W}/pages/Versioned`, undefined, undefined, { query: `revision=${initial}` })).statusCode).toBe(404);
  });

  describe('baseRevision', () => {
    it('answers 409 with the current revision when the same page changed since, and commits nothing', async () => {
      const base = (await put('Shared', 'v1')).json.revision;
      await put('Shared', 'v2 by someone else');
      const before = await stack.snapshot();
      const stale = await put('Shared', 'v3 from an old copy', { baseRevision: base });
      expect(stale.statusCode).toBe(409);
      expect(stale.json.error).toMatchObject({ code: 'stale_revision', currentRevision: head() });
      expect(await stack.snapshot()).toEqual(before);
    });

    it('lets the save through when only other pages changed since', async () => {
      const base = (await put('Mine', 'v1')).json.revision;
      await put('Theirs', 'other page');
      const saved = await put('Mine', 'v2', { baseRevision: base });
      expect(saved.statusCode).toBe(200);
      expect(git(gitdir(), 'show', 'HEAD:mine.md')).toBe('v2');
    });

    it('lets exactly one of two racing saves from the same base land', async () => {
      const base = (await put('Race', 'v1')).json.revision;
      const results = await Promise.all([put('Race', 'left', { baseRevision: base }), put('Race', 'right', { baseRevision: base })]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const winner = results.find((r) => r.statusCode === 200)!;
      expect(git(gitdir(), 'show', `${winner.json.revision}:race.md`)).toMatch(/^(left|right)$/);
      git(gitdir(), 'fsck', '--full');
    });

    it('counts a page created since the base as a conflict', async () => {
      const base = head();
      await put('Fresh', 'first');
      expect((await put('Fresh', 'second', { baseRevision: base })).statusCode).toBe(409);
    });
  });

  describe('COMMIT_MESSAGE preferences', () => {
    afterAll(() => stack.call('PATCH', W, { settings: { COMMIT_MESSAGE: 'OPTIONAL', DEFAULT_COMMIT_MESSAGE: '' } }, alice));

    it('REQUIRED refuses a save without a message', async () => {
      await stack.call('PATCH', W, { settings: { COMMIT_MESSAGE: 'REQUIRED' } }, alice);
      const before = await stack.snapshot();
      const response = await put('Strict', 'x');
      expect(response.statusCode).toBe(400);
      expect(response.json.error.message).toMatch(/requires a commit message/);
      expect(await stack.snapshot()).toEqual(before);
      expect((await put('Strict', 'x', { message: 'Reason' })).statusCode).toBe(201);
    });

    it('DISABLED uses DEFAULT_COMMIT_MESSAGE (with %P) whatever the caller sends', async () => {
      await stack.call('PATCH', W, { settings: { COMMIT_MESSAGE: 'DISABLED', DEFAULT_COMMIT_MESSAGE: '%P changed' } }, alice);
      await put('Quiet', 'x', { message: 'ignored' });
      expect(git(gitdir(), 'log', '-1', '--format=%s')).toBe('Quiet changed\n');
    });

    it('rejects binary and over-long messages instead of storing them', async () => {
      expect((await put('Msg', 'x', { message: 'bell\u0007' })).statusCode).toBe(400);
      expect((await put('Msg', 'x', { message: 'x'.repeat(1001) })).statusCode).toBe(400);
    });
  });

  describe('delete', () => {
    it('removes the page and its folder (attachments, subpages) in one commit, and their objects', async () => {
      await put('Gone', '# Gone');
      await put('Gone/Child', '# Child');
      await stack.call('POST', `${W}/pages/Gone/-/attachments`, { files: [{ name: 'g.png', content: b64('PNG') }] }, alice);
      const count = Number(git(gitdir(), 'rev-list', '--count', 'HEAD'));
      stack.bucketWrites();
      const deleted = await stack.call('DELETE', `${W}/pages/Gone`, undefined, alice);
      expect(deleted.statusCode).toBe(200);
      expect(deleted.json.deleted).toEqual(['gone.md', 'gone/child.md', 'gone/g.png']);
      expect(git(gitdir(), 'log', '-1', '--format=%s')).toBe('Gone deleted.\n');
      expect(Number(git(gitdir(), 'rev-list', '--count', 'HEAD'))).toBe(count + 1);
      expect(git(gitdir(), 'ls-tree', '-r', '--name-only', 'HEAD')).not.toMatch(/^gone/m);
      const writes = stack.bucketWrites();
      expect({ ...writes, puts: withTreeHashes(writes.puts) }).toEqual({
        puts: ['fragments/alice/pages/sidebar.html', 'fragments/alice/pages/sidebars/{hash}.html'],
        deletes: ['attachments/alice/pages/gone/g.png', 'fragments/alice/pages/pages/gone.html', 'fragments/alice/pages/pages/gone/child.html'],
      });
      expect((await stack.snapshot()).objects.filter((o) => o.includes('gone'))).toEqual([]);
    });

    it('takes a message, and answers 404 for a page that is not there', async () => {
      await put('Temp', 'x');
      await stack.call('DELETE', `${W}/pages/Temp`, { message: 'Cleanup' }, alice);
      expect(git(gitdir(), 'log', '-1', '--format=%s')).toBe('Cleanup\n');
      expect((await stack.call('DELETE', `${W}/pages/Temp`, undefined, alice)).statusCode).toBe(404);
    });
  });

  describe('rename', () => {
    it('moves the page, its attachments and subpages, and rewrites backlinks, in one commit', async () => {
      await put('Old Name', '# Old Name\n\n![d](/Old%20Name/a/d.png) [[Old Name/Sub]]');
      await put('Old Name/Sub', '# Sub\n\nUp: [[Old Name]]');
      await stack.call('PUT', `${W}/pages/Old Name/-/attachments/d.png`, undefined, alice, { raw: Buffer.from('PNGDATA'), headers: { 'content-type': 'image/png' } });
      await put('Linker', 'See [[Old Name]], [[Title|old name#part]], [x](/Old%20Name) and `[[Old Name]]`.');
      const count = Number(git(gitdir(), 'rev-list', '--count', 'HEAD'));
      stack.bucketWrites();

      const renamed = await stack.call('POST', `${W}/pages/Old Name/-/rename`, { newPath: 'Archive/New Name', updateBacklinks: true }, alice);
      expect(renamed.statusCode).toBe(200);
      expect(Number(git(gitdir(), 'rev-list', '--count', 'HEAD'))).toBe(count + 1);
      expect(git(gitdir(), 'log', '-1', '--format=%s')).toBe('Renamed Old Name to Archive/New Name.\n');
      const files = git(gitdir(), 'ls-tree', '-r', '--name-only', 'HEAD');
      expect(files).toMatch(/^archive\/new name\.md$/m);
      expect(files).toMatch(/^archive\/new name\/sub\.md$/m);
      expect(files).toMatch(/^archive\/new name\/d\.png$/m);
      expect(files).not.toMatch(/^old name/m);
      expect(git(gitdir(), 'show', 'HEAD:linker.md')).toBe(
        'See [[Archive/New Name]], [[Title|Archive/New Name#part]], [x](/Archive/New%20Name) and `[[Old Name]]`.',
      );
      expect(git(gitdir(), 'show', 'HEAD:archive/new name.md')).toBe('# Old Name\n\n![d](/Archive/New%20Name/a/d.png) [[Archive/New Name/Sub]]');
      expect(git(gitdir(), 'show', 'HEAD:archive/new name/sub.md')).toBe('# Sub\n\nUp: [[Archive/New Name]]');
      expect(renamed.json).toMatchObject({ path: 'Old Name', newPath: 'Archive/New Name' });
      expect([...renamed.json.updatedBacklinks].sort()).toEqual(['archive/new name.md', 'archive/new name/sub.md', 'linker.md']);

      const writes = stack.bucketWrites();
      expect(writes.deletes).toEqual([
        'attachments/alice/pages/old name/d.png', 'fragments/alice/pages/pages/old name.html', 'fragments/alice/pages/pages/old name/sub.html',
      ]);
      expect(withTreeHashes(writes.puts)).toEqual([
        'attachments/alice/pages/archive/new name/d.png',
        'fragments/alice/pages/pages/archive/new name.html',
        'fragments/alice/pages/pages/archive/new name/sub.html',
        'fragments/alice/pages/pages/linker.html',
        'fragments/alice/pages/sidebar.html',
        'fragments/alice/pages/sidebars/{hash}.html',
      ]);
      const linker = decodeContentFragment(await objectText('fragments/alice/pages/pages/linker.html'));
      expect(linker.html).toContain('href="/alice/pages/Archive/New%20Name"');
      expect(await objectText('attachments/alice/pages/archive/new name/d.png')).toBe('PNGDATA');
      git(gitdir(), 'fsck', '--full');
    });

    it('rewrites backlinks by default, as the rename form does, and leaves them with updateBacklinks: false', async () => {
      await put('Solo', '# Solo');
      await put('Ref', '[[Solo]]');
      const renamed = await stack.call('POST', `${W}/pages/Solo/-/rename`, { newPath: 'Duo' }, alice);
      expect(renamed.json.updatedBacklinks).toEqual(['ref.md']);
      expect(git(gitdir(), 'show', 'HEAD:ref.md')).toBe('[[Duo]]');
      expect(git(gitdir(), 'show', 'HEAD:duo.md')).toBe('# Solo');

      await stack.call('POST', `${W}/pages/Duo/-/rename`, { newPath: 'Trio', updateBacklinks: false }, alice);
      expect(git(gitdir(), 'show', 'HEAD:ref.md')).toBe('[[Duo]]');
      expect(git(gitdir(), 'show', 'HEAD:trio.md')).toBe('# Solo');
    });

    it.each([
      ['a target that exists', 'Trio', { newPath: 'Ref' }, 409],
      ['the same page', 'Trio', { newPath: 'TRIO' }, 400],
      ['a page into its own folder', 'Trio', { newPath: 'Trio/Inner' }, 400],
      ['a page that is not there', 'Nowhere', { newPath: 'Somewhere' }, 404],
      ['a missing newPath', 'Trio', {}, 400],
      ['a non-boolean updateBacklinks', 'Trio', { newPath: 'X', updateBacklinks: 'yes' }, 400],
    ])('refuses %s and changes nothing', async (_what, page, body, status) => {
      const before = await stack.snapshot();
      const response = await stack.call('POST', `${W}/pages/${page}/-/rename`, body, alice);
      expect(response.statusCode).toBe(status);
      expect(await stack.snapshot()).toEqual(before);
    });
  });

  describe('history, diff and changelog', () => {
    let revs: string[];
    beforeAll(async () => {
      revs = [];
      for (const text of ['line 1\nline 2\nline 3\n', 'line 1\nline two\nline 3\n', 'line 1\nline two\nline 3\nline 4\n']) {
        revs.push((await put('Story', text, { message: `story ${revs.length + 1}` })).json.revision);
        await put('Noise', `noise ${revs.length}`);
      }
    });

    it('lists a page\'s commits newest first, a batch at a time', async () => {
      const first = await stack.call('GET', `${W}/pages/Story/-/history`, undefined, undefined, { query: 'limit=2' });
      expect(first.statusCode).toBe(200);
      expect(first.json.entries.map((e: any) => [e.revision, e.message])).toEqual([[revs[2], 'story 3'], [revs[1], 'story 2']]);
      expect(first.json.entries[0]).toMatchObject({ author: { name: 'alice person', email: 'alice@example.com' }, date: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
      const rest = await stack.call('GET', `${W}/pages/Story/-/history`, undefined, undefined, { query: `limit=2&cursor=${first.json.nextCursor}` });
      expect(rest.json.entries.map((e: any) => e.revision)).toEqual([revs[0]]);
      expect(rest.json.nextCursor).toBeNull();
      expect((await stack.call('GET', `${W}/pages/Never/-/history`)).statusCode).toBe(404);
      expect((await stack.call('GET', `${W}/pages/Story/-/history`, undefined, undefined, { query: 'cursor=abc' })).statusCode).toBe(400);
    });

    it('diffs a page between two revisions as unified text and hunks', async () => {
      const diff = await stack.call('GET', `${W}/pages/Story/-/diff`, undefined, undefined, { query: `from=${revs[0]}&to=${revs[2]}` });
      expect(diff.statusCode).toBe(200);
      expect(diff.json.hunks).toEqual([{ oldStart: 1, oldLines: 3, newStart: 1, newLines: 4, lines: [' line 1', '-line 2', '+line two', ' line 3', '+line 4'] }]);
      expect(diff.json.unified).toContain('--- a/story.md');
      expect(diff.json.unified).toContain('+++ b/story.md');
      expect(diff.json.unified).toContain('-line 2\n+line two\n');
      const toHead = await stack.call('GET', `${W}/pages/Story/-/diff`, undefined, undefined, { query: `from=${revs[1]}` });
      expect(toHead.json.to).toBe(head());
      expect(toHead.json.hunks[0].lines).toContain('+line 4');
      expect((await stack.call('GET', `${W}/pages/Story/-/diff`)).statusCode).toBe(400);
    });

    it('lists the wiki changelog with the files of each commit, a batch at a time', async () => {
      const log = await stack.call('GET', `${W}/changelog`, undefined, undefined, { query: 'limit=3' });
      expect(log.json.entries.map((e: any) => [e.message, e.files])).toEqual([
        ['Updated Noise.', ['noise.md']], ['story 3', ['story.md']], ['Updated Noise.', ['noise.md']],
      ]);
      const all: string[] = [];
      let cursor: string | null = null;
      do {
        const page: any = await stack.call('GET', `${W}/changelog`, undefined, undefined, { query: `limit=7${cursor ? `&cursor=${cursor}` : ''}` });
        all.push(...page.json.entries.map((e: any) => e.revision));
        cursor = page.json.nextCursor;
      } while (cursor);
      expect(all).toEqual(git(gitdir(), 'log', '--format=%H').trim().split('\n'));
    });
  });
});
