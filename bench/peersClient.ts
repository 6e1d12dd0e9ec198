import { spawn } from 'node:child_process';
import * as path from 'node:path';

export interface PeersProcess {
  readonly s3Endpoint: string;
  readonly dynamoEndpoint: string;
  /** The child's process id (to read its CPU time). */
  readonly pid?: number;
  close(): Promise<void>;
}

/** Starts bench/peersProcess.ts (with tsx) and waits for its endpoints; the bucket and table exist. */
export function startPeersProcess(options: { region: string; bucket: string; table: string; s3Dir: string }): Promise<PeersProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'peersProcess.ts'), options.region, options.bucket, options.table, options.s3Dir], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.on('exit', (code) => reject(new Error(`the peers process exited (${code}): ${stderr}`)));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const newline = out.indexOf('\n');
      if (newline < 0) return;
      const { s3, dynamo } = JSON.parse(out.slice(0, newline)) as { s3: string; dynamo: string };
      resolve({
        s3Endpoint: s3,
        dynamoEndpoint: dynamo,
        pid: child.pid,
        async close() {
          child.stdin.end();
          const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
          await exited;
          clearTimeout(timer);
        },
      });
    });
  });
}
