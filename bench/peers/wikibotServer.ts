import { spawn } from 'node:child_process';
import * as path from 'node:path';
import type { WikibotMode } from './wikibotSides';

export interface WikibotServer {
  readonly url: string;
  /** The wiki's path prefix: `/bench/{wiki}`. */
  readonly prefix: string;
  readonly importSeconds: number;
  readonly pid?: number;
  /** s3rver and dynalite's process in `functions` mode; undefined in `platform` mode (they are in `pid`). */
  readonly emulatorsPid?: number;
  close(): Promise<void>;
}

/** Starts wikibotProcess.ts (functions or platform, + import of `repo`) and waits until it answers. */
export function startWikibot(options: { mode: WikibotMode; repo: string; wiki: string; dataDir: string }): Promise<WikibotServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'wikibotProcess.ts'), options.mode, options.repo, options.wiki, options.dataDir], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.on('exit', (code) => reject(new Error(`wikibot's process exited (${code}): ${stderr.slice(-2000)}`)));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const newline = out.indexOf('\n');
      if (newline < 0) return;
      const ready = JSON.parse(out.slice(0, newline)) as { url: string; importSeconds: number; emulatorsPid?: number };
      resolve({
        url: ready.url,
        prefix: `/bench/${options.wiki}`,
        importSeconds: ready.importSeconds,
        pid: child.pid,
        emulatorsPid: ready.emulatorsPid,
        async close() {
          child.stdin.end();
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(timer);
        },
      });
    });
  });
}
