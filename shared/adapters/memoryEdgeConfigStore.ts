import { InvalidInputError } from '../core/errors';
import { MAX_KEY_BYTES, MAX_VALUE_BYTES, type KvsEntry } from '../core/edge/kvsLayout';
import type { EdgeConfigChanges, EdgeConfigStore } from '../ports/edgeConfigStore';

/** CloudFront's limit on a KeyValueStore's total size (keys + values). */
export const MAX_STORE_BYTES = 5 * 1024 * 1024;

export interface MemoryEdgeConfigStore extends EdgeConfigStore {
  /** Synchronous read for the local gateway's CloudFront-Functions sandbox. */
  peek(key: string): string | undefined;
  /** Bumped by every apply that changed something, like the KVS's ETag. */
  readonly version: number;
  readonly sizeBytes: number;
}

/** The in-process KeyValueStore of the local platform, enforcing CloudFront's size limits. */
export function memoryEdgeConfigStore(initial: readonly KvsEntry[] = []): MemoryEdgeConfigStore {
  const entries = new Map<string, string>();
  let version = 0;
  let size = 0;
  const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

  function check(changes: EdgeConfigChanges) {
    let next = size;
    for (const { key, value } of changes.puts) {
      if (key.length === 0 || bytes(key) > MAX_KEY_BYTES) throw new InvalidInputError(`KeyValueStore key "${key.slice(0, 40)}…" is over ${MAX_KEY_BYTES} bytes.`);
      if (bytes(value) > MAX_VALUE_BYTES) throw new InvalidInputError(`KeyValueStore value of "${key}" is over ${MAX_VALUE_BYTES} bytes.`);
      const old = entries.get(key);
      next += bytes(key) + bytes(value) - (old === undefined ? 0 : bytes(key) + bytes(old));
    }
    for (const key of changes.deletes) {
      const old = entries.get(key);
      if (old !== undefined) next -= bytes(key) + bytes(old);
    }
    if (next > MAX_STORE_BYTES) throw new InvalidInputError(`The KeyValueStore would grow past ${MAX_STORE_BYTES} bytes.`);
    return next;
  }

  const store: MemoryEdgeConfigStore = {
    get version() {
      return version;
    },
    get sizeBytes() {
      return size;
    },
    peek: (key) => entries.get(key),
    async get(key) {
      return entries.get(key);
    },
    async list() {
      return [...entries.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, value]) => ({ key, value }));
    },
    async apply(changes) {
      const next = check(changes);
      let changed = false;
      for (const key of changes.deletes) changed = entries.delete(key) || changed;
      for (const { key, value } of changes.puts) {
        if (entries.get(key) !== value) changed = true;
        entries.set(key, value);
      }
      size = next;
      if (changed) version++;
    },
  };
  if (initial.length) void store.apply({ puts: initial, deletes: [] });
  return store;
}
