import type { GitTransport, GitTreeEntry } from '../../../../shared/ports/gitTransport';
import { changedFiles, checkChangedFiles, newCommits, PushRefused } from '../../../../functions/write/git/pushRules';

/** A repository held in maps: enough of the GitTransport port for the push rules (pure logic, no peers). */
function memoryRepo(trees: Record<string, GitTreeEntry[]>, blobs: Record<string, number>, commits: Record<string, string[]> = {}): GitTransport {
  return {
    branch: async () => ({ ref: 'refs/heads/main', oid: undefined }),
    hasObject: async (oid) => oid in trees || oid in blobs || oid in commits,
    commit: async (oid) => ({ tree: `t-${oid}`, parents: commits[oid] ?? [] }),
    tree: async (oid) => trees[oid] ?? [],
    blobSize: async (oid) => blobs[oid] ?? 0,
    pack: async () => new Uint8Array(),
    unpack: async () => [],
    moveBranch: async () => true,
  };
}
const file = (path: string, oid: string, mode = '100644'): GitTreeEntry => ({ path, oid, mode, type: 'blob' });
const dir = (path: string, oid: string): GitTreeEntry => ({ path, oid, mode: '40000', type: 'tree' });
const LIMITS = { maxPageBytes: 1000, maxAttachmentBytes: 5000 };

describe('pushRules', () => {
  it('lists added, changed and removed files, descending only into changed folders', async () => {
    const repo = memoryRepo({
      old: [file('home.md', 'b1'), dir('docs', 'd1'), dir('same', 's1')],
      new: [file('home.md', 'b2'), dir('docs', 'd2'), dir('same', 's1'), file('new.md', 'b3')],
      d1: [file('a.md', 'x1'), file('gone.md', 'x2')],
      d2: [file('a.md', 'x1')],
      s1: [file('deep.md', 'z')],
    }, {});
    const changes = await changedFiles(repo, 'old', 'new');
    expect(changes.sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { path: 'docs/gone.md', blob: null, added: false },
      { path: 'home.md', blob: 'b2', added: false },
      { path: 'new.md', blob: 'b3', added: true },
    ]);
  });

  it('refuses symlinks and submodules anywhere in a pushed tree', async () => {
    const link = memoryRepo({ t: [file('home.md', 'b', '120000')] }, { b: 3 });
    await expect(changedFiles(link, undefined, 't')).rejects.toThrow(/symbolic links/);
    const sub = memoryRepo({ t: [{ path: 'vendor', oid: 'c', mode: '160000', type: 'commit' }] }, {});
    await expect(changedFiles(sub, undefined, 't')).rejects.toThrow(/submodules/);
  });

  it.each([
    ['.git/config', /hidden/],
    ['docs/.htaccess.md', /hidden/],
    ['../escape.md', /hidden|"\." or "\.\."/],
    ['a/../../b.md', /hidden|"\." or "\.\."/],
    ['back\\slash.md', /backslash/],
    ['nul\u0000.md', /control character/],
    ['top-level.png', /page's folder/],
    ['page/bad:name.png', /may not contain/],
    ['page/%2e%2e.png', /may not contain/],
    ['page/ spaced.png', /space/],
    ['-.md', /no usable characters/],
  ])('refuses the whole push for %j', async (path, reason) => {
    const repo = memoryRepo({}, { b: 10 });
    const error = await checkChangedFiles(repo, [{ path: 'fine.md', blob: 'b', added: true }, { path, blob: 'b', added: true }], LIMITS).catch((e) => e);
    expect(error).toBeInstanceOf(PushRefused);
    expect(String(error.message)).toMatch(reason);
  });

  it('accepts pages and attachments the wiki itself could have written, and any removal', async () => {
    const repo = memoryRepo({}, { p: 1000, a: 5000 });
    await expect(checkChangedFiles(repo, [
      { path: 'Docs/Getting Started.md', blob: 'p', added: true },
      { path: 'docs/getting started/diagram.png', blob: 'a', added: true },
      { path: '.gitignore', blob: null, added: false },
    ], LIMITS)).resolves.toBeUndefined();
  });

  it('holds pages and attachments to the API\'s size limits', async () => {
    const repo = memoryRepo({}, { big: 1001, huge: 5001 });
    await expect(checkChangedFiles(repo, [{ path: 'a.md', blob: 'big', added: true }], LIMITS)).rejects.toThrow(/a\.md is .*the limit is/);
    await expect(checkChangedFiles(repo, [{ path: 'a/b.bin', blob: 'huge', added: true }], LIMITS)).rejects.toThrow(/the limit is/);
  });

  it('finds the new commits of a fast-forward and refuses one that leaves the branch behind', async () => {
    const repo = memoryRepo({}, {}, { c1: [], c2: ['c1'], c3: ['c2'], x2: ['c1'] });
    expect(await newCommits(repo, 'c1', 'c3')).toEqual(['c3', 'c2']);
    await expect(newCommits(repo, 'c2', 'x2')).rejects.toThrow('non-fast-forward');
    await expect(newCommits(repo, 'c1', 'missing')).rejects.toThrow(/missing object/);
  });
});
