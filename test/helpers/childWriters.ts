import { spawn, type ChildProcessByStdio } from 'node:child_process';
import * as path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { build } from 'esbuild';
import { copySqlWasm, esbuildOptions } from '../../esbuild.config';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Bundles a writer script of test/helpers (writerProcess: the write handler; loopWriterProcess:
 * git and wiki.db only) like a function bundle (esbuildOptions, sql-wasm.wasm beside it), so each
 * child starts in a fraction of a second with no TypeScript loader. Returns the file.
 */
export async function buildWriterBundle(outdir: string, script: 'writerProcess' | 'loopWriterProcess' = 'writerProcess'): Promise<string> {
  await build({
    ...esbuildOptions,
    minify: false,
    absWorkingDir: ROOT,
    entryPoints: [`test/helpers/${script}.ts`],
    outdir,
    logLevel: 'error',
    plugins: [copySqlWasm],
  });
  return path.join(outdir, `${script}.js`);
}

export interface Writer {
  readonly child: ChildProcessByStdio<Writable, Readable, Readable>;
  /** Every stdout line so far. */
  readonly lines: string[];
  /** Resolves with the first line that `match` accepts (rejects if the child exits first). */
  waitFor(match: (line: string) => boolean): Promise<string>;
  /** Resolves with the exit code (or signal) and everything written to stderr. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

export function spawnWriter(bundle: string, env: Record<string, string>): Writer {
  const child = spawn(process.execPath, [bundle], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: { match: (line: string) => boolean; resolve: (line: string) => void; reject: (e: Error) => void }[] = [];
  let stderr = '';
  let buffered = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      lines.push(line);
      for (const w of waiters.splice(0)) {
        if (w.match(line)) w.resolve(line);
        else waiters.push(w);
      }
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    child.on('exit', (code, signal) => {
      for (const w of waiters.splice(0)) w.reject(new Error(`writer exited (${code ?? signal}) before the line it waited for: ${stderr}`));
      resolve({ code, signal, stderr });
    });
  });
  return {
    child,
    lines,
    exited,
    waitFor(match) {
      const seen = lines.find(match);
      if (seen !== undefined) return Promise.resolve(seen);
      if (child.exitCode !== null || child.signalCode !== null) return Promise.reject(new Error(`writer already exited: ${stderr}`));
      return new Promise((resolve, reject) => waiters.push({ match, resolve, reject }));
    },
  };
}
