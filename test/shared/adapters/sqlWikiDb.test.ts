import * as fs from 'node:fs';
import initSqlJs from 'sql.js';
import { sqlWikiDbProvider } from '../../../shared/adapters/sqlWikiDb';
import { tempDir } from '../../helpers/peers';

describe('sqlWikiDb', () => {
  it('creates wiki.db with Otter Wiki\'s four tables, a schema version and the preferences', async () => {
    const root = tempDir();
    const db = sqlWikiDbProvider({ fs, root }).open({ user: 'alice', wiki: 'notes' });
    await expect(db.preferences()).resolves.toEqual({});
    await db.create({ SITE_NAME: 'Notes', WIKILINK_STYLE: 'LINKTITLE' });
    await expect(db.preferences()).resolves.toEqual({ SITE_NAME: 'Notes', WIKILINK_STYLE: 'LINKTITLE' });

    const path = `${root}/wikis/alice/notes/wiki.db`;
    const SQL = await initSqlJs();
    const raw = new SQL.Database(fs.readFileSync(path));
    const tables = raw.exec("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")[0]!.values.flat();
    expect(tables).toEqual(['cache', 'drafts', 'preferences', 'user']);
    expect(raw.exec('PRAGMA user_version')[0]!.values[0]![0]).toBe(1);
    expect(raw.exec('PRAGMA integrity_check')[0]!.values[0]![0]).toBe('ok');
    raw.close();
    expect(fs.readdirSync(`${root}/wikis/alice/notes`).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    fs.rmSync(root, { recursive: true, force: true });
  });
});
