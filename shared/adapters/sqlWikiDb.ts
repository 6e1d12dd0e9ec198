import type * as NodeFs from 'node:fs';
import type { BindParams, Database, SqlJsStatic } from 'sql.js';
import type { Preferences, SqlValue, WikiDbProvider, WikiDbSession } from '../ports/wikiDb';
import { acquireLock, DEFAULT_LOCK, writeFileAtomic, type LockOptions } from './fileLock';
import { freshStat } from './freshStat';
import { wikiDir } from './gitWikiRepo';
import { migrate, SCHEMA_VERSION } from './wikiDbSchema';

// sql.js (a 1 MB WebAssembly build of SQLite) loads on first use only; most requests never need it.
let sqlModule: Promise<SqlJsStatic> | undefined;
const loadSql = (): Promise<SqlJsStatic> =>
  (sqlModule ??= import('sql.js').then((m) => ((m as { default?: typeof m.default }).default ?? (m as unknown as typeof m.default))()));

export interface SqlWikiDbOptions {
  readonly fs: typeof NodeFs;
  readonly root: string;
  /** The per-wiki `wiki.db.lock`; tests shorten `staleMs` to recover from killed writers quickly. */
  readonly lock?: LockOptions;
}

const STRAY_TEMP = /^wiki\.db\..+\.tmp$/;

/** Each wiki.db's preferences as last read, with the file's identity then (inode, size, times). */
const preferencesCache = new Map<string, { stamp: string; preferences: Preferences }>();

/**
 * wiki.db files on the EFS mount. Reads take the whole file as it is (writes replace it by
 * rename, so a reader sees the old or the new database, never a torn one). Writes happen under
 * `wiki.db.lock` (O_EXCL, like the git ref lock), so read-modify-write cycles of several
 * processes on one wiki are serialised, and go through a temp file, fsync and rename.
 */
export function sqlWikiDbProvider({ fs, root, lock = DEFAULT_LOCK }: SqlWikiDbOptions): WikiDbProvider {
  return {
    open(id) {
      const dir = wikiDir(root, id);
      const path = `${dir}/wiki.db`;
      const read = async (): Promise<Database | undefined> => {
        const SQL = await loadSql();
        try {
          return new SQL.Database(await fs.promises.readFile(path));
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
          throw error;
        }
      };
      const write = (db: Database) => writeFileAtomic(fs, path, db.export());

      /** Runs `work` holding the wiki's lock; after a crashed holder, clears its temp files first. */
      const locked = async <T>(work: () => Promise<T>): Promise<T> => {
        await fs.promises.mkdir(dir, { recursive: true });
        const held = await acquireLock(fs, `${path}.lock`, lock, `The settings of ${id.user}/${id.wiki}`);
        try {
          if (held.brokeStale) {
            for (const name of await fs.promises.readdir(dir)) {
              if (STRAY_TEMP.test(name)) await fs.promises.rm(`${dir}/${name}`, { force: true });
            }
          }
          return await work();
        } finally {
          await held.release();
        }
      };

      return {
        async create(preferences) {
          const SQL = await loadSql();
          await locked(async () => {
            const db = new SQL.Database();
            try {
              migrate(db);
              const insert = db.prepare('INSERT OR REPLACE INTO preferences (name, value) VALUES (?, ?)');
              for (const [name, value] of Object.entries(preferences)) insert.run([name, value]);
              insert.free();
              await write(db);
            } finally {
              db.close();
            }
          });
        },
        async preferences() {
          // Warm instances skip sql.js when the file is the one they read last time: every
          // write replaces it by rename (a new inode), and an in-place write changes its times.
          let stamp: string;
          try {
            const stat = freshStat(fs, path); // not stat: EFS may answer that from a stale cache
            stamp = `${stat.ino}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`;
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
            throw error;
          }
          const cached = preferencesCache.get(path);
          if (cached?.stamp === stamp) return cached.preferences;
          const db = await read();
          if (!db) return {};
          try {
            const preferences = Object.freeze(preferencesOf(db));
            preferencesCache.set(path, { stamp, preferences });
            return preferences;
          } finally {
            db.close();
          }
        },
        async update(fn) {
          const SQL = await loadSql();
          return locked(async () => {
            const db = (await read()) ?? new SQL.Database();
            try {
              let dirty = migrate(db) < SCHEMA_VERSION;
              const session: WikiDbSession = {
                preferences: () => preferencesOf(db),
                setPreference(name, value) {
                  if (value === null) db.run('DELETE FROM preferences WHERE name = ?', [name]);
                  else db.run('INSERT OR REPLACE INTO preferences (name, value) VALUES (?, ?)', [name, value]);
                  dirty = true;
                },
                query: (sql, params) => rows(db, sql, params),
                run(sql, params) {
                  db.run(sql, params as BindParams | undefined);
                  dirty = true;
                },
              };
              const result = await fn(session);
              if (dirty) await write(db);
              return result;
            } finally {
              db.close();
            }
          });
        },
      };
    },
  };
}

function preferencesOf(db: Database): Preferences {
  const values = db.exec('SELECT name, value FROM preferences')[0]?.values ?? [];
  return Object.fromEntries(values.map(([name, value]) => [String(name), String(value ?? '')]));
}

function rows(db: Database, sql: string, params?: readonly SqlValue[]): Record<string, SqlValue>[] {
  const statement = db.prepare(sql, params as BindParams | undefined);
  try {
    const out: Record<string, SqlValue>[] = [];
    while (statement.step()) out.push(statement.getAsObject() as Record<string, SqlValue>);
    return out;
  } finally {
    statement.free();
  }
}
