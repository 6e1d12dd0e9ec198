import type * as NodeFs from 'node:fs';
import type { Database, SqlJsStatic } from 'sql.js';
import type { WikiDbProvider } from '../ports/wikiDb';
import { wikiDir } from './gitWikiRepo';
import { migrate } from './wikiDbSchema';

// sql.js (a 1 MB WebAssembly build of SQLite) loads on first use only; most requests never need it.
let sqlModule: Promise<SqlJsStatic> | undefined;
const loadSql = (): Promise<SqlJsStatic> =>
  (sqlModule ??= import('sql.js').then((m) => ((m as { default?: typeof m.default }).default ?? (m as unknown as typeof m.default))()));

export interface SqlWikiDbOptions {
  readonly fs: typeof NodeFs;
  readonly root: string;
}

/** wiki.db files on the EFS mount, read whole and written back atomically (temp file + rename). */
export function sqlWikiDbProvider({ fs, root }: SqlWikiDbOptions): WikiDbProvider {
  return {
    open(id) {
      const path = `${wikiDir(root, id)}/wiki.db`;
      const read = async (): Promise<Database | undefined> => {
        const SQL = await loadSql();
        try {
          return new SQL.Database(await fs.promises.readFile(path));
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
          throw error;
        }
      };
      const write = async (db: Database) => {
        const temp = `${path}.${Date.now()}.${Math.random().toString(36).slice(2)}.tmp`;
        await fs.promises.writeFile(temp, db.export());
        await fs.promises.rename(temp, path);
      };
      return {
        async create(preferences) {
          const SQL = await loadSql();
          const db = new SQL.Database();
          try {
            migrate(db);
            const insert = db.prepare('INSERT OR REPLACE INTO preferences (name, value) VALUES (?, ?)');
            for (const [name, value] of Object.entries(preferences)) insert.run([name, value]);
            insert.free();
            await fs.promises.mkdir(wikiDir(root, id), { recursive: true });
            await write(db);
          } finally {
            db.close();
          }
        },
        async preferences() {
          const db = await read();
          if (!db) return {};
          try {
            const rows = db.exec('SELECT name, value FROM preferences')[0]?.values ?? [];
            return Object.fromEntries(rows.map(([name, value]) => [String(name), String(value ?? '')]));
          } finally {
            db.close();
          }
        },
      };
    },
  };
}
