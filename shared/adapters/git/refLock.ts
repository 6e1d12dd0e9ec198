import type * as NodeFs from 'node:fs';
import { acquireLock, DEFAULT_LOCK, type HeldLock, type LockOptions } from '../fileLock';

/** How long to wait for another writer's ref lock, and when a lock counts as left by a crash. */
export type RefLockOptions = LockOptions;

export const DEFAULT_REF_LOCK: RefLockOptions = DEFAULT_LOCK;

const OID = /^[0-9a-f]{40}$/;

/**
 * Moves a branch from `expected` to `next` the way git does: create `<ref>.lock` exclusively
 * (atomic on local disks and on EFS/NFSv4), check the ref still names `expected` (the loose file,
 * or `packed-refs` when there is no loose file), write and fsync the new id into the lock, check
 * the lock is still ours and rename it over the loose ref. Returns false when the ref moved meanwhile.
 *
 * Crash safety: until the rename the ref file is untouched, so a writer killed at any point
 * leaves the old, valid ref and at most a `.lock` file (ignored by git, broken after
 * `staleMs`). The rename is atomic, so the ref is never torn. A loose ref written over a packed
 * one takes precedence, as in git; packed-refs itself is never rewritten here.
 */
export async function compareAndSwapRef(
  fs: typeof NodeFs,
  gitdir: string,
  refName: string,
  expected: string | undefined,
  next: string,
  options: RefLockOptions = DEFAULT_REF_LOCK,
): Promise<boolean> {
  const lock = await lockRef(fs, gitdir, refName, options);
  try {
    if (lock.current !== expected) return false;
    await lock.write(next);
    await lock.sync();
    return await lock.commit();
  } finally {
    await lock.release();
  }
}

/** A branch's `<ref>.lock`, taken; what compareAndSwapRef does in steps a caller can interleave with its own. */
export interface RefLock {
  /** The commit the ref named once the lock was taken (what a swap compares). */
  readonly current: string | undefined;
  /** Writes the new id into the lock, not yet synced. */
  write(next: string): Promise<void>;
  sync(): Promise<void>;
  /** Renames the lock over the ref; false when the lock was taken from us (the ref is untouched). */
  commit(): Promise<boolean>;
  /** Drops the lock unless commit() renamed it. Safe to call twice. */
  release(): Promise<void>;
}

/**
 * Takes `<ref>.lock` and reads the ref under it. A commit takes it while it writes its objects
 * and syncs the new id in the same round as them (gitWikiRepo.ts); compareAndSwapRef in turn.
 */
export async function lockRef(fs: typeof NodeFs, gitdir: string, refName: string, options: RefLockOptions = DEFAULT_REF_LOCK): Promise<RefLock> {
  const refPath = `${gitdir}/${refName}`;
  let lock: HeldLock;
  try {
    lock = await acquireLock(fs, `${refPath}.lock`, options, 'The wiki');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    // The ref's folder does not exist yet (a new repository): made once, not asked every save.
    await fs.promises.mkdir(refPath.slice(0, refPath.lastIndexOf('/')), { recursive: true });
    lock = await acquireLock(fs, `${refPath}.lock`, options, 'The wiki');
  }
  let current: string | undefined;
  try {
    current = await readRef(fs, gitdir, refName);
  } catch (error) {
    await lock.release();
    throw error;
  }
  return {
    current,
    write: async (next) => void (await lock.handle.writeFile(`${next}\n`)),
    sync: () => lock.handle.sync(),
    commit: () => lock.replace(refPath),
    release: () => lock.release(),
  };
}

/**
 * HEAD and loose refs are a few dozen bytes, read in strict sequence (HEAD, its branch, the
 * commit) on the way to every commit: one blocking read costs less than fs.promises.readFile's
 * four thread-pool round trips (open, stat, read, close), and no step of the chain could start
 * before it anyway.
 */
function readTiny(fs: typeof NodeFs, path: string): string {
  return fs.readFileSync(path, 'utf8').trim();
}

/** What HEAD holds: `ref: refs/heads/…`, or a commit id when detached. */
export async function readHead(fs: typeof NodeFs, gitdir: string): Promise<string> {
  return readTiny(fs, `${gitdir}/HEAD`);
}

/** The commit a branch names: its loose ref file, else its line in `packed-refs`, else undefined. */
export async function readRef(fs: typeof NodeFs, gitdir: string, refName: string): Promise<string | undefined> {
  let loose: string | undefined;
  try {
    loose = readTiny(fs, `${gitdir}/${refName}`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'EISDIR') throw error;
  }
  if (loose !== undefined) {
    if (!OID.test(loose)) throw new Error(`${refName} in ${gitdir} does not hold a commit id.`);
    return loose;
  }
  return packedRef(fs, gitdir, refName);
}

async function packedRef(fs: typeof NodeFs, gitdir: string, refName: string): Promise<string | undefined> {
  let packed: string;
  try {
    packed = await fs.promises.readFile(`${gitdir}/packed-refs`, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  // `# pack-refs with: …` header, `<oid> <ref>` lines, `^<oid>` peeled lines after annotated tags.
  for (const line of packed.split('\n')) {
    if (line.startsWith('#') || line.startsWith('^')) continue;
    const space = line.indexOf(' ');
    if (space === 40 && line.slice(space + 1).trimEnd() === refName) return line.slice(0, space);
  }
  return undefined;
}
