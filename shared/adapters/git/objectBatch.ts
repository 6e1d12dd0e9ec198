import type * as NodeFs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

const LOOSE_OBJECT = /\/objects\/[0-9a-f]{2}\/[0-9a-f]{38}$/;
const nonce = () => `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

interface Pending {
  readonly temp: string;
  readonly path: string;
  readonly data: Uint8Array | string;
  /** The temp file's write, under way (the first SYNC_AT_ONCE objects) or done. */
  written: Promise<void>;
  /** Still open for flush()'s fsync; the first SYNC_AT_ONCE objects only (then reopened to sync). */
  handle?: FileHandle;
  /** Its descriptor's close after the fsync, which flush awaits last. */
  closed?: Promise<void>;
}

/** Files synced at once: enough to fill the disk's queue, few enough for any open-files limit (an import commits thousands). */
const SYNC_AT_ONCE = 64;

export interface ObjectBatch {
  /** The `fs` to hand isomorphic-git for this commit's object writes. */
  readonly fs: typeof NodeFs;
  /**
   * fsyncs every object written so far, all at once, then renames each into place. `alongside`
   * runs with that round of the disk (a commit syncs its ref lock there). With `gate`, nothing is
   * renamed before it fulfils; when it rejects, the temp files are dropped and its reason thrown.
   */
  flush(alongside?: () => Promise<void>, gate?: Promise<unknown>): Promise<void>;
  /** Drops what was not flushed (temp files only: nothing reached its final name). */
  discard(): Promise<void>;
}

/**
 * The `fs` one commit hands isomorphic-git. Each loose object goes to a `tmp_obj_*` file in its
 * folder (git's own name for these; fsck ignores them) and stays there, unsynced, until
 * flush(): that fsyncs all of the commit's objects at once and only then renames them into
 * place, before the ref may name them. Same guarantees as syncing each object in turn (an object
 * reaches its final name only complete and on disk, so a killed writer never leaves a truncated
 * object that later writes would skip), but one round of the disk (or of EFS) for a commit's
 * blob, trees and commit instead of one per object: ~5 ms each on this machine's disk, ~1 ms
 * for all of them together. Everything else passes straight through.
 */
export function objectBatch(fs: typeof NodeFs, fsyncObjects = true): ObjectBatch {
  const base = fs.promises;
  // By final path: a later change of the same commit reads what an earlier one wrote.
  let pending = new Map<string, Pending>();
  let open = 0;
  const promises = {
    // Served from memory: the trees an earlier change of this commit wrote.
    readFile(path: string, options?: unknown) {
      const written = pending.get(path);
      const encoding = typeof options === 'string' ? options : (options as { encoding?: string } | undefined)?.encoding;
      if (written && !encoding) return Promise.resolve(typeof written.data === 'string' ? Buffer.from(written.data) : written.data);
      return base.readFile(path, options as Parameters<typeof base.readFile>[1]);
    },
    mkdir: base.mkdir.bind(base),
    rmdir: base.rmdir.bind(base),
    rm: base.rm.bind(base),
    unlink: base.unlink.bind(base),
    stat: base.stat.bind(base),
    lstat: base.lstat.bind(base),
    readdir: base.readdir.bind(base),
    readlink: base.readlink.bind(base),
    symlink: base.symlink.bind(base),
    async writeFile(path: string, data: Uint8Array | string, options?: unknown) {
      if (!LOOSE_OBJECT.test(path)) return base.writeFile(path, data, options as NodeFs.WriteFileOptions);
      if (pending.has(path)) return; // the same object twice (same id, same bytes): one will do
      const p: Pending = { temp: `${path.slice(0, path.lastIndexOf('/') + 1)}tmp_obj_${nonce()}`, path, data, written: Promise.resolve() };
      pending.set(path, p);
      // A save's few objects are written side by side (the caller goes on to the next tree at once;
      // flush waits for them): one round trip for all, not one per object. An import's thousands go
      // one at a time past the first SYNC_AT_ONCE, within any open-files limit.
      const keep = fsyncObjects && open < SYNC_AT_ONCE;
      if (keep) open++;
      p.written = writeTemp(p, keep);
      if (keep) p.written.catch(() => undefined); // flush or discard awaits it
      else await p.written;
    },
  };
  return {
    fs: { promises } as unknown as typeof NodeFs,
    async flush(alongside, gate) {
      const batch = [...pending.values()];
      pending = new Map();
      try {
        await Promise.all(batch.map((p) => p.written));
        for (let i = 0; i < batch.length; i += SYNC_AT_ONCE) {
          const group = batch.slice(i, i + SYNC_AT_ONCE);
          await Promise.all([
            i === 0 ? alongside?.() : undefined,
            // Each object into place as soon as it is on disk (its descriptor closes meanwhile).
            ...group.map(async (p) => {
              if (fsyncObjects) await syncFile(p);
              if (gate) await gate;
              await base.rename(p.temp, p.path);
            }),
          ]);
        }
        if (batch.length === 0) await Promise.all([alongside?.(), gate]);
        await Promise.all(batch.map((p) => p.closed));
      } catch (error) {
        await drop(batch);
        throw error;
      }
    },
    async discard() {
      const batch = [...pending.values()];
      pending = new Map();
      await drop(batch);
    },
  };

  /** The temp file, made (with its objects/xx folder when that is missing) and written. */
  async function writeTemp(p: Pending, keep: boolean) {
    try {
      await writeTempFile(p, keep);
    } catch (error) {
      if (keep) open--;
      throw error;
    }
  }

  async function writeTempFile(p: Pending, keep: boolean) {
    let handle: FileHandle;
    try {
      handle = await base.open(p.temp, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await base.mkdir(p.temp.slice(0, p.temp.lastIndexOf('/')), { recursive: true });
      handle = await base.open(p.temp, 'wx');
    }
    try {
      await handle.writeFile(p.data);
    } catch (error) {
      await handle.close().catch(() => undefined);
      await base.rm(p.temp, { force: true });
      throw error;
    }
    if (keep) p.handle = handle;
    else await handle.close();
  }

  /** Removes the temp files still there (a renamed object is complete and synced, so it stays). */
  async function drop(batch: readonly Pending[]) {
    for (let i = 0; i < batch.length; i += SYNC_AT_ONCE) {
      await Promise.all(batch.slice(i, i + SYNC_AT_ONCE).map(async (p) => {
        await p.written.catch(() => undefined);
        await close(p);
        await base.rm(p.temp, { force: true });
      }));
    }
  }

  async function close(p: Pending) {
    if (!p.handle) return;
    const { handle } = p;
    delete p.handle;
    open--;
    await handle.close().catch(() => undefined);
  }

  /**
   * fsync through a new descriptor when the writing one was closed: it flushes the file's data all
   * the same. The descriptor is closed in the background: the rename need not wait for it.
   */
  async function syncFile(p: Pending) {
    const handle = p.handle ?? (await base.open(p.temp, 'r+'));
    try {
      await handle.sync();
    } finally {
      p.closed = p.handle ? close(p) : handle.close().catch(() => undefined);
    }
  }
}
