/**
 * A writer for the crash test, in its own OS process: GitWikiRepo and WikiDb directly, as fast as
 * it can until it is killed (a commit, then a wiki.db update). Prints `commit <id>` once each
 * commit is acknowledged, so the test can check no acknowledged commit is ever lost, and `ready`
 * after the first full cycle (git and sql.js loaded). Small on purpose: no AWS SDK, quick to start.
 */
import * as fs from 'node:fs';
import { gitRepoProvider } from '../../shared/adapters/gitWikiRepo';
import { sqlWikiDbProvider } from '../../shared/adapters/sqlWikiDb';
import { systemClock } from '../../shared/ports/clock';

const env = process.env;
const id = { user: env.WRITER_USER!, wiki: env.WRITER_WIKI! };
const proc = Number(env.WRITER_INDEX ?? 0);
const lock = { waitMs: Number(env.WRITER_WAIT_MS ?? 20_000), staleMs: Number(env.WRITER_STALE_MS ?? 30_000) };
const out = (line: string) => process.stdout.write(`${line}\n`);

async function loop() {
  const root = env.WRITER_ROOT!;
  const repo = gitRepoProvider({ fs, root, clock: systemClock, refLock: lock }).open(id);
  const db = sqlWikiDbProvider({ fs, root, lock }).open(id);
  const author = { name: `Writer ${proc}`, email: `writer${proc}@example.com` };
  for (let i = 0; ; i++) {
    const content = new TextEncoder().encode(`# Loop\n\nWriter ${proc} (pid ${process.pid}), commit ${i}.\n`);
    const { revision } = await repo.commit({
      changes: [{ path: `loop/writer ${proc}.md`, content }], message: `loop ${proc} ${i}`, author,
    });
    out(`commit ${revision}`);
    await db.update((s) => s.setPreference('LOOPS', String(Number(s.preferences().LOOPS ?? 0) + 1)));
    if (i === 0) out('ready');
  }
}

loop().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
