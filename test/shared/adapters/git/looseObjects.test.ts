import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as git from 'isomorphic-git';
import type { TreeEntry } from 'isomorphic-git';
import { commitBody, treeBody, writeLooseObject } from '../../../../shared/adapters/git/looseObjects';
import { tempDir } from '../../../helpers/peers';

describe('looseObjects', () => {
  let gitdir: string;
  beforeEach(async () => {
    gitdir = tempDir('wikibot-loose-');
    await git.init({ fs, dir: gitdir, gitdir, bare: true });
  });
  afterEach(() => fs.rmSync(gitdir, { recursive: true, force: true }));

  it('writes the same blob, tree and commit ids as isomorphic-git, and git fsck finds them sound', async () => {
    const content = Buffer.from('# Über\n\nA page.\n', 'utf8');
    const blob = await writeLooseObject(fs, gitdir, 'blob', content);
    expect(blob).toBe(await git.writeBlob({ fs, gitdir, blob: content }));
    // Git's order: a folder sorts as if its name ended in "/" ("a-b" < "a/" < "a0"), by UTF-8 bytes.
    const sub = await writeLooseObject(fs, gitdir, 'tree', treeBody([{ mode: '100644', path: 'x.md', oid: blob, type: 'blob' }]));
    const entries: TreeEntry[] = [
      { mode: '100644', path: 'a0', oid: blob, type: 'blob' },
      { mode: '040000', path: 'a', oid: sub, type: 'tree' },
      { mode: '100644', path: 'a-b', oid: blob, type: 'blob' },
      { mode: '100644', path: 'ünïcode.md', oid: blob, type: 'blob' },
      { mode: '100644', path: 'Zeta.md', oid: blob, type: 'blob' },
    ];
    const tree = await writeLooseObject(fs, gitdir, 'tree', treeBody(entries));
    expect(tree).toBe(await git.writeTree({ fs, gitdir, tree: entries }));
    const author = { name: 'Alice Ä', email: 'alice@example.com', timestamp: 1_780_000_000 };
    const message = '\nAdded Über.\r\n\n';
    const commit = await writeLooseObject(fs, gitdir, 'commit', commitBody({ tree, parent: [], author, message }));
    expect(commit).toBe(await git.writeCommit({
      fs, gitdir, commit: { tree, parent: [], message, author: { ...author, timezoneOffset: 0 }, committer: { ...author, timezoneOffset: 0 } },
    }));
    expect(execFileSync('git', ['--git-dir', gitdir, 'cat-file', '-p', commit], { encoding: 'utf8' })).toContain('Added Über.\n');
    execFileSync('git', ['--git-dir', gitdir, 'fsck', '--strict', commit], { stdio: 'pipe' });
  });

  it('leaves an object that exists alone', async () => {
    const oid = await writeLooseObject(fs, gitdir, 'blob', Buffer.from('same'));
    const path = `${gitdir}/objects/${oid.slice(0, 2)}/${oid.slice(2)}`;
    const before = fs.statSync(path).mtimeMs;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await writeLooseObject(fs, gitdir, 'blob', Buffer.from('same'))).toBe(oid);
    expect(fs.statSync(path).mtimeMs).toBe(before);
  });
});
