import * as fs from 'node:fs';
import { acquireLock, breakIfStale, writeFileAtomic } from '../../../shared/adapters/fileLock';
import { ConflictError } from '../../../shared/core/errors';
import { tempDir } from '../../helpers/peers';
import { staleStatFs } from '../../helpers/staleStatFs';

const age = (file: string, ms: number) => {
  const old = new Date(Date.now() - ms);
  fs.utimesSync(file, old, old);
};

describe('fileLock', () => {
  let dir: string;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gives the lock to one holder at a time and frees it on release', async () => {
    const path = `${dir}/x.lock`;
    const first = await acquireLock(fs, path, { waitMs: 50, staleMs: 10_000 });
    await expect(acquireLock(fs, path, { waitMs: 50, staleMs: 10_000 })).rejects.toThrow(ConflictError);
    await first.release();
    const second = await acquireLock(fs, path, { waitMs: 50, staleMs: 10_000 });
    expect(second.brokeStale).toBe(false);
    await second.release();
    expect(fs.existsSync(path)).toBe(false);
  });

  it('serialises many waiters', async () => {
    const path = `${dir}/x.lock`;
    let inside = 0;
    let most = 0;
    await Promise.all(Array.from({ length: 20 }, async () => {
      const held = await acquireLock(fs, path, { waitMs: 5_000, staleMs: 10_000 });
      most = Math.max(most, ++inside);
      await new Promise((r) => setTimeout(r, 2));
      inside--;
      await held.release();
    }));
    expect(most).toBe(1);
  });

  it('breaks a lock left by a crashed holder, and says so', async () => {
    const path = `${dir}/x.lock`;
    fs.writeFileSync(path, '');
    age(path, 5_000);
    const held = await acquireLock(fs, path, { waitMs: 50, staleMs: 1_000 });
    expect(held.brokeStale).toBe(true);
    await held.release();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('never removes a fresh lock', async () => {
    const path = `${dir}/x.lock`;
    fs.writeFileSync(path, 'live');
    await expect(breakIfStale(fs, path, 1_000)).resolves.toBe(false);
    expect(fs.readFileSync(path, 'utf8')).toBe('live');
  });

  it('never moves a fresh lock aside when a stat describes an older file of that name (EFS caches)', async () => {
    const path = `${dir}/x.lock`;
    fs.writeFileSync(path, 'old');
    age(path, 5_000);
    const cached = fs.statSync(path); // the crashed holder's lock, as the client's caches keep it
    fs.rmSync(path);
    fs.writeFileSync(path, 'live');
    let renames = 0;
    const cache = staleStatFs(path, () => cached);
    const nfs = {
      ...cache,
      promises: { ...cache.promises, rename: (async (from: string, to: string) => (renames++, fs.promises.rename(from, to))) as typeof fs.promises.rename },
    } as typeof fs;
    await expect(breakIfStale(nfs, path, 1_000)).resolves.toBe(false);
    expect(renames).toBe(0); // moved aside even for a moment, the name is free for a second holder
    expect(fs.readFileSync(path, 'utf8')).toBe('live');
  });

  it('puts back a live lock another writer took between the staleness check and the break', async () => {
    const path = `${dir}/x.lock`;
    fs.writeFileSync(path, 'stale');
    age(path, 5_000);
    // Between our stat and our rename, another waiter breaks the stale lock and takes a new one.
    const racing = {
      ...fs,
      promises: {
        ...fs.promises,
        rename: async (from: string, to: string) => {
          fs.rmSync(path);
          fs.writeFileSync(path, 'live');
          return fs.promises.rename(from, to);
        },
      },
    } as unknown as typeof fs;
    await expect(breakIfStale(racing, path, 1_000)).resolves.toBe(false);
    expect(fs.readFileSync(path, 'utf8')).toBe('live');
    expect(fs.readdirSync(dir)).toEqual(['x.lock']);
  });

  it.each([
    ['', false],
    [', even when a stat of the path answers from a stale cache (EFS)', true],
  ])('lets a holder whose lock was taken from it find out, and not remove the new one%s', async (_, staleCache) => {
    const path = `${dir}/x.lock`;
    let cached: fs.Stats | undefined;
    // Only a holder stalled past staleMs can lose its lock: others take it for a crashed one's.
    const held = await acquireLock(staleCache ? staleStatFs(path, () => cached) : fs, path, { waitMs: 50, staleMs: 40 });
    cached = fs.statSync(path); // what the client's caches keep saying about the name
    await new Promise((resolve) => setTimeout(resolve, 60));
    fs.rmSync(path);
    fs.writeFileSync(path, 'someone else');
    await expect(held.stillHeld()).resolves.toBe(false);
    await held.release();
    expect(fs.readFileSync(path, 'utf8')).toBe('someone else');
  });

  it('answers stillHeld without asking the disk while the lock is younger than half of staleMs', async () => {
    const path = `${dir}/x.lock`;
    let stats = 0;
    const counting = {
      ...fs,
      openSync: (...args: Parameters<typeof fs.openSync>) => (stats++, fs.openSync(...args)),
      promises: { ...fs.promises, stat: (...args: Parameters<typeof fs.promises.stat>) => (stats++, fs.promises.stat(...args)) },
    } as typeof fs;
    const held = await acquireLock(counting, path, { waitMs: 50, staleMs: 10_000 });
    await expect(held.stillHeld()).resolves.toBe(true);
    expect(stats).toBe(0);
    await held.release();
    expect(fs.existsSync(path)).toBe(false);
    await expect(held.stillHeld()).resolves.toBe(false);
  });

  it('publishes what was written into the lock by renaming it over the target, which releases it', async () => {
    const target = `${dir}/head.json`;
    fs.writeFileSync(target, 'old');
    const held = await acquireLock(fs, `${target}.lock`, { waitMs: 50, staleMs: 10_000 });
    await held.handle.writeFile('new');
    await expect(held.replace(target)).resolves.toBe(true);
    expect(fs.readFileSync(target, 'utf8')).toBe('new');
    expect(fs.readdirSync(dir)).toEqual(['head.json']);
    await held.release(); // nothing left to release: it must not remove anything
    expect(fs.readdirSync(dir)).toEqual(['head.json']);
    const next = await acquireLock(fs, `${target}.lock`, { waitMs: 50, staleMs: 10_000 });
    await next.release();
  });

  it('publishes nothing from a lock that was taken from its holder', async () => {
    const target = `${dir}/head.json`;
    fs.writeFileSync(target, 'old');
    const held = await acquireLock(fs, `${target}.lock`, { waitMs: 50, staleMs: 40 });
    await held.handle.writeFile('stalled writer');
    await new Promise((resolve) => setTimeout(resolve, 60));
    fs.rmSync(`${target}.lock`);
    fs.writeFileSync(`${target}.lock`, 'someone else');
    await expect(held.replace(target)).resolves.toBe(false);
    expect(fs.readFileSync(target, 'utf8')).toBe('old');
    expect(fs.readFileSync(`${target}.lock`, 'utf8')).toBe('someone else');
  });

  it('writes files atomically and leaves no temp file, even when the write fails', async () => {
    const path = `${dir}/data.bin`;
    await writeFileAtomic(fs, path, 'one');
    await writeFileAtomic(fs, path, 'two');
    expect(fs.readFileSync(path, 'utf8')).toBe('two');
    const failing = {
      promises: {
        ...fs.promises,
        open: async (...args: Parameters<typeof fs.promises.open>) => {
          const handle = await fs.promises.open(...args);
          return Object.assign(Object.create(handle) as typeof handle, {
            writeFile: async () => {
              await handle.writeFile('tw');
              throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
            },
            close: () => handle.close(),
          });
        },
      },
    } as unknown as typeof fs;
    await expect(writeFileAtomic(failing, path, 'three')).rejects.toThrow('disk full');
    expect(fs.readFileSync(path, 'utf8')).toBe('two');
    expect(fs.readdirSync(dir)).toEqual(['data.bin']);
  });
});
