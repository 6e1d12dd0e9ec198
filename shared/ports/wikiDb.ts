import type { WikiId } from '../core/slugs';

export type Preferences = Readonly<Record<string, string>>;

/** A value SQLite stores (sql.js binds and returns these). */
export type SqlValue = string | number | null | Uint8Array;

/**
 * The database inside WikiDb.update: read and change it freely; the changes are written back
 * when the callback returns (and dropped when it throws).
 */
export interface WikiDbSession {
  /** All preferences, including changes made earlier in this session. */
  preferences(): Preferences;
  /** Sets a preference, or removes it when `value` is null. */
  setPreference(name: string, value: string | null): void;
  /** Rows of a query on Otter Wiki's tables (drafts, cache, user, preferences). */
  query(sql: string, params?: readonly SqlValue[]): Record<string, SqlValue>[];
  /** Runs a statement that changes the tables. */
  run(sql: string, params?: readonly SqlValue[]): void;
}

/** One wiki's Otter Wiki database (`wiki.db`): preferences, drafts, users, cache. */
export interface WikiDb {
  /** Creates the database with Otter Wiki's tables and these preferences (replacing any). */
  create(preferences: Preferences): Promise<void>;
  /** All preferences; empty when the wiki has no database yet. */
  preferences(): Promise<Preferences>;
  /**
   * Read-modify-write under the wiki's lock, serialised across processes and Lambda instances:
   * `fn` sees the current database (created and migrated when missing) and its changes are
   * written back atomically when it returns, so no concurrent update is lost. Nothing is written
   * when `fn` changed nothing or threw (its error is rethrown). Keep `fn` short: the lock is
   * held while it runs and is broken as stale after 30 s.
   */
  update<T>(fn: (db: WikiDbSession) => T | Promise<T>): Promise<T>;
}

export interface WikiDbProvider {
  open(id: WikiId): WikiDb;
}
