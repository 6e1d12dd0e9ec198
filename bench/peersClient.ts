import * as path from 'node:path';
import { startReadyChild } from './readyChild';

export interface PeersProcess {
  readonly s3Endpoint: string;
  readonly dynamoEndpoint: string;
  /** The child's process id (to read its CPU time). */
  readonly pid?: number;
  close(): Promise<void>;
}

/** Starts bench/peersProcess.ts (with tsx) and waits for its endpoints; the bucket and table exist. */
export async function startPeersProcess(options: { region: string; bucket: string; table: string; s3Dir: string }): Promise<PeersProcess> {
  const child = await startReadyChild<{ s3: string; dynamo: string }>(
    path.join(__dirname, 'peersProcess.ts'), [options.region, options.bucket, options.table, options.s3Dir],
    { name: 'the peers process', killAfterMs: 5_000 },
  );
  return { s3Endpoint: child.ready.s3, dynamoEndpoint: child.ready.dynamo, pid: child.pid, close: () => child.close() };
}
