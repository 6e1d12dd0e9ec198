import type { WikiId } from '../core/slugs';

export type Preferences = Readonly<Record<string, string>>;

/** One wiki's Otter Wiki database (`wiki.db`): preferences, drafts, users, cache. */
export interface WikiDb {
  /** Creates the database with Otter Wiki's tables and these preferences. */
  create(preferences: Preferences): Promise<void>;
  /** All preferences; empty when the wiki has no database yet. */
  preferences(): Promise<Preferences>;
}

export interface WikiDbProvider {
  open(id: WikiId): WikiDb;
}
