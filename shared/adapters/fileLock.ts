import type * as NodeFs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { ConflictError } from '../core/errors';
import { freshStat } from './freshStat';

export interface LockOptions {
  /** How long to wait for another holder before giving up with a ConflictError. */
  readonly waitMs: number;
  /**
   * A lock file older than this (by mtime) was left by a crashed holder and is broken. Holders
   * keep a lock for milliseconds; it must stay well above the longest legitimate hold.
   */
  readonly staleMs: number;
}

export const DEFAULT_LOCK: LockOptions = { waitMs: 10_000, staleMs: 30_000 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const nonce = () => `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
const errno = (error: unknown) => (error as NodeJS.ErrnoException).code;

/** An exclusively created lock file, open for writing. */
export interface HeldLock {
  readonly path: string;
  readonly handle: FileHandle;
  /** True when a stale lock had to be broken to get this one (a holder crashed before). */
  readonly brokeStale: boolean;
  /**
   * True while `path` is still this lock's file. Checked right before the lock is renamed into
   * place, so a holder whose lock was wrongly taken for stale never renames someone else's file.
   */
  stillHeld(): Promise<boolean>;
  /**
   * Renames the lock file over `target`, git's way to publish what was written into it, and so
   * releases the lock. Only while the lock is ours: false (and released) when it was taken from us.
   */
  replace(target: string): Promise<boolean>;
  /** Removes the lock file (unless it is no longer ours) and closes it. Safe to call twice. */
  release(): Promise<void>;
}

/**
 * Takes `lockPath` by creating it with O_CREAT|O_EXCL: atomic on local disks and on EFS (NFSv4.1),
 * so exactly one process holds it. Waits with jitter while another holder has it and breaks a
 * lock older than `staleMs` (see breakIfStale).
 */
export async function acquireLock(
  fs: typeof NodeFs,
  lockPath: string,
  options: LockOptions = DEFAULT_LOCK,
  what = 'the wiki',
): Promise<HeldLock> {
  const deadline = Date.now() + options.waitMs;
  let brokeStale = false;
  for (let attempt = 0; ; attempt++) {
    let handle: FileHandle | undefined;
    try {
      handle = await fs.promises.open(lockPath, 'wx');
    } catch (error) {
      if (errno(error) !== 'EEXIST') throw error;
    }
    if (handle) return held(fs, lockPath, handle, brokeStale, options.staleMs);
    if (await breakIfStale(fs, lockPath, options.staleMs)) {
      brokeStale = true;
      continue;
    }
    if (Date.now() > deadline) {
      throw new ConflictError(`${what} is busy with other writes; try again in a moment.`);
    }
    // Short first waits (holders keep locks for milliseconds), longer ones under contention.
    await sleep(Math.min(2 + attempt * 2, 25) * (0.5 + Math.random()));
  }
}

async function held(fs: typeof NodeFs, path: string, handle: FileHandle, brokeStale: boolean, staleMs: number): Promise<HeldLock> {
  let closed = false;
  const taken = performance.now();
  // Other holders break a lock only once its mtime is staleMs old. Within half of that since we
  // created it (the other half allows for clocks that disagree), it is ours: nothing to ask the disk.
  // Later: same inode, size and mtime as our open file. A freed inode number can be reused by a
  // new lock file, but our descriptor keeps ours alive, so a match means the file is still ours.
  // What is at the path now comes from freshStat: on EFS a stat of the path may still describe
  // our file from the client's caches after another holder broke the lock and took the name.
  const stillHeld = async () => {
    if (closed) return false;
    if (performance.now() - taken < staleMs / 2) return true;
    try {
      const mine = await handle.stat();
      const there = freshStat(fs, path);
      return mine.ino === there.ino && mine.size === there.size && mine.mtimeMs === there.mtimeMs;
    } catch {
      return false;
    }
  };
  const release = async () => {
    if (closed) return;
    const ours = await stillHeld();
    closed = true;
    // Closed before it is removed: NFS (EFS) renames a removed file that is still open to .nfsXXXX.
    await handle.close().catch(() => undefined);
    if (ours) await unlinkIfThere(fs, path);
  };
  return {
    path,
    handle,
    brokeStale,
    stillHeld,
    release,
    async replace(target) {
      // Our lock could only be gone if a waiter wrongly judged it stale (held > staleMs): then
      // someone else may hold the name now, and renaming it would publish their half-written file.
      if (!(await stillHeld())) {
        await release();
        return false;
      }
      // Closed while it is renamed: the rename needs the name, not the descriptor.
      const [renamed] = await Promise.allSettled([fs.promises.rename(path, target), handle.close()]);
      closed = true;
      if (renamed.status === 'rejected') {
        await unlinkIfThere(fs, path);
        throw renamed.reason;
      }
      return true;
    },
  };
}

/** One unlink (rm's force would stat first); a file already gone is what we wanted. */
async function unlinkIfThere(fs: typeof NodeFs, path: string): Promise<void> {
  try {
    await fs.promises.unlink(path);
  } catch (error) {
    if (errno(error) !== 'ENOENT') throw error;
  }
}

/**
 * Removes `lockPath` if its mtime is older than `staleMs`. Two waiters may judge the same lock
 * stale at once; a plain `rm` by the slower one would then delete the fresh lock the faster one
 * took meanwhile. So the lock is first renamed aside (atomic: only one waiter moves a given
 * file) and the moved file is checked: if it is fresh, it is a live lock taken after our check,
 * and it is linked back into place (link never replaces an existing file). A rename keeps the
 * mtime, so the stale file we judged still looks stale. Returns true when a stale lock was removed.
 */
export async function breakIfStale(fs: typeof NodeFs, lockPath: string, staleMs: number): Promise<boolean> {
  let judged: NodeFs.Stats;
  try {
    // What is at the name now: on EFS a stat may describe an older lock file of that name from
    // the client's caches, and a young live lock would be moved aside for it.
    judged = freshStat(fs, lockPath);
  } catch (error) {
    if (errno(error) === 'ENOENT') return false; // released meanwhile
    throw error;
  }
  if (Date.now() - judged.mtimeMs <= staleMs) return false;
  // Keeps the `.lock` suffix: git ignores such files under refs/ should we crash right here.
  const aside = `${lockPath.replace(/\.lock$/, '')}.stale-${nonce()}.lock`;
  try {
    await fs.promises.rename(lockPath, aside);
  } catch (error) {
    if (errno(error) === 'ENOENT') return false; // another waiter broke it first
    throw error;
  }
  const moved = await fs.promises.stat(aside);
  if (Date.now() - moved.mtimeMs <= staleMs) {
    // A live lock taken after our stat: give it back. If yet another writer took the name in the
    // meantime, the live lock's holder sees stillHeld() false and retries instead of renaming.
    await fs.promises.link(aside, lockPath).catch(() => undefined);
    await fs.promises.rm(aside, { force: true });
    return false;
  }
  await fs.promises.rm(aside, { force: true });
  return true;
}

/**
 * Writes `data` to `path` atomically: a temp file in the same folder, fsync, rename. Readers see
 * the old or the new content, never a torn file, and a crash leaves at most a stray temp file.
 */
export async function writeFileAtomic(
  fs: typeof NodeFs,
  path: string,
  data: Uint8Array | string,
  { fsync = true, tempPrefix }: { fsync?: boolean; tempPrefix?: string } = {},
): Promise<void> {
  const slash = path.lastIndexOf('/');
  const temp = tempPrefix ? `${path.slice(0, slash + 1)}${tempPrefix}${nonce()}` : `${path}.${nonce()}.tmp`;
  const handle = await fs.promises.open(temp, 'wx');
  try {
    await handle.writeFile(data);
    if (fsync) await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.promises.rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await fs.promises.rename(temp, path);
  } catch (error) {
    await fs.promises.rm(temp, { force: true });
    throw error;
  }
}
