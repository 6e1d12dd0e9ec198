import type * as NodeFs from 'node:fs';
import { ConflictError } from '../../core/errors';

export interface RefLockOptions {
  /** How long to wait for another writer's lock before giving up. */
  readonly waitMs: number;
  /** A lock older than this was left by a crashed writer and is removed. */
  readonly staleMs: number;
}

export const DEFAULT_REF_LOCK: RefLockOptions = { waitMs: 10_000, staleMs: 30_000 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Moves a loose ref from `expected` to `next` the way git does: create `<ref>.lock` exclusively
 * (atomic on local disks and on EFS/NFSv4), check the ref still points at `expected`, write the
 * new id into the lock and rename it over the ref. Returns false when the ref moved meanwhile.
 */
export async function compareAndSwapRef(
  fs: typeof NodeFs,
  refPath: string,
  expected: string | undefined,
  next: string,
  options: RefLockOptions = DEFAULT_REF_LOCK,
): Promise<boolean> {
  const lockPath = `${refPath}.lock`;
  const handle = await acquire(fs, lockPath, options);
  let renamed = false;
  try {
    const current = await readRef(fs, refPath);
    if (current !== expected) return false;
    await handle.writeFile(`${next}\n`);
    await handle.sync();
    await handle.close();
    await fs.promises.rename(lockPath, refPath);
    renamed = true;
    return true;
  } finally {
    if (!renamed) {
      await handle.close().catch(() => undefined);
      await fs.promises.rm(lockPath, { force: true });
    }
  }
}

async function acquire(fs: typeof NodeFs, lockPath: string, options: RefLockOptions) {
  const deadline = Date.now() + options.waitMs;
  for (;;) {
    try {
      return await fs.promises.open(lockPath, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    await removeIfStale(fs, lockPath, options.staleMs);
    if (Date.now() > deadline) {
      throw new ConflictError('The wiki is busy with other writes; try again in a moment.');
    }
    await sleep(5 + Math.random() * 20);
  }
}

async function removeIfStale(fs: typeof NodeFs, lockPath: string, staleMs: number) {
  try {
    const { mtimeMs } = await fs.promises.stat(lockPath);
    if (Date.now() - mtimeMs > staleMs) await fs.promises.rm(lockPath, { force: true });
  } catch {
    // Gone already: the holder finished.
  }
}

async function readRef(fs: typeof NodeFs, refPath: string): Promise<string | undefined> {
  try {
    return (await fs.promises.readFile(refPath, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
