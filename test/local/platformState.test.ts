import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { startPlatform, type Platform } from '../../local/platform';
import { findRunningPlatform, platformStateFile, recordPlatform, removePlatformState, type PlatformState } from '../../local/platformState';
import { parseSessionKeys } from '../../shared/auth/sessionKeys';
import { verifySessionToken } from '../../shared/auth/sessionToken';
import { resolveStorage } from '../../tools/storageConfig';
import { mintToken } from '../../tools/token';
import { tempDir } from '../helpers/peers';
import { TEST_KEYS_SETTING, TOKEN_OPTIONS } from '../helpers/tokens';
import { testPlatformOptions } from '../helpers/testPlatform';

/** The port of a server that was listening a moment ago and no longer is. */
async function closedPort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('local/platformState: how the CLIs find `npm start`', () => {
  let platform: Platform;
  let dataDir: string;
  let stateFile: string;

  beforeAll(async () => {
    dataDir = tempDir('wikibot-state-');
    platform = await startPlatform(testPlatformOptions('wikibot-state', dataDir, { cache: false, edgeAuth: 'off' }));
    stateFile = recordPlatform(platform);
  });
  afterAll(async () => {
    await platform.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('records where the started platform listens in <data dir>/platform.json', async () => {
    expect(stateFile).toBe(path.join(path.resolve(dataDir), 'platform.json'));
    const state = await findRunningPlatform(stateFile);
    expect(state).toMatchObject({
      pid: process.pid, gateway: platform.url, s3Endpoint: platform.peers.s3.endpoint, dynamoEndpoint: platform.peers.dynamo.endpoint,
      bucket: 'wikibot-state', tenantsTable: 'wikibot-state-tenants', efsDir: path.join(path.resolve(dataDir), 'efs'),
      sessionKeys: TEST_KEYS_SETTING, issuer: TOKEN_OPTIONS.issuer, audience: TOKEN_OPTIONS.audience,
    });
  });

  it('finds the state file by flag, then WIKIBOT_PLATFORM, then the default data dir', () => {
    expect(platformStateFile('/x/p.json', { WIKIBOT_PLATFORM: '/y/p.json' })).toBe('/x/p.json');
    expect(platformStateFile(undefined, { WIKIBOT_PLATFORM: '/y/p.json' })).toBe('/y/p.json');
    expect(platformStateFile(undefined, {})).toBe(path.resolve(__dirname, '../../.data/platform.json'));
  });

  it('gives the CLIs the platform\'s storage, on its ports and data dir', async () => {
    await expect(resolveStorage({ platform: stateFile }, {})).resolves.toEqual({
      region: 'us-east-1', bucket: 'wikibot-state', tenantsTable: 'wikibot-state-tenants', dataDir: platform.writeConfig.dataDir,
      s3Endpoint: platform.peers.s3.endpoint, dynamoEndpoint: platform.peers.dynamo.endpoint,
    });
    await expect(resolveStorage({}, { WIKIBOT_PLATFORM: stateFile, BUCKET: 'other' })).resolves.toMatchObject({ bucket: 'other', dataDir: platform.writeConfig.dataDir });
  });

  it('mints tokens with the running platform\'s key, which its write function accepts', async () => {
    const token = await mintToken(['--sub', 'erin', '--platform', stateFile], {});
    await expect(verifySessionToken(token, parseSessionKeys(TEST_KEYS_SETTING), TOKEN_OPTIONS)).resolves.toMatchObject({ sub: 'erin' });
    const me = await fetch(`${platform.url}/api/wikis`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
  });

  it('gives sls invoke local (tools/local-stage.js) the platform\'s values', async () => {
    const values = await withEnv({ WIKIBOT_PLATFORM: stateFile }, () => loadLocalStage());
    expect(values).toEqual({
      dataDir: platform.writeConfig.dataDir, s3Endpoint: platform.peers.s3.endpoint, dynamoEndpoint: platform.peers.dynamo.endpoint,
      bucket: 'wikibot-state', tenantsTable: 'wikibot-state-tenants', sessionKeys: TEST_KEYS_SETTING, issuer: TOKEN_OPTIONS.issuer, audience: TOKEN_OPTIONS.audience,
    });
  });

  it('fails with a sentence naming the file when no platform was started', async () => {
    const missing = path.join(tempDir(), 'platform.json');
    const expected = `No local platform is running: ${missing} does not exist. Start it with \`npm start\``;
    await expect(findRunningPlatform(missing)).rejects.toThrow(expected);
    await expect(resolveStorage({ platform: missing }, {})).rejects.toThrow(expected);
    await expect(mintToken(['--sub', 'erin', '--platform', missing], {})).rejects.toThrow(expected);
    await expect(withEnv({ WIKIBOT_PLATFORM: missing }, () => loadLocalStage())).rejects.toThrow(expected);
  });

  it('fails when the recorded platform has stopped (a stale file after a crash), naming what does not answer', async () => {
    const stale = path.join(tempDir(), 'platform.json');
    const state: PlatformState = { ...(await findRunningPlatform(stateFile)), s3Endpoint: `http://127.0.0.1:${await closedPort()}` };
    fs.writeFileSync(stale, JSON.stringify(state));
    await expect(findRunningPlatform(stale)).rejects.toThrow(`Nothing listens at ${state.s3Endpoint} (the local platform's S3 (s3rver)`);
    await expect(resolveStorage({ platform: stale }, {})).rejects.toThrow('Nothing listens at');
  });

  it('refuses explicit endpoints where nothing listens, before doing any work', async () => {
    const dead = `http://127.0.0.1:${await closedPort()}`;
    const values = { bucket: 'b', table: 't', 'data-dir': tempDir(), 's3-endpoint': dead, 'dynamo-endpoint': platform.peers.dynamo.endpoint };
    await expect(resolveStorage(values, {})).rejects.toThrow(`Nothing listens at ${dead} (S3, from --s3-endpoint or S3_ENDPOINT)`);
  });

  it('removes the state file on stop only when it is still this process\'s', () => {
    const file = path.join(tempDir(), 'platform.json');
    fs.writeFileSync(file, JSON.stringify({ pid: process.pid + 1 }));
    removePlatformState(file, process.pid);
    expect(fs.existsSync(file)).toBe(true);
    removePlatformState(file, process.pid + 1);
    expect(fs.existsSync(file)).toBe(false);
  });
});

/** tools/local-stage.js as serverless loads it: a fresh module, the function it exports called. */
function loadLocalStage(): Promise<unknown> {
  let load: () => Promise<unknown> = async () => undefined;
  jest.isolateModules(() => {
    load = require('../../tools/local-stage.js') as () => Promise<unknown>;
  });
  return load();
}

async function withEnv<T>(vars: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await run();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
