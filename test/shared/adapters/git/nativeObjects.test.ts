import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import git from 'isomorphic-git';
import { parseCommit, parseTree, readObject } from '../../../../shared/adapters/git/nativeObjects';
import { tempDir } from '../../../helpers/peers';

/** Writes an object with the git CLI, exactly as given (no checks, so odd headers stay). */
const hashObject = (gitdir: string, type: string, body: string | Buffer) =>
  execFileSync('git', [`--git-dir=${gitdir}`, 'hash-object', '-t', type, '-w', '--stdin', '--literally'], { input: body }).toString().trim();

describe('nativeObjects (objects written by the git CLI, read as isomorphic-git reads them)', () => {
  let dir: string;
  let gitdir: string;
  beforeAll(() => {
    dir = tempDir();
    gitdir = path.join(dir, 'repo.git');
    execFileSync('git', ['init', '-q', '--bare', gitdir]);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('parses trees with files, executables, links, folders and submodules', async () => {
    const blob = hashObject(gitdir, 'blob', 'hello');
    const sub = hashObject(gitdir, 'tree', Buffer.concat([Buffer.from(`100644 a.md\0`), Buffer.from(blob, 'hex')]));
    const entry = (mode: string, name: string, oid: string) => Buffer.concat([Buffer.from(`${mode} ${name}\0`), Buffer.from(oid, 'hex')]);
    const tree = hashObject(gitdir, 'tree', Buffer.concat([
      // In git's order, as git writes trees.
      entry('40000', 'folder', sub), entry('120000', 'link', blob), entry('160000', 'module', blob), entry('100755', 'run.sh', blob), entry('100644', 'ünï cödé.md', blob),
    ]));
    const object = (await readObject(fs, gitdir, tree))!;
    expect(object.type).toBe('tree');
    expect(parseTree(object.data)).toEqual((await git.readTree({ fs, gitdir, oid: tree })).tree);
  });

  it('parses commits with signatures, time zones, several parents and multi-line messages', async () => {
    const tree = hashObject(gitdir, 'tree', '');
    const root = hashObject(gitdir, 'commit', `tree ${tree}\nauthor Ada Lovelace <ada@example.com> 1700000000 +0530\ncommitter Ada Lovelace <ada@example.com> 1700000000 +0530\n\nInitial commit\n`);
    const other = hashObject(gitdir, 'commit', `tree ${tree}\nauthor Bob <bob@x> 1700000001 -0700\ncommitter Bob <bob@x> 1700000001 -0700\n\nSide\n`);
    const merge = hashObject(gitdir, 'commit', [
      `tree ${tree}`, `parent ${root}`, `parent ${other}`,
      'author Zoë Ünicode <zoe@example.com> 1700000100 -0230',
      'committer Git Hub <noreply@github.com> 1700000200 +0000',
      'gpgsig -----BEGIN PGP SIGNATURE-----',
      ' ',
      ' iQEzBAABCAAdFiEE',
      ' -----END PGP SIGNATURE-----',
      '',
      'Merged side',
      '',
      'With a body line.',
      '',
    ].join('\n'));
    for (const oid of [root, other, merge]) {
      const object = (await readObject(fs, gitdir, oid))!;
      const ours = parseCommit(oid, object.data);
      const theirs = await git.readCommit({ fs, gitdir, oid });
      const fields = (c: typeof ours.commit) => ({ tree: c.tree, parent: c.parent, author: c.author, committer: c.committer, message: c.message });
      expect(fields(ours.commit)).toEqual(fields(theirs.commit));
    }
  });

  it('says undefined for a missing object and refuses one whose content does not match its id', async () => {
    await expect(readObject(fs, gitdir, '0'.repeat(40))).resolves.toBeUndefined();
    const blob = hashObject(gitdir, 'blob', 'original');
    const file = path.join(gitdir, 'objects', blob.slice(0, 2), blob.slice(2));
    const forged = path.join(gitdir, 'objects', hashObject(gitdir, 'blob', 'forged').slice(0, 2));
    const forgedFile = fs.readdirSync(forged).map((f) => path.join(forged, f)).find((f) => f !== file)!;
    fs.chmodSync(file, 0o644);
    fs.copyFileSync(forgedFile, file);
    await expect(readObject(fs, gitdir, blob)).rejects.toThrow(/does not match its id/);
  });
});
