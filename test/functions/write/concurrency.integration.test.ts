import * as fs from 'node:fs';
import * as path from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import initSqlJs from 'sql.js';
import { decodeContentFragment } from '../../../shared/core/fragments/contentEnvelope';
import { buildWriterBundle, spawnWriter } from '../../helpers/childWriters';
import { git } from '../../helpers/git';
import { tempDir } from '../../helpers/peers';
import { tokenFor } from '../../helpers/tokens';
import { contentOf } from '../../helpers/writerContent';
import { startWriteStack } from '../../helpers/writeStack';

const PROCESSES = 4;
const SAVES = 25;
const PAGES = 5; // per process: each page is saved SAVES / PAGES times, each time with new content

describe('concurrent writers: 4 OS processes × 25 saves on one wiki', () => {
  let stack: Awaited<ReturnType<typeof startWriteStack>>;
  let bundleDir: string;
  let bundle: string;
  const id = { user: 'race', wiki: 'track' };
  const gitdir = () => path.join(stack.config.dataDir, 'wikis/race/track/repo.git');

  beforeAll(async () => {
    bundleDir = tempDir('wikibot-writer-');
    [stack, bundle] = await Promise.all([startWriteStack('concurrency'), buildWriterBundle(bundleDir)]);
    const created = await stack.call('POST', '/api/wikis', { user: id.user, wiki: id.wiki }, await tokenFor(id.user));
    expect(created.statusCode).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await stack?.close();
    fs.rmSync(bundleDir, { recursive: true, force: true });
  });

  it('lands 100 commits, keeps git and wiki.db intact and every page as last written', async () => {
    const before = Number(git(gitdir(), 'rev-list', '--count', 'HEAD'));
    const token = await tokenFor(id.user);
    const writers = Array.from({ length: PROCESSES }, (_, proc) =>
      spawnWriter(bundle, {
        WRITER_USER: id.user,
        WRITER_WIKI: id.wiki,
        WRITER_INDEX: String(proc),
        WRITER_SAVES: String(SAVES),
        WRITER_PAGES: String(PAGES),
        WRITER_TOKEN: token,
        WRITER_CONFIG: JSON.stringify(stack.config),
      }),
    );
    // Every process has loaded and built its handler before any of them saves.
    await Promise.all(writers.map((w) => w.waitFor((line) => line === 'ready')));
    for (const w of writers) w.child.stdin.end('go\n');
    const exits = await Promise.all(writers.map((w) => w.exited));
    for (const exit of exits) expect(exit).toMatchObject({ code: 0, stderr: '' });

    const results = writers.flatMap((w) => w.lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as {
      revision: string; changed: boolean; unpublished: string[];
    }));
    expect(results).toHaveLength(PROCESSES * SAVES);
    // Listed with the writers' warnings, so a failure says what could not be published and why.
    const failed = results.filter((r) => !r.changed || r.unpublished.length > 0);
    const warnings = writers.flatMap((w) => w.lines.filter((l) => l.startsWith('log ')));
    expect(failed.length ? { failed, warnings } : []).toEqual([]);
    // 100 distinct commits, each still in the history: no save was lost to a racing one.
    const history = new Set(git(gitdir(), 'rev-list', 'HEAD').trim().split('\n'));
    expect(history.size).toBe(before + PROCESSES * SAVES);
    expect(new Set(results.map((r) => r.revision)).size).toBe(PROCESSES * SAVES);
    for (const r of results) expect(history.has(r.revision)).toBe(true);
    // Retried attempts leave dangling commits, which fsck reports but does not count as errors.
    git(gitdir(), 'fsck', '--full', '--strict');

    for (let proc = 0; proc < PROCESSES; proc++) {
      for (let page = 0; page < PAGES; page++) {
        const file = `proc ${proc}/page ${page}.md`;
        const last = SAVES - PAGES + page; // the last save i with i % PAGES === page
        expect(git(gitdir(), 'show', `HEAD:${file}`)).toBe(contentOf(proc, last));
        const object = await stack.peers.s3Client.send(new GetObjectCommand({
          Bucket: stack.peers.bucket, Key: `fragments/${id.user}/${id.wiki}/pages/proc ${proc}/page ${page}.html`,
        }));
        const fragment = decodeContentFragment(await object.Body!.transformToString());
        expect(fragment.meta?.blob).toBe(git(gitdir(), 'rev-parse', `HEAD:${file}`).trim());
        expect(fragment.html).toContain(`Save ${last} of process ${proc}.`);
      }
    }

    const SQL = await initSqlJs();
    const wikiDir = path.join(stack.config.dataDir, 'wikis/race/track');
    const db = new SQL.Database(fs.readFileSync(path.join(wikiDir, 'wiki.db')));
    expect(db.exec('PRAGMA integrity_check')[0]!.values).toEqual([['ok']]);
    // 100 read-modify-write increments from 4 processes: serialised, so none was lost.
    expect(db.exec("SELECT value FROM preferences WHERE name = 'SAVES'")[0]!.values).toEqual([['100']]);
    db.close();
    expect(fs.readdirSync(wikiDir).filter((f) => f.endsWith('.lock') || f.endsWith('.tmp'))).toEqual([]);
    expect(fs.readdirSync(path.join(gitdir(), 'refs/heads'))).toEqual(['main']);
  }, 90_000);
});
