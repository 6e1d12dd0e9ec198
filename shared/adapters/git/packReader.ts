import { createHash } from 'node:crypto';
import type * as NodeFs from 'node:fs';
import { inflateSync } from 'node:zlib';

const TYPES = ['', 'commit', 'tree', 'blob', 'tag'] as const;
const OFS_DELTA = 6;
const REF_DELTA = 7;
const BASE_CACHE = 4096;
/** Packs up to this size are read into memory once (as isomorphic-git does); larger ones piecewise. */
const WHOLE_PACK = 256 << 20;

interface PackIndex {
  readonly pack: string;
  readonly fanout: Uint32Array;
  /** 20-byte ids, sorted. */
  readonly names: Buffer;
  readonly offsets: Float64Array;
  /** Every object's offset, sorted, then the end of the objects: an object's bytes end where the next begins. */
  readonly bounds: Float64Array;
  readonly size: number;
  /** The whole pack, for packs up to WHOLE_PACK bytes, read on first use. */
  data?: Promise<Buffer>;
}

export interface PackedObject {
  readonly type: string;
  readonly data: Buffer;
}

/**
 * Reads objects from a repository's packs with Node's native zlib: an imported repository is
 * packed, and isomorphic-git inflates packs in JavaScript, several times slower, which every page
 * of an import or a backfill pays. Handles pack index v2, whole objects and both delta kinds.
 * Packs are listed once per instance; an object it cannot find (a pack added later) is undefined,
 * and the caller asks isomorphic-git. Every object read is checked against its id.
 */
export class PackReader {
  private indexes?: Promise<PackIndex[]>;
  private readonly bases = new Map<string, PackedObject>();

  constructor(
    private readonly fs: typeof NodeFs,
    private readonly gitdir: string,
  ) {}

  async read(oid: string): Promise<PackedObject | undefined> {
    const name = Buffer.from(oid, 'hex');
    for (const index of await (this.indexes ??= this.loadIndexes())) {
      const at = find(index, name);
      if (at === undefined) continue;
      const object = await this.readAt(index, index.offsets[at]!);
      const hash = createHash('sha1').update(`${object.type} ${object.data.length}\0`).update(object.data).digest('hex');
      if (hash !== oid) throw new Error(`Packed object ${oid} in ${this.gitdir} does not match its id.`);
      return object;
    }
    return undefined;
  }

  private async loadIndexes(): Promise<PackIndex[]> {
    const dir = `${this.gitdir}/objects/pack`;
    let files: string[];
    try {
      files = await this.fs.promises.readdir(dir);
    } catch {
      return [];
    }
    return Promise.all(files.filter((f) => f.endsWith('.idx')).map(async (f) => {
      const idx = await this.fs.promises.readFile(`${dir}/${f}`);
      const pack = `${dir}/${f.slice(0, -4)}.pack`;
      const packSize = (await this.fs.promises.stat(pack)).size;
      return parseIndex(idx, pack, packSize);
    }));
  }

  private async readAt(index: PackIndex, offset: number): Promise<PackedObject> {
    const key = `${index.pack}:${offset}`;
    const cached = this.bases.get(key);
    if (cached) return cached;
    const end = index.bounds[upperBound(index.bounds, offset)]!;
    const raw = index.size <= WHOLE_PACK
      ? (await (index.data ??= this.fs.promises.readFile(index.pack))).subarray(offset, end)
      : await readRange(this.fs, index.pack, offset, end - offset);
    let pos = 0;
    let byte = raw[pos++]!;
    const type = (byte >> 4) & 7;
    while (byte & 0x80) byte = raw[pos++]!; // the inflated size: inflate tells us anyway
    let object: PackedObject;
    if (type === OFS_DELTA) {
      byte = raw[pos++]!;
      let back = byte & 0x7f;
      while (byte & 0x80) {
        byte = raw[pos++]!;
        back = (back + 1) * 128 + (byte & 0x7f);
      }
      const base = await this.readAt(index, offset - back);
      object = { type: base.type, data: applyDelta(base.data, inflateSync(raw.subarray(pos))) };
    } else if (type === REF_DELTA) {
      const baseId = raw.subarray(pos, pos + 20).toString('hex');
      const base = await this.read(baseId);
      if (!base) throw new Error(`The delta base ${baseId} is missing from ${this.gitdir}.`);
      object = { type: base.type, data: applyDelta(base.data, inflateSync(raw.subarray(pos + 20))) };
    } else {
      const name = TYPES[type];
      if (!name) throw new Error(`Unknown object type ${type} at ${offset} in ${index.pack}.`);
      object = { type: name, data: inflateSync(raw.subarray(pos)) };
    }
    // Objects are often bases of the next ones read (a page's versions): keep the recent few.
    if (this.bases.size >= BASE_CACHE) this.bases.delete(this.bases.keys().next().value!);
    this.bases.set(key, object);
    return object;
  }
}

function parseIndex(idx: Buffer, pack: string, packSize: number): PackIndex {
  if (idx.readUInt32BE(0) !== 0xff744f63 || idx.readUInt32BE(4) !== 2) throw new Error(`${pack}: only pack index v2 is read natively.`);
  const fanout = new Uint32Array(256);
  for (let i = 0; i < 256; i++) fanout[i] = idx.readUInt32BE(8 + i * 4);
  const n = fanout[255]!;
  const namesAt = 8 + 256 * 4;
  const offsetsAt = namesAt + n * 20 + n * 4;
  const largeAt = offsetsAt + n * 4;
  const offsets = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const small = idx.readUInt32BE(offsetsAt + i * 4);
    offsets[i] = small & 0x80000000 ? Number(idx.readBigUInt64BE(largeAt + (small & 0x7fffffff) * 8)) : small;
  }
  const bounds = new Float64Array(n + 1);
  bounds.set(offsets);
  bounds[n] = packSize - 20; // the trailing checksum
  bounds.sort();
  return { pack, fanout, names: idx.subarray(namesAt, namesAt + n * 20), offsets, bounds, size: packSize };
}

function find(index: PackIndex, name: Buffer): number | undefined {
  let lo = name[0]! === 0 ? 0 : index.fanout[name[0]! - 1]!;
  let hi = index.fanout[name[0]!]!;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const cmp = index.names.compare(name, 0, 20, mid * 20, mid * 20 + 20);
    if (cmp === 0) return mid;
    if (cmp > 0) hi = mid;
    else lo = mid + 1;
  }
  return undefined;
}

/** The position of the first bound greater than `offset`. */
function upperBound(bounds: Float64Array, offset: number): number {
  let lo = 0;
  let hi = bounds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (bounds[mid]! <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

async function readRange(fs: typeof NodeFs, path: string, position: number, length: number): Promise<Buffer> {
  const handle = await fs.promises.open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, position);
    return buffer;
  } finally {
    await handle.close();
  }
}

/** git's delta format: source and target sizes, then copy (from the base) and insert instructions. */
export function applyDelta(base: Buffer, delta: Buffer): Buffer {
  let pos = 0;
  const varint = () => {
    let value = 0;
    let shift = 0;
    let byte;
    do {
      byte = delta[pos++]!;
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return value;
  };
  if (varint() !== base.length) throw new Error('A delta does not fit its base.');
  const out = Buffer.alloc(varint());
  let at = 0;
  while (pos < delta.length) {
    const op = delta[pos++]!;
    if (op & 0x80) {
      let offset = 0;
      let size = 0;
      for (let i = 0; i < 4; i++) if (op & (1 << i)) offset += delta[pos++]! * 2 ** (8 * i);
      for (let i = 0; i < 3; i++) if (op & (0x10 << i)) size += delta[pos++]! * 2 ** (8 * i);
      if (size === 0) size = 0x10000;
      at += base.copy(out, at, offset, offset + size);
    } else if (op > 0) {
      at += delta.copy(out, at, pos, pos + op);
      pos += op;
    } else throw new Error('A delta has a reserved instruction.');
  }
  if (at !== out.length) throw new Error('A delta produced the wrong size.');
  return out;
}

const KEPT = 8;
const readers = new Map<string, PackReader>();

/**
 * The repository's PackReader, shared by the requests of a warm instance (least recently used of
 * `KEPT` kept), so its packs are listed and loaded once. `forget` drops it after a failure (a
 * repack removed a pack it knew).
 */
export function sharedPackReader(fs: typeof NodeFs, gitdir: string): { read(oid: string): Promise<PackedObject | undefined> } {
  let reader = readers.get(gitdir);
  if (reader) readers.delete(gitdir);
  else reader = new PackReader(fs, gitdir);
  readers.set(gitdir, reader);
  if (readers.size > KEPT) readers.delete(readers.keys().next().value!);
  return {
    read: (oid) => reader.read(oid).catch((error: unknown) => {
      if (readers.get(gitdir) === reader) readers.delete(gitdir);
      throw error;
    }),
  };
}
