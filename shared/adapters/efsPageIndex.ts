import { randomBytes } from 'node:crypto';
import type * as NodeFs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { ConflictError } from '../core/errors';
import type { WikiId } from '../core/slugs';
import { searchDoc, searchDocs, type SearchDoc } from '../core/search/engine';
import type {
  IndexedDocument, IndexedPage, PageIndex, PageIndexChanges, PageIndexProvider, PageIndexStatus, RebuildInput, SearchResults,
} from '../ports/pageIndex';
import { acquireLock, DEFAULT_LOCK, type HeldLock, type LockOptions } from './fileLock';
import { freshStat } from './freshStat';
import { wikiDir } from './gitWikiRepo';
import { pageOf, recordOf, recordsOf, withPending, type MetaRecord, type PendingChanges, type Segment } from './pageIndexRecords';

/**
 * The page index on the EFS mount, one folder per wiki (`wikis/{user}/{wiki}/page-index/`),
 * laid out like a small log-structured merge tree (docs/search.md):
 *
 * - `head.json` names the live files: a base segment and the change segments after it, each
 *   covering a range of sequence numbers, and holds the newest changes itself (pending, up to
 *   PENDING_LIMIT). It is small and replaced atomically (written into the lock file, fsync,
 *   rename over head.json, as git replaces a ref).
 * - A save adds the pages it changed (metadata + markdown) to the pending changes and rewrites
 *   `head.json`: one file created. Past the limit, the pending changes become one change
 *   segment; a few small segments are merged into one when they pile up (size tiers, never more
 *   than MERGE_CAP bytes), so a save writes an amount that does not grow with the wiki.
 * - A compaction (a search that finds many segments, or reconcile) writes a new base from the
 *   state in memory; a rebuild (a new wiki, reconcile, a missing index) writes a new base under a
 *   new epoch.
 * - Every write happens under `page-index/lock` (shared/adapters/fileLock.ts: O_EXCL, stale-lock
 *   recovery), so writers on several Lambda instances are serialised; readers take no lock and
 *   retry when a compaction removed a file they were about to read.
 * - A warm instance keeps each wiki's pages in memory and revalidates with one open and fstat of
 *   `head.json` (./freshStat.ts); when it changed, only the segments after what it has are read.
 *
 * A segment file is a JSON header line, the page metadata as one JSON array, a newline and the
 * markdown texts as another JSON array: list() reads the metadata alone, search reads both.
 */
export interface EfsPageIndexOptions {
  readonly fs: typeof NodeFs;
  /** The EFS mount: indexes live at `wikis/{user}/{wiki}/page-index/`. */
  readonly root: string;
  readonly lock?: LockOptions;
  /** Text bytes kept in memory over all cached wikis before the least recently used are dropped. */
  readonly cacheBytes?: number;
  /** fsync segment files and the head before they are renamed into place (default true). */
  readonly fsync?: boolean;
}

/** Segment files. */
const FORMAT = 1;
/**
 * head.json: 2 may carry pending changes. An instance of an older version finds a head of a
 * format it does not know and treats the index as missing, so it never drops changes it cannot see.
 */
const HEAD_FORMAT = 2;
const HEAD_FORMATS_READ = [1, 2];
export const INDEX_DIR = 'page-index';
const HEAD = 'head.json';
/** Segments are merged in groups of FANOUT of the same size tier (tier = log_FANOUT(bytes / TIER_UNIT)). */
const FANOUT = 4;
const TIER_UNIT = 16 * 1024;
/** A save never merges more than this; larger segments wait for a compaction. */
const MERGE_CAP = 1024 * 1024;
/** A search compacts when the change segments get this many, or this large compared to the base. */
const COMPACT_SEGMENTS = 16;
const COMPACT_MIN_BYTES = 16 * 1024 * 1024;
const DEFAULT_CACHE_BYTES = 256 * 1024 * 1024;

interface SegmentRef {
  readonly file: string;
  /** Sequence numbers of the changes it holds (a base: 0 … its seq). */
  readonly first: number;
  readonly last: number;
  readonly bytes: number;
  readonly records: number;
}

interface Head {
  readonly format: number;
  /** Changes on every rebuild: cached state of another epoch is thrown away. */
  readonly epoch: string;
  /** The last change applied (the last segment's `last`, or the base's). */
  readonly seq: number;
  readonly revision?: string;
  readonly settings: string;
  readonly base: SegmentRef;
  readonly segments: readonly SegmentRef[];
  /** Changes after the last segment, kept here until they are worth a segment of their own. */
  readonly pending?: PendingChanges;
}

interface Entry {
  readonly page: IndexedPage;
  readonly doc?: SearchDoc;
}

interface Loaded {
  epoch: string;
  applied: number;
  head: Head;
  /** `ino:mtime:size` of head.json when it was read: an equal one now means nothing changed. */
  stamp: string;
  readonly texts: boolean;
  readonly pages: Map<string, Entry>;
  textBytes: number;
  sorted?: IndexedPage[];
  docs?: SearchDoc[];
}

const errno = (error: unknown) => (error as NodeJS.ErrnoException).code;
const nonce = () => randomBytes(4).toString('hex');
const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const stampOf = (s: NodeFs.Stats) => `${s.ino}:${s.mtimeMs}:${s.size}`;
const closeAll = (handles: readonly FileHandle[]) => Promise.all(handles.map((h) => h.close().catch(() => undefined)));
const tierOf = (bytes: number) => Math.floor(Math.log(Math.max(bytes, TIER_UNIT) / TIER_UNIT) / Math.log(FANOUT));

export function efsPageIndexProvider(options: EfsPageIndexOptions): PageIndexProvider {
  // One cache per provider, i.e. per warm instance (productionDeps makes one per cold start).
  const cache = new Map<string, Loaded>();
  const cacheBytes = options.cacheBytes ?? DEFAULT_CACHE_BYTES;
  const evict = (keep: string) => {
    let total = 0;
    for (const c of cache.values()) total += c.textBytes;
    for (const [dir, c] of cache) {
      if (total <= cacheBytes) break;
      if (dir === keep) continue;
      cache.delete(dir);
      total -= c.textBytes;
    }
  };
  return { open: (id) => new EfsPageIndex(options, id, cache, evict) };
}

class EfsPageIndex implements PageIndex {
  private readonly fs: typeof NodeFs;
  private readonly dir: string;
  private readonly headPath: string;
  private readonly lock: LockOptions;
  private readonly fsync: boolean;

  constructor(
    options: EfsPageIndexOptions,
    private readonly id: WikiId,
    private readonly cache: Map<string, Loaded>,
    private readonly evict: (keep: string) => void,
  ) {
    this.fs = options.fs;
    this.dir = `${wikiDir(options.root, id)}/${INDEX_DIR}`;
    this.headPath = `${this.dir}/${HEAD}`;
    this.lock = options.lock ?? DEFAULT_LOCK;
    this.fsync = options.fsync ?? true;
  }

  // --- reading ------------------------------------------------------------------------------

  async status(): Promise<PageIndexStatus> {
    // A warm instance answers from its cache when head.json has not changed (freshStat: open, fstat).
    const cached = this.cache.get(this.dir);
    let head: Head | undefined;
    if (cached) {
      try {
        if (stampOf(freshStat(this.fs, this.headPath)) === cached.stamp) head = cached.head;
      } catch (error) {
        if (errno(error) !== 'ENOENT') throw error;
        this.cache.delete(this.dir);
        return { exists: false };
      }
    }
    head ??= await this.readHead();
    if (!head) return { exists: false };
    return { exists: true, revision: head.revision, settings: head.settings, segments: head.segments.length };
  }

  async list(): Promise<IndexedPage[]> {
    const state = await this.current(false);
    if (!state) return [];
    state.sorted ??= [...state.pages.values()].map((e) => e.page).sort((a, b) => compareKeys(a.key, b.key));
    return state.sorted.slice();
  }

  async search(query: Parameters<PageIndex['search']>[0]): Promise<SearchResults> {
    let state = await this.current(true);
    if (!state) return searchDocs([], query);
    if (this.shouldCompact(state.head)) {
      await this.compact();
      state = (await this.current(true)) ?? state;
    }
    state.docs ??= [...state.pages.values()].map((e) => e.doc!);
    return searchDocs(state.docs, query);
  }

  /**
   * The wiki's pages as of the newest head.json: from the cache when head.json is unchanged, the
   * cache plus the newer segments when it moved on, else read whole. Undefined: no index.
   */
  private async current(texts: boolean): Promise<Loaded | undefined> {
    for (let attempt = 0; ; attempt++) {
      let stat: NodeFs.Stats;
      try {
        stat = freshStat(this.fs, this.headPath);
      } catch (error) {
        if (errno(error) !== 'ENOENT') throw error;
        this.cache.delete(this.dir);
        return undefined;
      }
      const cached = this.cache.get(this.dir);
      if (cached && cached.stamp === stampOf(stat) && (cached.texts || !texts)) return this.touch(cached);
      try {
        const read = await this.readHeadWithStamp();
        if (!read) {
          this.cache.delete(this.dir);
          return undefined;
        }
        const { head, stamp } = read;
        if (cached && cached.epoch === head.epoch && cached.applied >= head.base.last && (cached.texts || !texts)) {
          for (const segment of head.segments) {
            if (segment.last > cached.applied) apply(cached, await this.readSegment(segment.file, cached.texts));
          }
          if (head.pending && head.seq > cached.applied) apply(cached, head.pending);
          cached.applied = head.seq;
          cached.head = head;
          cached.stamp = stamp;
          return this.touch(cached);
        }
        const loaded: Loaded = {
          epoch: head.epoch, applied: head.seq, head, stamp, texts, pages: new Map(), textBytes: 0,
        };
        apply(loaded, await this.readSegment(head.base.file, texts));
        for (const segment of head.segments) apply(loaded, await this.readSegment(segment.file, texts));
        if (head.pending) apply(loaded, head.pending);
        this.cache.set(this.dir, loaded);
        this.evict(this.dir);
        return loaded;
      } catch (error) {
        // A compaction or rebuild removed a file named by the head we read: read the new head.
        if (errno(error) !== 'ENOENT' || attempt >= 8) throw error;
      }
    }
  }

  private touch(state: Loaded): Loaded {
    // Map order is the LRU order.
    this.cache.delete(this.dir);
    this.cache.set(this.dir, state);
    return state;
  }

  private async readHead(): Promise<Head | undefined> {
    return (await this.readHeadWithStamp())?.head;
  }

  /**
   * head.json and its stamp, read with blocking calls: a few KB at the start of every update and
   * of a reader that finds it changed, where the three thread-pool round trips (open, read and
   * stat, close) cost more than the read itself and nothing else of the index can go on meanwhile.
   */
  private async readHeadWithStamp(): Promise<{ head: Head; stamp: string } | undefined> {
    let fd: number;
    try {
      fd = this.fs.openSync(this.headPath, 'r');
    } catch (error) {
      if (errno(error) === 'ENOENT') return undefined;
      throw error;
    }
    try {
      const stat = this.fs.fstatSync(fd);
      const text = this.fs.readFileSync(fd, 'utf8');
      let head: Head;
      try {
        head = JSON.parse(text) as Head;
      } catch {
        return undefined; // not ours or damaged: treated as missing, so it is rebuilt
      }
      if (!HEAD_FORMATS_READ.includes(head.format) || !head.base || !Array.isArray(head.segments)) return undefined;
      return { head, stamp: stampOf(stat) };
    } finally {
      this.fs.closeSync(fd);
    }
  }

  private async readSegment(file: string, texts: boolean): Promise<Segment> {
    const path = `${this.dir}/${file}`;
    if (texts) return parseSegment(await this.fs.promises.readFile(path), file);
    const handle = await this.fs.promises.open(path, 'r');
    try {
      const first = Buffer.alloc(512);
      const { bytesRead } = await handle.read(first, 0, first.length, 0);
      const newline = first.subarray(0, bytesRead).indexOf(10);
      if (newline < 0) throw new Error(`Page index segment ${file} has no header.`);
      const header = JSON.parse(first.subarray(0, newline).toString('utf8')) as { metaBytes: number };
      const meta = Buffer.alloc(header.metaBytes);
      await handle.read(meta, 0, header.metaBytes, newline + 1);
      return { meta: JSON.parse(meta.toString('utf8')) as MetaRecord[] };
    } finally {
      await handle.close();
    }
  }

  // --- writing ------------------------------------------------------------------------------

  upsert(pages: readonly IndexedDocument[]): Promise<void> {
    return this.update(async () => ({ upsert: pages }));
  }

  remove(keys: readonly string[]): Promise<void> {
    return this.update(async () => ({ remove: keys }));
  }

  async update(fn: (status: PageIndexStatus) => Promise<PageIndexChanges | undefined>): Promise<void> {
    // Updates never create an index (a partial one would hide every page it does not hold): no
    // folder, no lock and nothing to do; no head, nothing to update.
    await this.locked(async (held, unsynced) => {
      const head = await this.readHead();
      if (!head) return;
      const changes = await fn({ exists: true, revision: head.revision, settings: head.settings, segments: head.segments.length });
      const records = recordsOf(changes);
      if (records.meta.length === 0) return;
      const seq = head.seq + 1;
      // Most saves only add to the head's pending changes; past PENDING_LIMIT they become a segment.
      const pending = withPending(head.pending, records, seq);
      let { segments } = head;
      let obsolete: string[] = [];
      if (!pending) {
        const first = head.pending?.first ?? seq;
        const changed = head.pending ? concat(head.pending, records) : records;
        const written = await this.writeSegment(`seg-${head.epoch}-${first}-${seq}-${nonce()}.wbx`, changed, first, seq, unsynced);
        ({ segments, obsolete } = await this.mergeTail([...head.segments, written], head.epoch, unsynced));
      }
      const next: Head = { ...head, format: HEAD_FORMAT, seq, revision: changes?.revision ?? head.revision, segments, pending };
      // A stale lock broken on the way: its holder may have left files, collected under the lock.
      const stamp = held.brokeStale ? await this.writeHead(next, held, unsynced) : await this.publishHead(next, held, unsynced);
      const cached = this.cache.get(this.dir);
      if (cached && cached.epoch === head.epoch && cached.applied === head.seq) {
        apply(cached, records);
        cached.applied = seq;
        cached.head = next;
        cached.stamp = stamp;
      }
      // Files our head no longer names are named by no later head either: safe after the lock.
      await this.removeFiles(obsolete);
      if (held.brokeStale) await this.collectGarbage(next);
    });
  }

  async rebuild(fn: (status: PageIndexStatus) => Promise<RebuildInput | undefined>): Promise<void> {
    await this.fs.promises.mkdir(this.dir, { recursive: true });
    await this.locked(async (held, unsynced) => {
      const old = await this.readHead();
      const input = await fn(old
        ? { exists: true, revision: old.revision, settings: old.settings, segments: old.segments.length }
        : { exists: false });
      if (!input) return;
      const epoch = `${Date.now().toString(36)}${nonce()}`;
      const records = recordsOf({ upsert: input.pages });
      const base = await this.writeSegment(`base-${epoch}-0-${nonce()}.wbx`, records, 0, 0, unsynced);
      const next: Head = { format: HEAD_FORMAT, epoch, seq: 0, revision: input.revision, settings: input.settings, base, segments: [] };
      const stamp = await this.writeHead(next, held, unsynced);
      // This instance has every page in hand: it starts warm.
      const loaded: Loaded = { epoch, applied: 0, head: next, stamp, texts: true, pages: new Map(), textBytes: 0 };
      apply(loaded, records);
      this.cache.set(this.dir, loaded);
      this.evict(this.dir);
      await this.collectGarbage(next);
    });
  }

  async compact(): Promise<void> {
    const head = await this.readHead();
    if (!head || head.segments.length === 0) return;
    const state = await this.current(true);
    if (!state || state.head.segments.length === 0) return;
    let held: HeldLock;
    try {
      // Only when nobody is writing: a compaction is a chore, never worth waiting for.
      held = await acquireLock(this.fs, `${this.dir}/lock`, { ...this.lock, waitMs: 0 }, this.what());
    } catch (error) {
      if (error instanceof ConflictError) return;
      throw error;
    }
    const unsynced: FileHandle[] = [];
    try {
      const latest = await this.readHead();
      if (!latest || latest.epoch !== state.epoch || state.applied < latest.base.last) return;
      for (const segment of latest.segments) {
        if (segment.last > state.applied) apply(state, await this.readSegment(segment.file, true));
      }
      if (latest.pending && latest.seq > state.applied) apply(state, latest.pending);
      state.applied = latest.seq;
      const meta: MetaRecord[] = [];
      const texts: (string | null)[] = [];
      for (const entry of state.pages.values()) {
        meta.push(recordOf(entry.page));
        texts.push(entry.doc!.text);
      }
      const base = await this.writeSegment(`base-${latest.epoch}-${latest.seq}-${nonce()}.wbx`, { meta, texts }, 0, latest.seq, unsynced);
      const next: Head = { ...latest, format: HEAD_FORMAT, base, segments: [], pending: undefined };
      state.stamp = await this.writeHead(next, held, unsynced);
      state.head = next;
      await this.collectGarbage(next);
    } finally {
      await closeAll(unsynced);
      await held.release();
    }
  }

  private shouldCompact(head: Head): boolean {
    const changed = head.segments.reduce((sum, s) => sum + s.bytes, 0);
    return head.segments.length > COMPACT_SEGMENTS || changed > Math.max(COMPACT_MIN_BYTES, head.base.bytes);
  }

  private what() {
    return `The page index of ${this.id.user}/${this.id.wiki}`;
  }

  /**
   * Runs `work` under the index lock with a list for the files it leaves open for writeHead's
   * sync; not at all when the index has no folder (rebuild makes it first).
   */
  private async locked(work: (held: HeldLock, unsynced: FileHandle[]) => Promise<void>): Promise<void> {
    let held: HeldLock;
    try {
      held = await acquireLock(this.fs, `${this.dir}/lock`, this.lock, this.what());
    } catch (error) {
      if (errno(error) === 'ENOENT') return;
      throw error;
    }
    const unsynced: FileHandle[] = [];
    try {
      return await work(held, unsynced);
    } finally {
      await closeAll(unsynced);
      await held.release();
    }
  }

  /**
   * Size-tiered merging of the newest segments: while the newest FANOUT (or more) segments are
   * of one size tier and together at most MERGE_CAP, they become one. Returns the new list and
   * the files it no longer names.
   */
  private async mergeTail(list: SegmentRef[], epoch: string, unsynced: FileHandle[]): Promise<{ segments: SegmentRef[]; obsolete: string[] }> {
    const segments = list.slice();
    const obsolete: string[] = [];
    for (;;) {
      const tier = tierOf(segments[segments.length - 1]!.bytes);
      let start = segments.length;
      while (start > 0 && tierOf(segments[start - 1]!.bytes) <= tier) start--;
      const run = segments.slice(start);
      if (run.length < FANOUT || run.reduce((sum, s) => sum + s.bytes, 0) > MERGE_CAP) break;
      const merged = new Map<string, { meta: MetaRecord; text: string | null }>();
      for (const ref of run) {
        const segment = await this.readSegment(ref.file, true);
        segment.meta.forEach((meta, i) => merged.set(meta.k, { meta, text: segment.texts![i] ?? null }));
      }
      const first = run[0]!.first;
      const last = run[run.length - 1]!.last;
      const values = [...merged.values()];
      const ref = await this.writeSegment(
        `seg-${epoch}-${first}-${last}-${nonce()}.wbx`, { meta: values.map((v) => v.meta), texts: values.map((v) => v.text) }, first, last, unsynced,
      );
      obsolete.push(...run.map((r) => r.file));
      segments.splice(start, run.length, ref);
    }
    return { segments, obsolete };
  }

  /**
   * Writes a segment under its final name (unique, and invisible until a head names it), left
   * open in `unsynced`: writeHead syncs it together with the head, one round of the disk.
   */
  private async writeSegment(
    file: string, segment: Required<Segment>, first: number, last: number, unsynced: FileHandle[],
  ): Promise<SegmentRef> {
    const meta = Buffer.from(JSON.stringify(segment.meta), 'utf8');
    const header = Buffer.from(`${JSON.stringify({ format: FORMAT, records: segment.meta.length, metaBytes: meta.length })}\n`, 'utf8');
    const texts = Buffer.from(`\n${JSON.stringify(segment.texts)}`, 'utf8');
    const data = Buffer.concat([header, meta, texts]);
    const handle = await this.fs.promises.open(`${this.dir}/${file}`, 'wx');
    unsynced.push(handle);
    await handle.writeFile(data);
    return { file, first, last, bytes: data.length, records: segment.meta.length };
  }

  /**
   * Replaces head.json (temp file, rename) once it and the segments it names are on disk, and
   * only while the lock is still ours (a stalled holder never clobbers a newer head). Returns the
   * head's stamp (a rename keeps inode, mtime and size).
   */
  private async writeHead(head: Head, held: HeldLock, unsynced: FileHandle[]): Promise<string> {
    const temp = `${this.headPath}.${nonce()}.tmp`;
    let stamp: string;
    try {
      const handle = await this.fs.promises.open(temp, 'wx');
      unsynced.push(handle);
      await handle.writeFile(`${JSON.stringify(head)}\n`);
      if (this.fsync) await Promise.all(unsynced.map((h) => h.sync()));
      const [stat, ours] = await Promise.all([handle.stat(), held.stillHeld()]);
      stamp = stampOf(stat);
      if (!ours) throw new ConflictError(`${this.what()} was taken over by another writer; try again.`);
    } catch (error) {
      await this.fs.promises.rm(temp, { force: true });
      throw error;
    }
    try {
      await this.fs.promises.rename(temp, this.headPath);
    } catch (error) {
      await this.fs.promises.rm(temp, { force: true });
      throw error;
    }
    return stamp;
  }

  /**
   * head.json the way git replaces a ref: the new head is written into the lock file itself,
   * synced (with the segments it names), and the lock is renamed over head.json, which also
   * releases it. One file created per save, where a temp file would make two. Returns the stamp.
   */
  private async publishHead(head: Head, held: HeldLock, unsynced: FileHandle[]): Promise<string> {
    await held.handle.writeFile(`${JSON.stringify(head)}\n`);
    // The stamp (inode, mtime, size) is the written file's: the fsync changes none of it.
    const [stat] = await Promise.all([held.handle.stat(), ...(this.fsync ? [held.handle.sync(), ...unsynced.map((h) => h.sync())] : [])]);
    const stamp = stampOf(stat);
    if (!(await held.replace(this.headPath))) throw new ConflictError(`${this.what()} was taken over by another writer; try again.`);
    return stamp;
  }

  private async removeFiles(files: readonly string[]): Promise<void> {
    for (const file of files) await this.fs.promises.rm(`${this.dir}/${file}`, { force: true });
  }

  /** Under the lock: every file the head does not name (older bases, merged segments, a crashed writer's temp files). */
  private async collectGarbage(head: Head): Promise<void> {
    const live = new Set([HEAD, 'lock', head.base.file, ...head.segments.map((s) => s.file)]);
    for (const name of await this.fs.promises.readdir(this.dir)) {
      if (!live.has(name) && !name.endsWith('.lock')) await this.fs.promises.rm(`${this.dir}/${name}`, { force: true });
    }
  }
}

function apply(state: Loaded, segment: Segment): void {
  segment.meta.forEach((record, i) => {
    const old = state.pages.get(record.k);
    if (old?.doc) state.textBytes -= old.doc.text.length * 2;
    if (record.x) {
      state.pages.delete(record.k);
      return;
    }
    const page = pageOf(record);
    if (state.texts) {
      const text = segment.texts?.[i] ?? '';
      state.pages.set(record.k, { page, doc: searchDoc(page, text) });
      state.textBytes += text.length * 2;
    } else state.pages.set(record.k, { page });
  });
  state.sorted = undefined;
  state.docs = undefined;
}

function parseSegment(data: Buffer, file: string): Segment {
  const newline = data.indexOf(10);
  if (newline < 0) throw new Error(`Page index segment ${file} has no header.`);
  const header = JSON.parse(data.subarray(0, newline).toString('utf8')) as { metaBytes: number };
  const metaEnd = newline + 1 + header.metaBytes;
  return {
    meta: JSON.parse(data.subarray(newline + 1, metaEnd).toString('utf8')) as MetaRecord[],
    texts: JSON.parse(data.subarray(metaEnd + 1).toString('utf8')) as (string | null)[],
  };
}

function concat(a: Required<Segment>, b: Required<Segment>): Required<Segment> {
  return { meta: [...a.meta, ...b.meta], texts: [...a.texts, ...b.texts] };
}
