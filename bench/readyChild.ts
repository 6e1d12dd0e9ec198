import { spawn } from 'node:child_process';

export interface ReadyChild<T> {
  /** The JSON line the child printed once ready. */
  readonly ready: T;
  readonly pid?: number;
  /** Closes the child's stdin (its signal to stop), then kills it if it has not exited within `killAfterMs`. */
  close(): Promise<void>;
}

/**
 * Runs a TypeScript script under tsx in a process of its own and waits for the one JSON line
 * it prints when ready. A child that exits first rejects with the tail of its stderr.
 */
export function startReadyChild<T>(script: string, args: readonly string[], options: { name: string; killAfterMs: number }): Promise<ReadyChild<T>> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.on('exit', (code) => reject(new Error(`${options.name} exited (${code}): ${stderr.slice(-2000)}`)));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const newline = out.indexOf('\n');
      if (newline < 0) return;
      resolve({
        ready: JSON.parse(out.slice(0, newline)) as T,
        pid: child.pid,
        async close() {
          child.stdin.end();
          const timer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
          await exited;
          clearTimeout(timer);
        },
      });
    });
  });
}
