import * as fs from 'node:fs';
import * as path from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { createWriteHandler, productionDeps, type WriteHandler } from '../../functions/write/app';
import type { WriteConfig } from '../../functions/write/config';
import { parseSessionKeys } from '../../shared/auth/sessionKeys';
import { startTestPeers, TEST_REGION } from './peers';
import { git } from './git';
import { event } from './events';
import { TEST_KEYS_SETTING, TOKEN_OPTIONS } from './tokens';

export type TestPeers = Awaited<ReturnType<typeof startTestPeers>>;

/** The write handler wired to real s3rver, dynalite and a temp directory as EFS. */
export async function startWriteStack(name: string) {
  const peers = await startTestPeers(name);
  const config: WriteConfig = {
    region: TEST_REGION,
    bucket: peers.bucket,
    tenantsTable: peers.table,
    dataDir: path.join(peers.dir, 'efs'),
    s3Endpoint: peers.s3.endpoint,
    dynamoEndpoint: peers.dynamo.endpoint,
    sessionKeys: TEST_KEYS_SETTING,
    ...TOKEN_OPTIONS,
  };
  fs.mkdirSync(config.dataDir, { recursive: true });
  const logs: Record<string, unknown>[] = [];
  const handler: WriteHandler = createWriteHandler({
    deps: { ...productionDeps(config), log: (entry) => logs.push(entry) },
    sessionKeys: parseSessionKeys(TEST_KEYS_SETTING),
    ...TOKEN_OPTIONS,
  });

  const call = async (method: string, rawPath: string, body?: unknown, token?: string) => {
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const response = await handler(event(method, rawPath, { body: payload, headers }));
    return { ...response, json: JSON.parse(response.body as string) as Record<string, any> };
  };

  /** Everything a request could have written: commits, objects, items. */
  const snapshot = async () => {
    const objects = await peers.s3Client.send(new ListObjectsV2Command({ Bucket: peers.bucket }));
    const items = await peers.dynamoClient.send(new ScanCommand({ TableName: peers.table }));
    const wikisDir = path.join(config.dataDir, 'wikis');
    const commits: Record<string, string> = {};
    if (fs.existsSync(wikisDir)) {
      for (const user of fs.readdirSync(wikisDir)) {
        for (const wiki of fs.readdirSync(path.join(wikisDir, user))) {
          const gitdir = path.join(wikisDir, user, wiki, 'repo.git');
          commits[`${user}/${wiki}`] = fs.existsSync(gitdir) ? git(gitdir, 'rev-parse', 'HEAD').trim() : 'none';
        }
      }
    }
    return {
      objects: (objects.Contents ?? []).map((o) => `${o.Key}@${o.ETag}`).sort(),
      items: items.Count,
      commits,
    };
  };

  return { peers, config, handler, call, snapshot, logs, close: () => peers.close() };
}
