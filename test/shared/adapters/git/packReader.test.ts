import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PackReader } from '../../../../shared/adapters/git/packReader';
import { gitRepoProvider } from '../../../../shared/adapters/gitWikiRepo';
import { git } from '../../../helpers/git';
import { tempDir } from '../../../helpers/peers';

/** A packed repository with many versions of a few files (so git stores deltas), by the git CLI. */
function packedRepository(dir: string, config: string[]): string {
  const work = path.join(dir, 'work');
  const run = (...args: string[]) => execFileSync('git', args, { cwd: work, stdio: 'ignore' });
  fs.mkdirSync(work, { recursive: true });
  run('init', '-q', '-b', 'main');
  for (let v = 0; v < 30; v++) {
    fs.mkdirSync(path.join(work, 'docs'), { recursive: true });
    fs.writeFileSync(path.join(work, 'docs', 'page.md'), `# Page\n\n${'A line of text that stays.\n'.repeat(40)}Version ${v}.\n`);
    fs.writeFileSync(path.join(work, 'home.md'), `# Home\n\n${'Welcome. '.repeat(100)}${v}\n`);
    run('add', '-A');
    run('-c', 'user.name=A', '-c', 'user.email=a@x', 'commit', '-q', '-m', `v${v}`);
  }
  const bare = path.join(dir, 'repo.git');
  execFileSync('git', ['clone', '-q', '--bare', work, bare]);
  execFileSync('git', ['--git-dir', bare, ...config, 'repack', '-a', '-d', '-f', '-q']);
  return bare;
}

function allObjects(gitdir: string): { oid: string; type: string; data: Buffer }[] {
  const list = git(gitdir, 'cat-file', '--batch-all-objects', '--batch-check').trim().split('\n').map((l) => l.split(' '));
  return list.map(([oid, type]) => ({ oid: oid!, type: type!, data: execFileSync('git', [`--git-dir=${gitdir}`, 'cat-file', type!, oid!]) }));
}

describe('PackReader (packs written by the git CLI)', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['offset deltas', []],
    ['reference deltas', ['-c', 'repack.useDeltaBaseOffset=false']],
  ])('reads every object of a pack with %s exactly as git does', async (_kind, config) => {
    const gitdir = packedRepository(dir, config);
    const deltas = git(gitdir, 'verify-pack', '-v', ...fs.readdirSync(path.join(gitdir, 'objects/pack')).filter((f) => f.endsWith('.idx')).map((f) => path.join(gitdir, 'objects/pack', f)));
    expect(deltas).toMatch(/ [1-9]\d* [0-9a-f]{40}$/m); // some objects really are deltas
    const reader = new PackReader(fs, gitdir);
    for (const object of allObjects(gitdir)) {
      const read = await reader.read(object.oid);
      expect({ oid: object.oid, type: read?.type, equal: read?.data.equals(object.data) }).toEqual({ oid: object.oid, type: object.type, equal: true });
    }
    await expect(reader.read('0'.repeat(40))).resolves.toBeUndefined();
  });

  it('refuses a damaged pack instead of returning wrong content', async () => {
    const gitdir = packedRepository(dir, []);
    const pack = fs.readdirSync(path.join(gitdir, 'objects/pack')).find((f) => f.endsWith('.pack'))!;
    const head = git(gitdir, 'rev-parse', 'HEAD:home.md').trim();
    const offset = Number(git(gitdir, 'verify-pack', '-v', path.join(gitdir, 'objects/pack', pack.replace('.pack', '.idx')))
      .split('\n').find((l) => l.startsWith(head))!.split(/\s+/)[4]);
    const file = path.join(gitdir, 'objects/pack', pack);
    const bytes = fs.readFileSync(file);
    bytes[offset + 12] = bytes[offset + 12]! ^ 0xff; // inside the object's compressed data
    fs.chmodSync(file, 0o644);
    fs.writeFileSync(file, bytes);
    await expect(new PackReader(fs, gitdir).read(head)).rejects.toThrow();
  });

  it('lets GitWikiRepo read packed blobs, and still after a repack moved them', async () => {
    const gitdir = packedRepository(dir, []);
    const root = path.join(dir, 'efs');
    fs.mkdirSync(path.join(root, 'wikis/a/w'), { recursive: true });
    fs.renameSync(gitdir, path.join(root, 'wikis/a/w/repo.git'));
    const moved = path.join(root, 'wikis/a/w/repo.git');
    const repo = gitRepoProvider({ fs, root, clock: { now: () => new Date() } }).open({ user: 'a', wiki: 'w' });
    const blob = git(moved, 'rev-parse', 'HEAD~3:docs/page.md').trim();
    expect(Buffer.from(await repo.readBlob(blob)).toString()).toContain('Version 26.');
    git(moved, 'repack', '-a', '-d', '-f', '-q'); // new pack names: the shared reader knew the old ones
    const again = gitRepoProvider({ fs, root, clock: { now: () => new Date() } }).open({ user: 'a', wiki: 'w' });
    expect(Buffer.from(await again.readBlob(blob)).toString()).toContain('Version 26.');
    expect(Buffer.from(await again.readBlob(blob)).toString()).toContain('Version 26.');
  });
});
