import * as fs from 'node:fs';
import * as git from 'isomorphic-git';
import { parseTree } from '../../../../shared/adapters/git/nativeObjects';
import { parsedObjects } from '../../../../shared/adapters/git/parsedObjects';
import { setPath } from '../../../../shared/adapters/git/treeEdit';
import { writeLooseObject } from '../../../../shared/adapters/git/looseObjects';
import { tempDir } from '../../../helpers/peers';

describe('treeEdit', () => {
  let gitdir: string;
  beforeEach(async () => {
    gitdir = tempDir('wikibot-tree-');
    await git.init({ fs, dir: gitdir, gitdir, bare: true });
  });
  afterEach(() => fs.rmSync(gitdir, { recursive: true, force: true }));

  it('keeps each tree it writes parsed exactly as reading it back gives it (git order, 6-digit modes)', async () => {
    const blob = await writeLooseObject(fs, gitdir, 'blob', Buffer.from('x'));
    let root: string | undefined;
    for (const path of ['b.md', 'a0', 'a/x.md', 'a-b', 'ünïcode.md', 'Zeta.md']) {
      root = await setPath(git, fs, gitdir, root, path.split('/'), blob);
    }
    const { object } = await git.readObject({ fs, gitdir, oid: root!, format: 'content' });
    expect(parsedObjects.tree(gitdir, root!)).toEqual(parseTree(Buffer.from(object as Uint8Array)));
    expect(parsedObjects.tree(gitdir, root!)!.map((e) => e.path)).toEqual(['Zeta.md', 'a-b', 'a', 'a0', 'b.md', 'ünïcode.md']);
  });
});
