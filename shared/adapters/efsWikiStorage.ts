import type * as NodeFs from 'node:fs';
import type { WikiStorage } from '../ports/wikiStorage';
import { wikiDir } from './gitWikiRepo';

/** WikiStorage on the EFS mount: `wikis/{user}/{wiki}` → `trash/{user}/{wiki}/{timestamp}`. */
export function efsWikiStorage(fs: typeof NodeFs, root: string): WikiStorage {
  return {
    async moveToTrash(id, at) {
      const stamp = at.toISOString().replace(/:/g, '-');
      const relative = `trash/${id.user}/${id.wiki}/${stamp}`;
      const parent = `${root}/trash/${id.user}/${id.wiki}`;
      await fs.promises.mkdir(parent, { recursive: true });
      try {
        // One rename on the same file system: atomic, and nothing is copied or destroyed.
        await fs.promises.rename(wikiDir(root, id), `${root}/${relative}`);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
      return relative;
    },
  };
}
