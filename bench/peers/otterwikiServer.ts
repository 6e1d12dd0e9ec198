import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';

/** The release the issue's figures were measured against. */
export const OTTER_WIKI_VERSION = '2.18.2';

export const INSTALL_HINT = `Otter Wiki is not installed for this benchmark (it is optional, not a dependency of wikibot).
Install it in a virtual environment of its own, outside this repository, e.g.:
  python3 -m venv ~/otterwiki-venv && ~/otterwiki-venv/bin/pip install otterwiki==${OTTER_WIKI_VERSION} gunicorn
then give its interpreter: --otterwiki-python ~/otterwiki-venv/bin/python (or OTTERWIKI_PYTHON=…).
See bench/peers/README.md.`;

/**
 * The installed Otter Wiki's version, or an Error saying how to install it: the interpreter must
 * import `otterwiki` and `gunicorn`. Only the version module is imported: the server module
 * needs a settings file and a repository before it loads.
 */
export function otterWikiVersion(python: string): string {
  const probe = spawnSync(python, ['-c', 'import gunicorn, otterwiki.version as v; print(v.__version__)'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    const why = probe.error ? probe.error.message : probe.stderr.trim().split('\n').pop();
    throw new Error(`${INSTALL_HINT}\n(${python}: ${why})`);
  }
  return probe.stdout.trim();
}

export interface OtterWikiServer {
  readonly url: string;
  readonly pid?: number;
  close(): Promise<void>;
}

/**
 * Otter Wiki on `repo` (a git work tree) under gunicorn with one sync worker, as measured in the
 * issue: anonymous read and write (its defaults), so a save needs no login; settings, the SQLite
 * database and the log in `dir`. Resolves once `/-/healthz` answers 200.
 */
export async function startOtterWiki(options: { python: string; repo: string; dir: string }): Promise<OtterWikiServer> {
  const settings = writeOtterWikiSettings(options);
  const port = await freePort();
  const log = fs.openSync(path.join(options.dir, 'gunicorn.log'), 'a');
  const child = spawn(options.python, ['-m', 'gunicorn', '--workers', '1', '--bind', `127.0.0.1:${port}`, 'otterwiki.server:app'], {
    cwd: options.dir, stdio: ['ignore', log, log], env: { ...process.env, OTTERWIKI_SETTINGS: settings },
  });
  fs.closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while ((await healthStatus(url)) !== 200) {
    if (gone || Date.now() > deadline) {
      child.kill('SIGKILL');
      const tail = fs.readFileSync(path.join(options.dir, 'gunicorn.log'), 'utf8').slice(-2000);
      throw new Error(`Otter Wiki did not start (${gone ? 'gunicorn exited' : 'no answer in 60 s'}):\n${tail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    pid: child.pid,
    async close() {
      if (gone) return;
      child.kill('SIGTERM'); // gunicorn stops its worker gracefully on TERM
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Otter Wiki's settings file in `dir` (made if missing) for the work tree `repo`: its path. */
function writeOtterWikiSettings(options: { repo: string; dir: string }): string {
  fs.mkdirSync(options.dir, { recursive: true });
  const settings = path.join(options.dir, 'settings.cfg');
  fs.writeFileSync(settings, [
    `SECRET_KEY = ${JSON.stringify(randomBytes(24).toString('hex'))}`,
    `REPOSITORY = ${JSON.stringify(path.resolve(options.repo))}`,
    `SITE_NAME = "Side by side"`,
    `SQLALCHEMY_DATABASE_URI = ${JSON.stringify(`sqlite:///${path.resolve(options.dir, 'db.sqlite')}`)}`,
    '',
  ].join('\n'));
  return settings;
}

/**
 * A probe of Otter Wiki's cold start for `repo`: each call runs a fresh interpreter and returns
 * the milliseconds its `import otterwiki.server` took (the app, its extensions and its database
 * set up; what a Lambda cold start pays before the first request, the interpreter's own start
 * aside, as wikibot's figure leaves out Node's).
 */
export function otterWikiImportProbe(options: { python: string; repo: string; dir: string }): () => number {
  const settings = writeOtterWikiSettings(options);
  const script = 'import time\nt = time.perf_counter()\nimport otterwiki.server\nprint((time.perf_counter() - t) * 1000)';
  return () => {
    const child = spawnSync(options.python, ['-c', script], { cwd: options.dir, encoding: 'utf8', env: { ...process.env, OTTERWIKI_SETTINGS: settings } });
    const ms = Number(child.stdout.trim().split('\n').pop());
    if (child.status !== 0 || !Number.isFinite(ms)) throw new Error(`import otterwiki.server failed (${child.status ?? child.signal}): ${child.stderr.slice(-1000)}`);
    return ms;
  };
}

function healthStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    http.get(`${url}/-/healthz`, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    }).on('error', () => resolve(0));
  });
}

/** A port nothing listens on now (gunicorn takes no port 0). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
