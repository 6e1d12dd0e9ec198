import type { SqlValue, WikiDb } from '../../../shared/ports/wikiDb';

/**
 * Editor drafts in wiki.db's `drafts` table (Otter Wiki's schema: one row per page and author).
 * Every call is a WikiDb.update: a read-modify-write of the file under the wiki's lock, so drafts
 * from several Lambda instances never overwrite each other's other rows; a read that changes
 * nothing writes nothing.
 */
export interface Draft {
  /** The page's file path without `.md` (stable whatever case the URL used). */
  readonly pagepath: string;
  /** The revision the edit started from. */
  readonly revision: string;
  readonly authorEmail: string;
  readonly content: string;
  readonly cursorLine: number;
  readonly cursorCh: number;
  /** ISO 8601. */
  readonly datetime: string;
}

const num = (value: SqlValue | undefined) => (typeof value === 'number' ? value : Number(value ?? 0) || 0);
const str = (value: SqlValue | undefined) => (typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value));

export function readDraft(db: WikiDb, pagepath: string, authorEmail: string): Promise<Draft | undefined> {
  return db.update((session) => {
    const row = session.query(
      'SELECT pagepath, revision, author_email, content, cursor_line, cursor_ch, datetime FROM drafts WHERE pagepath = ? AND author_email = ? ORDER BY datetime DESC LIMIT 1',
      [pagepath, authorEmail],
    )[0];
    if (!row) return undefined;
    return {
      pagepath: str(row.pagepath), revision: str(row.revision), authorEmail: str(row.author_email), content: str(row.content),
      cursorLine: num(row.cursor_line), cursorCh: num(row.cursor_ch), datetime: str(row.datetime),
    };
  });
}

/** Replaces the author's draft of the page. */
export function saveDraft(db: WikiDb, draft: Draft): Promise<void> {
  return db.update((session) => {
    session.run('DELETE FROM drafts WHERE pagepath = ? AND author_email = ?', [draft.pagepath, draft.authorEmail]);
    session.run(
      'INSERT INTO drafts (pagepath, revision, author_email, content, cursor_line, cursor_ch, datetime) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [draft.pagepath, draft.revision, draft.authorEmail, draft.content, draft.cursorLine, draft.cursorCh, draft.datetime],
    );
  });
}

/** Drops the author's draft of the page; nothing is written when there is none. */
export function deleteDraft(db: WikiDb, pagepath: string, authorEmail: string): Promise<boolean> {
  return db.update((session) => {
    const found = session.query('SELECT id FROM drafts WHERE pagepath = ? AND author_email = ?', [pagepath, authorEmail]).length > 0;
    if (found) session.run('DELETE FROM drafts WHERE pagepath = ? AND author_email = ?', [pagepath, authorEmail]);
    return found;
  });
}
