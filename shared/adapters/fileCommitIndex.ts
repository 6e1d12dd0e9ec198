import type * as NodeFs from 'node:fs';
import type { WikiId } from '../core/slugs';
import type { CommitIndex, CommitIndexProvider, IndexedCommit, IndexedRef } from '../ports/commitIndex';
import { acquireLock, DEFAULT_LOCK, type LockOptions } from './fileLock';
import { wikiDir } from './gitWikiRepo';

export interface FileCommitIndexOptions {
  readonly fs: typeof NodeFs;
  /** The EFS mount: an index lives at `wikis/{user}/{wiki}/history/`, beside repo.git. */
  readonly root: string;
  readonly lock?: LockOptions;
}

export function fileCommitIndexProvider(options: FileCommitIndexOptions): CommitIndexProvider {
  return { open: (id: WikiId) => new FileCommitIndex(options.fs, `${wikiDir(options.root, id)}/history`, options.lock ?? DEFAULT_LOCK) };
}

/**
 * Bytes per position record: the line's offset in commits.jsonl (48 bits), its length (32 bits)
 * and the commit id (20 bytes), so the head is one small read.
 */
const POS = 30;
/** Few files, so a bulk build (an import) creates few; a bucket of 10,000 pages' paths holds ~80 lines. */
const PATH_BUCKETS = 256;
const IO_PARALLEL = 32;

interface StoredCommit {
  r: string;
  p?: string;
  n: string;
  e: string;
  d: string;
  m: string;
  f: string[];
}

/**
 * CommitIndex in plain append-only files, so a save appends a few lines instead of rewriting an
 * index (wiki.db is loaded and written back whole; 10,000 commits in it would slow every save):
 *
 * - `commits.jsonl`: one JSON line per commit (id, first parent, author, date, message, files);
 * - `commits.pos`: fixed-size records, record n = commit n's id and where its line is: seq → line in one read;
 * - `oids/{first hex digit}`: `id seq` lines, to find a commit by (abbreviated) id;
 * - `paths/{hash of path}`: `seq "path"` lines for each changed file and each folder above it.
 *
 * A commit becomes visible when its position record is appended, which happens last, so a crash
 * leaves lines nothing points at (readers check every hit against the commit record). Every
 * query reads a fixed number of small files: its cost follows its answer, not the history.
 */
export class FileCommitIndex implements CommitIndex {
  private readonly posPath: string;
  private readonly logPath: string;

  constructor(
    private readonly fs: typeof NodeFs,
    readonly dir: string,
    private readonly lock: LockOptions,
  ) {
    this.posPath = `${dir}/commits.pos`;
    this.logPath = `${dir}/commits.jsonl`;
  }

  async head(): Promise<IndexedRef | undefined> {
    return (await this.tail()).head;
  }

  async append(base: string | undefined, commits: readonly IndexedCommit[], options: { replace?: boolean } = {}): Promise<boolean> {
    const held = await this.acquire();
    let files: Appending | undefined;
    try {
      files = await this.openForAppend();
      const tail = await tailOf(files.pos, files.posSize);
      if (tail.head?.revision !== base) return false;
      if (options.replace) {
        await closeAppending(files);
        files = undefined;
        await this.clear();
        files = await this.openForAppend();
      } else if (files.posSize !== tail.count * POS) await files.pos.truncate(tail.count * POS); // a crash's torn record
      await this.write(options.replace ? 0 : tail.count, commits, files);
      return true;
    } finally {
      await Promise.all([files && closeAppending(files), held.release()]);
    }
  }

  /**
   * The log and the position file, open for appending (the position file also for reading its
   * tail), with their sizes from the open descriptors, not a stat: on EFS an open revalidates what
   * the client knows of the file (close-to-open), a stat may answer from a cache seconds old, and
   * the position records must point at where the lines really land.
   */
  private async openForAppend(): Promise<Appending> {
    const [pos, log] = await Promise.all([this.fs.promises.open(this.posPath, 'a+'), this.fs.promises.open(this.logPath, 'a')]);
    try {
      // Blocking: attributes the open just fetched, no round trip of their own.
      return { pos, log, posSize: this.fs.fstatSync(pos.fd).size, logSize: this.fs.fstatSync(log.fd).size };
    } catch (error) {
      await Promise.all([pos.close(), log.close()]);
      throw error;
    }
  }

  async find(prefix: string): Promise<IndexedRef[]> {
    const text = await this.readText(`${this.dir}/oids/${prefix.slice(0, 1)}`);
    const candidates = new Map<string, number>();
    for (const line of text.split('\n')) {
      if (line.startsWith(prefix)) candidates.set(line.slice(0, 40), Number(line.slice(41)));
    }
    const count = await this.count();
    const hits = [...candidates].filter(([, seq]) => seq < count);
    const records = await this.read(hits.map(([, seq]) => seq));
    return hits.filter(([oid], i) => records[i]!.revision === oid).map(([revision, seq]) => ({ revision, seq }));
  }

  async touching(path: string, atOrBefore: number): Promise<number[]> {
    const text = await this.readText(`${this.dir}/paths/${bucketOf(path)}`);
    const suffix = `\t${JSON.stringify(path)}`;
    const seqs = new Set<number>();
    for (const line of text.split('\n')) {
      if (!line.endsWith(suffix)) continue;
      const seq = Number(line.slice(0, line.length - suffix.length));
      if (seq <= atOrBefore) seqs.add(seq);
    }
    return [...seqs].sort((a, b) => b - a);
  }

  async read(seqs: readonly number[]): Promise<IndexedCommit[]> {
    if (seqs.length === 0) return [];
    const lo = Math.min(...seqs);
    const hi = Math.max(...seqs);
    const pos = await readAt(this.fs, this.posPath, lo * POS, (hi - lo + 1) * POS);
    if (pos.length < (hi - lo + 1) * POS) throw new Error(`The history index in ${this.dir} has no commit ${hi}.`);
    const where = seqs.map((seq) => ({ offset: pos.readUIntBE((seq - lo) * POS, 6), length: pos.readUInt32BE((seq - lo) * POS + 6) }));
    const start = Math.min(...where.map((w) => w.offset));
    const end = Math.max(...where.map((w) => w.offset + w.length));
    // One read for a run of neighbours (a page of the changelog); separate reads for scattered hits.
    const span = end - start <= 1 << 20 ? await readAt(this.fs, this.logPath, start, end - start) : undefined;
    return Promise.all(where.map(async ({ offset, length }) => {
      const bytes = span ? span.subarray(offset - start, offset - start + length) : await readAt(this.fs, this.logPath, offset, length);
      return fromStored(JSON.parse(bytes.toString('utf8')) as StoredCommit);
    }));
  }

  private async count(): Promise<number> {
    return (await this.tail()).count;
  }

  /** The position file's size, its whole records, and the newest one's commit: one open, one read. */
  private async tail(): Promise<Tail> {
    let handle: NodeFs.promises.FileHandle;
    try {
      handle = await this.fs.promises.open(this.posPath, 'r');
    } catch (error) {
      ignoreMissing(error);
      return { count: 0 };
    }
    try {
      return await tailOf(handle, (await handle.stat()).size);
    } finally {
      await handle.close();
    }
  }

  /** The index's lock; its folder is made on the first append. */
  private async acquire() {
    const take = () => acquireLock(this.fs, `${this.dir}/lock`, this.lock, 'The history index');
    try {
      return await take();
    } catch (error) {
      ignoreMissing(error);
      await this.fs.promises.mkdir(this.dir, { recursive: true });
      return take();
    }
  }

  /** Appends to a bucket file, making its folder when it is the first. */
  private async appendMaking(path: string, text: string): Promise<void> {
    try {
      await this.fs.promises.appendFile(path, text);
    } catch (error) {
      ignoreMissing(error);
      await this.fs.promises.mkdir(path.slice(0, path.lastIndexOf('/')), { recursive: true });
      await this.fs.promises.appendFile(path, text);
    }
  }

  private async readText(path: string): Promise<string> {
    try {
      return await this.fs.promises.readFile(path, 'utf8');
    } catch (error) {
      ignoreMissing(error);
      return '';
    }
  }

  private async clear(): Promise<void> {
    await Promise.all([`${this.dir}/oids`, `${this.dir}/paths`, this.posPath, this.logPath].map((p) => this.fs.promises.rm(p, { recursive: true, force: true })));
  }

  /**
   * Lines first (the commit lines and the lookup lines together), position records last: a
   * commit is visible only once everything about it is on disk.
   */
  private async write(count: number, commits: readonly IndexedCommit[], { log, pos: posFile, logSize }: Appending): Promise<void> {
    if (commits.length === 0) return;
    let offset = logSize;
    const lines: Buffer[] = [];
    const pos = Buffer.alloc(commits.length * POS);
    const oids = new Map<string, string>();
    const paths = new Map<string, string>();
    commits.forEach((commit, i) => {
      const seq = count + i;
      const line = Buffer.from(`${JSON.stringify(toStored(commit))}\n`);
      pos.writeUIntBE(offset, i * POS, 6);
      pos.writeUInt32BE(line.length - 1, i * POS + 6);
      pos.write(commit.revision, i * POS + 10, 'hex');
      offset += line.length;
      lines.push(line);
      const bucket = commit.revision.slice(0, 1);
      oids.set(bucket, `${oids.get(bucket) ?? ''}${commit.revision} ${seq}\n`);
      for (const path of withFolders(commit.files)) {
        const key = bucketOf(path);
        paths.set(key, `${paths.get(key) ?? ''}${seq}\t${JSON.stringify(path)}\n`);
      }
    });
    const appends = [
      ...[...oids].map(([name, text]) => [`${this.dir}/oids/${name}`, text] as const),
      ...[...paths].map(([name, text]) => [`${this.dir}/paths/${name}`, text] as const),
    ];
    const writingLog = log.writeFile(Buffer.concat(lines)); // O_APPEND: at the end, where `offset` is
    writingLog.catch(() => undefined); // awaited below, after the lookup lines
    for (let i = 0; i < appends.length; i += IO_PARALLEL) {
      await Promise.all(appends.slice(i, i + IO_PARALLEL).map(([path, text]) => this.appendMaking(path, text)));
    }
    await writingLog;
    await posFile.writeFile(pos); // O_APPEND
  }
}

interface Tail {
  /** Whole position records. */
  readonly count: number;
  readonly head?: IndexedRef;
}

interface Appending {
  readonly pos: NodeFs.promises.FileHandle;
  readonly log: NodeFs.promises.FileHandle;
  readonly posSize: number;
  readonly logSize: number;
}

const closeAppending = (files: Appending) => Promise.all([files.pos.close(), files.log.close()]);

/** The newest position record of a position file of `size` bytes: one read. */
async function tailOf(handle: NodeFs.promises.FileHandle, size: number): Promise<Tail> {
  const count = Math.floor(size / POS);
  if (count === 0) return { count };
  const record = Buffer.alloc(POS);
  await handle.read(record, 0, POS, (count - 1) * POS);
  return { count, head: { revision: record.subarray(10).toString('hex'), seq: count - 1 } };
}

/** Each file and every folder above it, once. */
function withFolders(files: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const file of files) {
    out.add(file);
    for (let slash = file.indexOf('/'); slash > 0; slash = file.indexOf('/', slash + 1)) out.add(file.slice(0, slash));
  }
  return out;
}

/** FNV-1a of the path, into one of PATH_BUCKETS files. */
export function bucketOf(path: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) hash = Math.imul(hash ^ path.charCodeAt(i), 0x01000193);
  return ((hash >>> 0) % PATH_BUCKETS).toString(16).padStart(2, '0');
}

async function readAt(fs: typeof NodeFs, path: string, position: number, length: number): Promise<Buffer> {
  const handle = await fs.promises.open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, position);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function ignoreMissing(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
}

const toStored = (c: IndexedCommit): StoredCommit => ({
  r: c.revision, ...(c.parent ? { p: c.parent } : {}), n: c.author.name, e: c.author.email, d: c.date, m: c.message, f: [...c.files],
});

const fromStored = (s: StoredCommit): IndexedCommit => ({
  revision: s.r, ...(s.p ? { parent: s.p } : {}), author: { name: s.n, email: s.e }, date: s.d, message: s.m, files: s.f,
});
