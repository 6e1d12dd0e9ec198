/**
 * A writer in its own OS process, for the concurrency test. The test bundles this file with
 * esbuild (see childWriters.ts) and starts several copies on the same data directory: each runs
 * the real write handler (s3rver + dynalite + the directory), waits for "go" on stdin, PUTs
 * WRITER_SAVES pages, and after each save increments the `SAVES` preference of wiki.db with
 * WikiDb.update; it prints one JSON line a save.
 */
import * as fs from 'node:fs';
import { createWriteHandler, productionDeps } from '../../functions/write/app';
import type { WriteConfig } from '../../functions/write/config';
import { sqlWikiDbProvider } from '../../shared/adapters/sqlWikiDb';
import { parseSessionKeys } from '../../shared/auth/sessionKeys';
import type { WikiDbSession } from '../../shared/ports/wikiDb';
import { event } from './events';
import { contentOf } from './writerContent';

const env = process.env;
const id = { user: env.WRITER_USER!, wiki: env.WRITER_WIKI! };
const proc = Number(env.WRITER_INDEX ?? 0);
const lock = { waitMs: Number(env.WRITER_WAIT_MS ?? 20_000), staleMs: Number(env.WRITER_STALE_MS ?? 30_000) };
const out = (line: string) => process.stdout.write(`${line}\n`);

const increment = (name: string) => (db: WikiDbSession) => {
  const next = Number(db.preferences()[name] ?? 0) + 1;
  db.setPreference(name, String(next));
  return next;
};

async function saves() {
  const config = JSON.parse(env.WRITER_CONFIG!) as WriteConfig;
  // Warnings (a publish that failed) go out as `log …` lines, so a failing test can show them.
  const deps = { ...productionDeps(config), log: (entry: Record<string, unknown>) => out(`log ${JSON.stringify(entry)}`) };
  const handler = createWriteHandler({
    deps, sessionKeys: parseSessionKeys(config.sessionKeys!), issuer: config.issuer, audience: config.audience,
  });
  const dbs = sqlWikiDbProvider({ fs, root: config.dataDir, lock });
  const count = Number(env.WRITER_SAVES);
  const pages = Number(env.WRITER_PAGES);
  out('ready');
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  for (let i = 0; i < count; i++) {
    const path = `/api/wikis/${id.user}/${id.wiki}/pages/Proc ${proc}/Page ${i % pages}`;
    const body = JSON.stringify({ content: contentOf(proc, i), message: `proc ${proc} save ${i}` });
    const response = await handler(event('PUT', encodeURI(path), { body, headers: { authorization: `Bearer ${env.WRITER_TOKEN}` } }));
    const reply = JSON.parse(response.body as string) as Record<string, unknown>;
    if (response.statusCode !== 200 && response.statusCode !== 201) {
      throw new Error(`save ${i} answered ${response.statusCode}: ${response.body}`);
    }
    await dbs.open(id).update(increment('SAVES'));
    out(JSON.stringify({ i, revision: reply.revision, changed: reply.changed, unpublished: reply.unpublished }));
  }
}

saves().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
