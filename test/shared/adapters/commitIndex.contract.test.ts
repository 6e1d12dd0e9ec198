import * as fs from 'node:fs';
import { fileCommitIndexProvider } from '../../../shared/adapters/fileCommitIndex';
import type { CommitIndex, CommitIndexProvider, IndexedCommit } from '../../../shared/ports/commitIndex';
import { tempDir } from '../../helpers/peers';

const id = { user: 'alice', wiki: 'notes' };
const oid = (n: number) => n.toString(16).padStart(4, '0').repeat(10);
const commit = (n: number, files: string[]): IndexedCommit => ({
  revision: oid(n), ...(n > 0 ? { parent: oid(n - 1) } : {}), author: { name: 'A', email: 'a@x' },
  date: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(), message: `commit ${n}\nwith a body`, files,
});

const adapters: [string, () => { provider: CommitIndexProvider; cleanup(): void }][] = [
  ['fileCommitIndex', () => {
    const root = tempDir();
    return { provider: fileCommitIndexProvider({ fs, root }), cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
  }],
];

describe.each(adapters)('CommitIndex contract: %s', (_name, make) => {
  let env: ReturnType<typeof make>;
  let index: CommitIndex;
  beforeEach(() => {
    env = make();
    index = env.provider.open(id);
  });
  afterEach(() => env.cleanup());

  it('is empty before anything is appended', async () => {
    await expect(index.head()).resolves.toBeUndefined();
    await expect(index.find('0000')).resolves.toEqual([]);
    await expect(index.touching('home.md', 10)).resolves.toEqual([]);
  });

  it('appends commits in order and reads them back whole', async () => {
    const commits = [commit(0, ['home.md']), commit(1, ['docs/a.md', 'docs/b/c.md']), commit(2, ['home.md', 'ünïcode "q".md'])];
    await expect(index.append(undefined, commits)).resolves.toBe(true);
    await expect(index.head()).resolves.toEqual({ revision: oid(2), seq: 2 });
    await expect(index.read([2, 0, 1])).resolves.toEqual([commits[2], commits[0], commits[1]]);
  });

  it('refuses an append whose base is not the head, changing nothing', async () => {
    await index.append(undefined, [commit(0, ['a.md']), commit(1, ['b.md'])]);
    await expect(index.append(oid(0), [commit(9, ['c.md'])])).resolves.toBe(false);
    await expect(index.append(undefined, [commit(9, ['c.md'])])).resolves.toBe(false);
    await expect(index.head()).resolves.toEqual({ revision: oid(1), seq: 1 });
    await expect(index.append(oid(1), [commit(2, ['c.md'])])).resolves.toBe(true);
    await expect(index.head()).resolves.toEqual({ revision: oid(2), seq: 2 });
  });

  it('finds commits by full and abbreviated id', async () => {
    await index.append(undefined, [commit(0, ['a.md']), commit(1, ['a.md']), commit(0x11, ['a.md'])]);
    await expect(index.find(oid(1))).resolves.toEqual([{ revision: oid(1), seq: 1 }]);
    await expect(index.find(oid(1).slice(0, 6))).resolves.toEqual([{ revision: oid(1), seq: 1 }]);
    await expect(index.find('0011')).resolves.toEqual([{ revision: oid(0x11), seq: 2 }]);
    expect((await index.find('00')).length).toBe(3);
    await expect(index.find('ffff')).resolves.toEqual([]);
  });

  it('lists the commits touching a file or anything under a folder, newest first, up to a position', async () => {
    await index.append(undefined, [
      commit(0, ['home.md']), commit(1, ['docs/a.md']), commit(2, ['docs/sub/b.md', 'home.md']), commit(3, ['docs.md']), commit(4, ['docs/a.md']),
    ]);
    await expect(index.touching('home.md', 4)).resolves.toEqual([2, 0]);
    await expect(index.touching('docs', 4)).resolves.toEqual([4, 2, 1]);
    await expect(index.touching('docs/sub', 4)).resolves.toEqual([2]);
    await expect(index.touching('docs', 3)).resolves.toEqual([2, 1]);
    await expect(index.touching('doc', 4)).resolves.toEqual([]);
  });

  it('replaces its whole content when asked, forgetting the old commits', async () => {
    await index.append(undefined, [commit(0, ['a.md']), commit(1, ['b.md'])]);
    await expect(index.append(oid(1), [commit(5, ['z.md'])], { replace: true })).resolves.toBe(true);
    await expect(index.head()).resolves.toEqual({ revision: oid(5), seq: 0 });
    await expect(index.find(oid(1))).resolves.toEqual([]);
    await expect(index.touching('b.md', 10)).resolves.toEqual([]);
    await expect(index.touching('z.md', 10)).resolves.toEqual([0]);
  });

  it('two racing appends on the same base: exactly one lands', async () => {
    await index.append(undefined, [commit(0, ['a.md'])]);
    const results = await Promise.all([index.append(oid(0), [commit(1, ['x.md'])]), index.append(oid(0), [commit(2, ['y.md'])])]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await index.head())!.seq).toBe(1);
  });
});

describe('fileCommitIndex on a file system whose stat answers from a stale cache (EFS attribute caching)', () => {
  it('points each record at where its line really landed', async () => {
    const root = tempDir();
    try {
      // Another instance appended since this one last looked: a stat here still says empty.
      const stale = { ...fs, promises: { ...fs.promises, stat: async () => ({ size: 0 }) } } as unknown as typeof fs;
      await fileCommitIndexProvider({ fs, root }).open(id).append(undefined, [commit(0, ['a.md'])]);
      const index = fileCommitIndexProvider({ fs: stale, root }).open(id);
      await expect(index.append(oid(0), [commit(1, ['b.md'])])).resolves.toBe(true);
      await expect(fileCommitIndexProvider({ fs, root }).open(id).read([0, 1])).resolves.toEqual([commit(0, ['a.md']), commit(1, ['b.md'])]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('fileCommitIndex after a crash', () => {
  it('ignores lines no position record names and a torn position record', async () => {
    const root = tempDir();
    try {
      const index = fileCommitIndexProvider({ fs, root }).open(id);
      await index.append(undefined, [commit(0, ['a.md']), commit(1, ['b.md'])]);
      const dir = `${root}/wikis/alice/notes/history`;
      // A writer killed after its lines but during its position record.
      fs.appendFileSync(`${dir}/commits.jsonl`, '{"r":"torn');
      fs.appendFileSync(`${dir}/commits.pos`, Buffer.from([0, 0, 0]));
      await expect(index.head()).resolves.toEqual({ revision: oid(1), seq: 1 });
      await expect(index.append(oid(1), [commit(2, ['c.md'])])).resolves.toBe(true);
      await expect(index.read([2])).resolves.toEqual([commit(2, ['c.md'])]);
      await expect(index.touching('c.md', 5)).resolves.toEqual([2]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
