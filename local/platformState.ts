import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import type { Platform } from './platform';
import settings from './settings.json';

/**
 * Where a running `npm start` listens, kept in `<data dir>/platform.json` while it runs, so the
 * CLIs (`sls invoke local`, import, backfill, token) talk to the platform that is actually up,
 * whatever ports and data directory it was given.
 */
export interface PlatformState {
  readonly pid: number;
  readonly startedAt: string;
  readonly gateway: string;
  readonly s3Endpoint: string;
  readonly dynamoEndpoint: string;
  readonly region: string;
  readonly bucket: string;
  readonly tenantsTable: string;
  /** The EFS stand-in (holds `wikis/`), absolute. */
  readonly efsDir: string;
  /** The local development session keys the platform verifies (never a deployed stage's). */
  readonly sessionKeys: string;
  readonly issuer: string;
  readonly audience: string;
}

export const STATE_FILE_NAME = 'platform.json';
const ROOT = path.resolve(__dirname, '..');

/** `--platform FILE`, else $WIKIBOT_PLATFORM, else the state file of a plain `npm start`. */
export function platformStateFile(flag?: string, env: Readonly<Record<string, string | undefined>> = {}): string {
  return path.resolve(flag || env.WIKIBOT_PLATFORM || path.join(ROOT, settings.dataDir, STATE_FILE_NAME));
}

/**
 * Records a started platform in `<data dir>/platform.json` (written once every peer listens,
 * replaced atomically so a reader never sees half a file); returns the file's path.
 */
export function recordPlatform(platform: Platform): string {
  const config = platform.writeConfig;
  const file = path.join(path.dirname(config.dataDir), STATE_FILE_NAME);
  const state: PlatformState = {
    pid: process.pid, startedAt: new Date().toISOString(), gateway: platform.url,
    s3Endpoint: platform.peers.s3.endpoint, dynamoEndpoint: platform.peers.dynamo.endpoint,
    region: config.region, bucket: config.bucket, tenantsTable: config.tenantsTable, efsDir: config.dataDir,
    sessionKeys: config.sessionKeys ?? '', issuer: config.issuer, audience: config.audience,
  };
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`);
  fs.renameSync(temp, file);
  return file;
}

/** Removes the state file on stop, unless another platform has taken it over since. */
export function removePlatformState(file: string, pid: number): void {
  try {
    const state = JSON.parse(fs.readFileSync(file, 'utf8')) as PlatformState;
    if (state.pid === pid) fs.rmSync(file, { force: true });
  } catch {
    // Already gone or unreadable: nothing of ours to remove.
  }
}

export class NoPlatformError extends Error {}

const HOW_TO_START = 'Start it with `npm start` (for `npm start -- --data DIR`, set WIKIBOT_PLATFORM=DIR/platform.json).';

/** The platform recorded in `file`, after checking that its S3 and DynamoDB emulators answer. */
export async function findRunningPlatform(file: string): Promise<PlatformState> {
  let state: PlatformState;
  try {
    state = JSON.parse(fs.readFileSync(file, 'utf8')) as PlatformState;
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new NoPlatformError(`No local platform is running: ${file} ${missing ? 'does not exist' : 'is unreadable'}. ${HOW_TO_START}`);
  }
  for (const [what, endpoint] of [['S3 (s3rver)', state.s3Endpoint], ['DynamoDB (dynalite)', state.dynamoEndpoint]] as const) {
    await assertListening(endpoint, `the local platform's ${what}, recorded in ${file} by pid ${state.pid}`);
  }
  return state;
}

/** Fails with a sentence a person can act on when nothing accepts connections at `endpoint`. */
export async function assertListening(endpoint: string, what: string): Promise<void> {
  const url = new URL(endpoint);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const reachable = await new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: url.hostname, port });
    socket.setTimeout(2_000);
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
  if (!reachable) throw new NoPlatformError(`Nothing listens at ${endpoint} (${what}). ${HOW_TO_START}`);
}
