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
    async list(prefix) {
      const keys: string[] = [];
      const walk = async (dir: string, keyPrefix: string): Promise<void> => {
        let entries: NodeFs.Dirent[];
        try {
          entries = await fs.promises.readdir(dir, { withFileTypes: true });
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
          throw error;
        }
        for (const entry of entries) {
          const key = `${keyPrefix}${entry.name}`;
          if (entry.isDirectory()) await walk(`${dir}/${entry.name}`, `${key}/`);
          else if (entry.isFile() && !entry.name.endsWith('.tmp') && key.startsWith(prefix)) keys.push(key);
        }
      };
      // Walk from the deepest folder the prefix names; the rest of the prefix filters names.
      const folder = prefix.slice(0, prefix.lastIndexOf('/') + 1);
      if (folder && folder.split('/').slice(0, -1).some((s) => s === '..' || s === '')) {
        throw new InvalidInputError(`Unsafe blob prefix "${prefix}".`);
      }
      await walk(folder ? `${root}/${folder.slice(0, -1)}` : root, folder);
      return keys.sort();
    },
  };
}
