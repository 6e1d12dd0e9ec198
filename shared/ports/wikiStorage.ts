import type { WikiId } from '../core/slugs';

/** A wiki's folder on EFS as a whole (its repository and wiki.db). */
export interface WikiStorage {
  /**
   * Moves the wiki's folder into the trash (never deletes it) and returns the trash path relative
   * to the EFS root, e.g. `trash/alice/notes/2026-01-01T00-00-00.000Z`; undefined when it had none.
   */
  moveToTrash(id: WikiId, at: Date): Promise<string | undefined>;
}
