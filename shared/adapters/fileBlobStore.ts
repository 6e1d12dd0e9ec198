import type * as NodeFs from 'node:fs';
import { InvalidInputError } from '../core/errors';
import type { BlobStore } from '../ports/blobStore';

/** BlobStore on a local directory: for tools and tests that want fragments as plain files. */
export function fileBlobStore(fs: typeof NodeFs, root: string): BlobStore {
  const pathOf = (key: string) => {
    if (key.split('/').some((s) => s === '..' || s === '')) {
      throw new InvalidInputError(`Unsafe blob key "${key}".`);
    }
    return `${root}/${key}`;
  };
  return {
    async getText(key) {
      try {
        return await fs.promises.readFile(pathOf(key), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async put(key, body) {
      const path = pathOf(key);
      await fs.promises.mkdir(path.slice(0, path.lastIndexOf('/')), { recursive: true });
      const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
      await fs.promises.writeFile(temp, body);
      await fs.promises.rename(temp, path);
    },
    async delete(key) {
      await fs.promises.rm(pathOf(key), { force: true });
    },
  };
}
