import * as fs from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import { efsPageIndexProvider, INDEX_DIR } from '../../../shared/adapters/efsPageIndex';
import { PENDING_LIMIT } from '../../../shared/adapters/pageIndexRecords';
import type { IndexedDocument, PageIndex } from '../../../shared/ports/pageIndex';
import { spawnWriter } from '../../helpers/childWriters';
import { indexedPage } from '../../helpers/indexWriterProcess';
import { tempDir } from '../../helpers/peers';
import { staleStatFs } from '../../helpers/staleStatFs';
import { esbuildOptions } from '../../../esbuild.config';

const id = { user: 'alice', wiki: 'notes' };
const doc = (p: string, markdown: string, extra: Partial<IndexedDocument> = {}): IndexedDocument => ({
  path: p, key: p.toLowerCase(), title: p.split('/').pop()!, headings: [{ level: 1, text: 'T', anchor: 't' }], size: markdown.length,
  blob: `blob-${markdown.length}`, updated: '2026-01-02T03:04:05.000Z', markdown, ...extra,
});
const rebuild = (index: PageIndex, pages: IndexedDocument[]) =>
  index.rebuild(async () => ({ pages, revision: 'r0', settings: 's1' }));

describe('efsPageIndex', () => {
  let root: string;
  let dir: string;
  const open = (options: Partial<Parameters<typeof efsPageIndexProvider>[0]> = {}) =>
    efsPageIndexProvider({ fs, root, fsync: false, ...options }).open(id);
  const files = () => fs.readdirSync(dir).sort();

  beforeEach(() => {
    root = tempDir('wikibot-index-');
    dir = path.join(root, 'wikis', id.user, id.wiki, INDEX_DIR);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('does nothing before a rebuild: updates never create a partial index', async () => {
    const index = open();
    expect(await index.status()).toEqual({ exists: false });
    const fn = jest.fn(async () => ({ upsert: [doc('a', 'x')] }));
    await index.update(fn);
    expect(fn).not.toHaveBeenCalled();
    expect(await index.list()).toEqual([]);
    expect((await index.search({ text: 'x' })).total).toBe(0);
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('rebuilds, lists sorted by key without the markdown, and searches', async () => {
    const index = open();
    await rebuild(index, [doc('Zeta', 'last page'), doc('alpha', 'first page'), doc('Docs/Mid', 'the middle page')]);
    expect(await index.status()).toEqual({ exists: true, revision: 'r0', settings: 's1', segments: 0 });
    const list = await index.list();
    expect(list.map((p) => p.key)).toEqual(['alpha', 'docs/mid', 'zeta']);
    expect(list[1]).toEqual({
      path: 'Docs/Mid', key: 'docs/mid', title: 'Mid', headings: [{ level: 1, text: 'T', anchor: 't' }], size: 15,
      blob: 'blob-15', updated: '2026-01-02T03:04:05.000Z',
    });
    expect(list[1]).not.toHaveProperty('markdown');
    const found = await index.search({ text: 'middle' });
    expect(found.hits.map((h) => h.page.path)).toEqual(['Docs/Mid']);
    // A fresh instance reads it from disk, the metadata alone for list().
    expect((await open().list()).map((p) => p.key)).toEqual(['alpha', 'docs/mid', 'zeta']);
    expect((await open().search({ text: 'first' })).total).toBe(1);
  });

  it('applies updates in order, and another instance picks up only what is new', async () => {
    const writer = open();
    const reader = open();
    await rebuild(writer, [doc('a', 'apple'), doc('b', 'banana')]);
    expect((await reader.search({ text: 'apple' })).total).toBe(1); // warm
    await writer.upsert([doc('a', 'avocado'), doc('c', 'cherry')]);
    await writer.remove(['b']);
    await writer.update(async () => ({ upsert: [doc('d', 'date')], remove: ['missing'], revision: 'r9' }));
    expect((await reader.list()).map((p) => p.key)).toEqual(['a', 'c', 'd']);
    expect((await reader.search({ text: 'apple' })).total).toBe(0);
    expect((await reader.search({ text: 'avocado' })).total).toBe(1);
    expect((await reader.search({ text: 'banana' })).total).toBe(0);
    expect(await reader.status()).toMatchObject({ revision: 'r9', segments: 0 }); // all three are pending in head.json
    // An update that changes nothing writes nothing.
    const before = files();
    await writer.update(async () => ({}));
    await writer.update(async () => undefined);
    expect(files()).toEqual(before);
  });

  it('shows another instance\'s save at once even when stat answers from a stale cache (EFS)', async () => {
    const writer = open();
    await rebuild(writer, [doc('a', 'apple')]);
    // An NFS client's stat may answer from its attribute cache for up to a minute: here, always
    // head.json as it was before the save. open (and fstat on what it opened) asks the server.
    const headPath = path.join(dir, 'head.json');
    let cached: fs.Stats | undefined;
    const nfs = staleStatFs(headPath, () => cached);
    const reader = open({ fs: nfs });
    expect((await reader.list()).map((p) => p.key)).toEqual(['a']); // warm
    cached = fs.statSync(headPath);
    await writer.upsert([doc('b', 'banana')]);
    expect(await nfs.promises.stat(headPath)).toBe(cached); // the stale answer a stat would get
    expect((await reader.list()).map((p) => p.key)).toEqual(['a', 'b']);
    expect((await reader.search({ text: 'banana' })).total).toBe(1);
    expect(await reader.status()).toMatchObject({ exists: true });
  });

  it('keeps a save\'s changes in head.json (no new file) until they pass the pending limit, then writes one segment', async () => {
    const writer = open();
    const warm = open();
    await rebuild(writer, [doc('a', 'apple')]);
    await warm.list();
    const before = files();
    for (let i = 0; i < PENDING_LIMIT.records; i++) await writer.upsert([doc(`p${i}`, `pending text ${i}`)]);
    await writer.upsert([doc('p0', 'pending text edited')]); // the same key again: still one record
    expect(files()).toEqual(before);
    const head = JSON.parse(fs.readFileSync(path.join(dir, 'head.json'), 'utf8'));
    expect(head).toMatchObject({ format: 2, seq: PENDING_LIMIT.records + 1, pending: { first: 1 } });
    expect(head.pending.meta).toHaveLength(PENDING_LIMIT.records);
    expect((await open().search({ text: 'edited' })).hits.map((h) => h.page.key)).toEqual(['p0']);
    expect((await warm.list())).toHaveLength(PENDING_LIMIT.records + 1);
    await writer.upsert([doc('one more', 'over the limit')]);
    const after = JSON.parse(fs.readFileSync(path.join(dir, 'head.json'), 'utf8'));
    expect(after.pending).toBeUndefined();
    expect(after.segments).toEqual([expect.objectContaining({ first: 1, last: PENDING_LIMIT.records + 2 })]);
    for (const reader of [warm, open()]) {
      expect((await reader.list())).toHaveLength(PENDING_LIMIT.records + 2);
      expect((await reader.search({ text: '"pending text 0"' })).total).toBe(0);
      expect((await reader.search({ text: 'edited' })).total).toBe(1);
    }
    // A large page goes to a segment at once: head.json stays small for every reader.
    await writer.upsert([doc('big', 'word '.repeat(PENDING_LIMIT.bytes / 4))]);
    expect(fs.statSync(path.join(dir, 'head.json')).size).toBeLessThan(4096);
    expect((await open().search({ text: 'word' })).hits.map((h) => h.page.key)).toEqual(['big']);
  });

  it('reads and updates a head written by the previous version (format 1, no pending changes)', async () => {
    const writer = open();
    await rebuild(writer, [doc('a', 'apple')]);
    const headPath = path.join(dir, 'head.json');
    const { pending: _none, ...old } = { ...JSON.parse(fs.readFileSync(headPath, 'utf8')), format: 1 };
    fs.writeFileSync(headPath, JSON.stringify(old));
    expect((await open().list()).map((p) => p.key)).toEqual(['a']);
    await open().upsert([doc('b', 'banana')]);
    expect((await open().list()).map((p) => p.key)).toEqual(['a', 'b']);
    expect(JSON.parse(fs.readFileSync(headPath, 'utf8')).format).toBe(2);
  });

  it('merges small segments by size tier, so a save writes little and the segment count stays small', async () => {
    const writer = open();
    const early = open();
    await rebuild(writer, Array.from({ length: 50 }, (_, i) => doc(`page ${i}`, `page ${i} text`)));
    await early.list();
    let largest = 0;
    for (let i = 0; i < 200; i++) {
      await writer.upsert([doc(`page ${i % 60}`, `page ${i % 60} edit ${i}`)]);
      largest = Math.max(largest, sizeOf(dir) - base(dir));
      if (i === 37) await early.list(); // a reader part way, across merges
    }
    const status = await writer.status();
    expect(status.segments).toBeLessThanOrEqual(12);
    // What the saves added beside the base stays a few pages' worth (the merges dedupe by page).
    expect(largest).toBeLessThan(40_000);
    expect(files().filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(files().length).toBe((status.segments ?? 0) + 2); // head.json, the base and the segments: merged files are gone
    const list = await early.list();
    expect(list).toHaveLength(60);
    expect(list.find((p) => p.key === 'page 7')).toBeDefined();
    const hit = await early.search({ text: 'edit 199' });
    expect(hit.hits.map((h) => h.page.key)).toEqual(['page 19']);
    expect((await open().search({ text: '"page 5 edit 185"' })).hits.map((h) => h.page.key)).toEqual(['page 5']);
    expect((await open().search({ text: '"page 5 edit 125"' })).total).toBe(0);
  });

  it('compacts the segments into a new base; warm readers carry on', async () => {
    const writer = open();
    const reader = open();
    await rebuild(writer, [doc('a', 'one')]);
    for (let i = 0; i < 5; i++) await writer.upsert([doc(`p${i}`, `text ${i}`)]);
    await reader.search({ text: 'text' });
    await writer.compact();
    expect(await writer.status()).toMatchObject({ segments: 0 });
    expect(files().filter((f) => f.startsWith('seg-'))).toEqual([]);
    expect(files().filter((f) => f.startsWith('base-'))).toHaveLength(1);
    await writer.upsert([doc('p9', 'after compaction')]);
    expect((await reader.list()).map((p) => p.key)).toEqual(['a', 'p0', 'p1', 'p2', 'p3', 'p4', 'p9']);
    expect((await open().search({ text: 'text' })).total).toBe(5);
  });

  it('a rebuild replaces everything, also for warm readers', async () => {
    const writer = open();
    const reader = open();
    await rebuild(writer, [doc('old', 'old page')]);
    await writer.upsert([doc('newer', 'x')]);
    await reader.list();
    await rebuild(writer, [doc('fresh', 'fresh page')]);
    expect((await reader.list()).map((p) => p.key)).toEqual(['fresh']);
    expect(files().filter((f) => f.endsWith('.wbx'))).toHaveLength(1);
    // rebuild's callback sees the status and may decline.
    await writer.rebuild(async (status) => {
      expect(status).toMatchObject({ exists: true, settings: 's1' });
      return undefined;
    });
    expect((await reader.list()).map((p) => p.key)).toEqual(['fresh']);
  });

  it('forgets a wiki whose folder went away (deleted wiki)', async () => {
    const index = open();
    await rebuild(index, [doc('a', 'x')]);
    expect(await index.list()).toHaveLength(1);
    fs.rmSync(path.join(root, 'wikis'), { recursive: true });
    expect(await index.list()).toEqual([]);
    expect(await index.status()).toEqual({ exists: false });
  });

  it('treats a head it cannot read as missing, so the next search rebuilds it', async () => {
    const index = open();
    await rebuild(index, [doc('a', 'x')]);
    fs.writeFileSync(path.join(dir, 'head.json'), '{not json');
    expect(await open().status()).toEqual({ exists: false });
  });

  it('breaks a stale lock left by a crashed writer and removes its leftovers', async () => {
    const index = open({ lock: { waitMs: 2000, staleMs: 200 } });
    await rebuild(index, [doc('a', 'x')]);
    fs.writeFileSync(path.join(dir, 'lock'), '');
    fs.writeFileSync(path.join(dir, 'seg-orphan.wbx.1234.tmp'), 'partial');
    const old = new Date(Date.now() - 10_000);
    fs.utimesSync(path.join(dir, 'lock'), old, old);
    await index.upsert([doc('b', 'y')]);
    expect((await open().list()).map((p) => p.key)).toEqual(['a', 'b']);
    expect(files().some((f) => f.includes('orphan'))).toBe(false);
  });

  it('keeps the memory it uses for cached wikis under the budget', async () => {
    const provider = efsPageIndexProvider({ fs, root, fsync: false, cacheBytes: 1000 });
    const big = 'x'.repeat(400);
    for (const wiki of ['w1', 'w2', 'w3']) {
      await provider.open({ user: 'u', wiki }).rebuild(async () => ({ pages: [doc('p', big)], revision: 'r', settings: 's' }));
    }
    // All three still answer (re-read from disk when evicted).
    for (const wiki of ['w1', 'w2', 'w3']) expect((await provider.open({ user: 'u', wiki }).search({ text: 'xxx' })).total).toBe(1);
  });

  it('serialises writers in several OS processes: no update is lost', async () => {
    const outdir = tempDir('wikibot-index-writer-');
    try {
      await build({
        ...esbuildOptions, minify: false, absWorkingDir: path.resolve(__dirname, '../../..'),
        entryPoints: ['test/helpers/indexWriterProcess.ts'], outdir, logLevel: 'error',
      });
      const index = open();
      await rebuild(index, [doc('base', 'the base page')]);
      const PROCS = 4;
      const UPDATES = 30;
      const writers = Array.from({ length: PROCS }, (_, proc) => spawnWriter(path.join(outdir, 'indexWriterProcess.js'), {
        INDEX_ROOT: root, INDEX_USER: id.user, INDEX_WIKI: id.wiki, INDEX_PROC: String(proc), INDEX_UPDATES: String(UPDATES),
      }));
      await Promise.all(writers.map((w) => w.waitFor((l) => l === 'ready')));
      for (const w of writers) w.child.stdin.end('go\n');
      for (const exit of await Promise.all(writers.map((w) => w.exited))) expect(exit).toMatchObject({ code: 0, stderr: '' });

      const list = await open().list();
      expect(list).toHaveLength(1 + PROCS * 4);
      for (let proc = 0; proc < PROCS; proc++) {
        for (let page = 0; page < 4; page++) {
          const last = UPDATES - 1 - ((UPDATES - 1 - page) % 4); // the last i with i % 4 === page
          expect(list.find((p) => p.key === `proc ${proc}/page ${page}`)?.blob).toBe(indexedPage(proc, page, last).blob);
          const found = await open().search({ text: `"save ${last} marker${proc}x${page}"` });
          expect(found.hits.map((h) => h.page.key)).toEqual([`proc ${proc}/page ${page}`]);
        }
      }
      expect(files().filter((f) => f.endsWith('.tmp') || f === 'lock')).toEqual([]);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  }, 60_000);
});

function base(dir: string): number {
  return fs.readdirSync(dir).filter((f) => f.startsWith('base-')).reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0);
}

function sizeOf(dir: string): number {
  return fs.readdirSync(dir).reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0);
}
