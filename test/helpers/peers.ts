import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startPeers, type Peers } from '../../local/emulators';

export const TEST_REGION = 'us-east-1';

/** Real s3rver and dynalite on free ports, with a fresh bucket and tenants table. */
export async function startTestPeers(name = 'test'): Promise<Peers & { bucket: string; table: string; dir: string }> {
  const dir = tempDir(`wikibot-${name}-`);
  const bucket = `wikibot-${name}`;
  const table = `wikibot-${name}-tenants`;
  const peers = await startPeers({
    region: TEST_REGION, bucket, table, s3Port: 0, dynamoPort: 0, s3Dir: path.join(dir, 's3'),
  });
  return {
    ...peers,
    bucket,
    table,
    dir,
    async close() {
      await peers.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function tempDir(prefix = 'wikibot-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
