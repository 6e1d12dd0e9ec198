import * as fs from 'node:fs';
import initSqlJs from 'sql.js';
import { sqlWikiDbProvider } from '../../../shared/adapters/sqlWikiDb';
import { tempDir } from '../../helpers/peers';
import { staleStatFs } from '../../helpers/staleStatFs';

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

  it('reads the preferences again when another writer replaced or rewrote the file', async () => {
    const root = tempDir();
    const path = `${root}/wikis/alice/notes/wiki.db`;
    const db = sqlWikiDbProvider({ fs, root }).open({ user: 'alice', wiki: 'notes' });
    await db.create({ SITE_NAME: 'One' });
    await expect(db.preferences()).resolves.toEqual({ SITE_NAME: 'One' });
    // Replaced by rename (how every writer here writes), as from another Lambda instance.
    const SQL = await initSqlJs();
    const other = new SQL.Database(fs.readFileSync(path));
    other.run("UPDATE preferences SET value = 'Two' WHERE name = 'SITE_NAME'");
    fs.writeFileSync(`${path}.other`, other.export());
    fs.renameSync(`${path}.other`, path);
    await expect(db.preferences()).resolves.toEqual({ SITE_NAME: 'Two' });
    // Rewritten in place (as SQLite itself, e.g. Otter Wiki, writes).
    other.run("UPDATE preferences SET value = 'Three!' WHERE name = 'SITE_NAME'");
    fs.writeFileSync(path, other.export());
    await expect(db.preferences()).resolves.toEqual({ SITE_NAME: 'Three!' });
    other.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('sees a change another instance made even when stat answers from a stale cache (EFS)', async () => {
    const root = tempDir();
    const path = `${root}/wikis/alice/notes/wiki.db`;
    // An NFS client's stat may answer from its attribute cache for up to a minute: here, always
    // the file as it was before the change. open (and fstat on what it opened) asks the server.
    let cached: fs.Stats | undefined;
    const nfs = staleStatFs(path, () => cached);
    const db = sqlWikiDbProvider({ fs: nfs, root }).open({ user: 'alice', wiki: 'notes' });
    await db.create({ SITE_NAME: 'One' });
    await expect(db.preferences()).resolves.toEqual({ SITE_NAME: 'One' });
    cached = fs.statSync(path);
    await sqlWikiDbProvider({ fs, root }).open({ user: 'alice', wiki: 'notes' }).update((s) => s.setPreference('SITE_NAME', 'Two'));
    expect(nfs.statSync(path)).toBe(cached); // the stale answer a stat would get
    await expect(db.preferences()).resolves.toEqual({ SITE_NAME: 'Two' });
    fs.rmSync(root, { recursive: true, force: true });
  });

  describe('update', () => {
    let root: string;
    const id = { user: 'alice', wiki: 'notes' };
    beforeEach(() => (root = tempDir()));
    afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

    it('creates and migrates a missing database, then reads and writes it', async () => {
      const db = sqlWikiDbProvider({ fs, root }).open(id);
      await expect(db.update((s) => s.preferences())).resolves.toEqual({});
      await db.update((s) => {
        s.setPreference('SITE_NAME', 'Notes');
        s.setPreference('HOME_PAGE', 'Start');
        s.run('INSERT INTO drafts (pagepath, content) VALUES (?, ?)', ['home', 'draft']);
      });
      await db.update((s) => s.setPreference('HOME_PAGE', null));
      await expect(db.preferences()).resolves.toEqual({ SITE_NAME: 'Notes' });
      await expect(db.update((s) => s.query('SELECT pagepath, content FROM drafts'))).resolves.toEqual([{ pagepath: 'home', content: 'draft' }]);
    });

    it('writes nothing when the callback throws or changes nothing', async () => {
      const db = sqlWikiDbProvider({ fs, root }).open(id);
      await db.create({ SITE_NAME: 'Notes' });
      const file = `${root}/wikis/alice/notes/wiki.db`;
      const before = fs.statSync(file);
      await expect(db.update((s) => {
        s.setPreference('SITE_NAME', 'Broken');
        throw new Error('validation failed');
      })).rejects.toThrow('validation failed');
      await db.update((s) => s.preferences());
      expect(fs.statSync(file).mtimeMs).toBe(before.mtimeMs);
      await expect(db.preferences()).resolves.toEqual({ SITE_NAME: 'Notes' });
      expect(fs.readdirSync(`${root}/wikis/alice/notes`)).toEqual(['wiki.db']);
    });

    it('loses no read-modify-write of racing writers', async () => {
      await sqlWikiDbProvider({ fs, root }).open(id).create({});
      await Promise.all(Array.from({ length: 25 }, () =>
        // Separate providers, as separate Lambda instances would have.
        sqlWikiDbProvider({ fs, root }).open(id).update(async (s) => {
          const n = Number(s.preferences().COUNT ?? 0);
          await new Promise((r) => setTimeout(r, 1));
          s.setPreference('COUNT', String(n + 1));
        })));
      await expect(sqlWikiDbProvider({ fs, root }).open(id).preferences()).resolves.toEqual({ COUNT: '25' });
    });

    it('recovers from a holder that crashed with the lock and a half-written temp file', async () => {
      const db = sqlWikiDbProvider({ fs, root, lock: { waitMs: 2_000, staleMs: 200 } }).open(id);
      await db.create({ SITE_NAME: 'Notes' });
      const dir = `${root}/wikis/alice/notes`;
      fs.writeFileSync(`${dir}/wiki.db.lock`, '');
      fs.writeFileSync(`${dir}/wiki.db.123-abc.tmp`, 'SQLite format 3\0 torn');
      const old = new Date(Date.now() - 1_000);
      fs.utimesSync(`${dir}/wiki.db.lock`, old, old);
      await db.update((s) => s.setPreference('SITE_NAME', 'Recovered'));
      await expect(db.preferences()).resolves.toEqual({ SITE_NAME: 'Recovered' });
      expect(fs.readdirSync(dir)).toEqual(['wiki.db']);
    });
  });
});
