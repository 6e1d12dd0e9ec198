import type { KvsEntry } from '../core/edge/kvsLayout';

export type { KvsEntry } from '../core/edge/kvsLayout';

/** Puts and deletes for the edge configuration; a key appears at most once across both lists. */
export interface EdgeConfigChanges {
  readonly puts: readonly KvsEntry[];
  readonly deletes: readonly string[];
}

/**
 * The edge configuration store (DESIGN §3 KeyValueStore): a CloudFront KeyValueStore in AWS
 * (shared/adapters/cloudFrontKvsStore.ts), an in-process map under `npm start`
 * (shared/adapters/memoryEdgeConfigStore.ts). Written only by edge-sync; read by the edge gate.
 */
export interface EdgeConfigStore {
  /** The value of a key, undefined when there is none. */
  get(key: string): Promise<string | undefined>;
  /** Every entry, in key order (a full resync diffs the table against this). */
  list(): Promise<KvsEntry[]>;
  /** Applies the changes; deleting a key that does not exist is not an error. */
  apply(changes: EdgeConfigChanges): Promise<void>;
}
