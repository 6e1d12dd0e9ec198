import type * as NodeFs from 'node:fs';
import { writeFileAtomic } from '../../shared/adapters/fileLock';
import type { BlobStore } from '../../shared/ports/blobStore';

/** Where an interrupted backfill left off. Only a run with the same scope and force resumes it. */
export interface Checkpoint {
  readonly version: 1;
  /** `all`, or the sorted wiki names of `--wiki`. */
  readonly scope: string;
  readonly force: boolean;
  /** Wikis (`user/wiki`) finished completely, in the order they ran. */
  readonly done: readonly string[];
  /** The wiki under way and the page file up to which it is done. */
  readonly current?: { readonly wiki: string; readonly after: string };
  readonly updatedAt: string;
}

export interface CheckpointStore {
  load(): Promise<Checkpoint | undefined>;
  save(checkpoint: Checkpoint): Promise<void>;
  clear(): Promise<void>;
  /** Where it is kept, for messages. */
  readonly where: string;
}

function parse(text: string | undefined): Checkpoint | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as Checkpoint;
    return value.version === 1 && Array.isArray(value.done) ? value : undefined;
  } catch {
    return undefined; // a torn or foreign file is no checkpoint: start over
  }
}

/** A JSON file (the CLI's default: `.data/backfill-checkpoint.json`), replaced atomically. */
export function fileCheckpoint(fs: typeof NodeFs, path: string): CheckpointStore {
  return {
    where: path,
    async load() {
      try {
        return parse(await fs.promises.readFile(path, 'utf8'));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async save(checkpoint) {
      await fs.promises.mkdir(path.slice(0, path.lastIndexOf('/')) || '.', { recursive: true });
      await writeFileAtomic(fs, path, JSON.stringify(checkpoint), { fsync: false });
    },
    async clear() {
      await fs.promises.rm(path, { force: true });
    },
  };
}

/** An object in the bucket (the Lambda's: it has no disk that outlives it). */
export function blobCheckpoint(blobs: BlobStore, key: string): CheckpointStore {
  return {
    where: key,
    load: async () => parse(await blobs.getText(key)),
    save: (checkpoint) => blobs.put(key, JSON.stringify(checkpoint), { contentType: 'application/json', cacheControl: 'no-store' }),
    clear: () => blobs.delete(key),
  };
}
