import * as fs from 'node:fs';
import * as path from 'node:path';
import { createAssembleHandler } from '../../functions/assemble/assemble';
import { assembleDeps } from '../../functions/assemble/deps';
import { createWriteHandler, productionDeps } from '../../functions/write/app';
import type { WriteConfig } from '../../functions/write/config';
import { startPlatform } from '../../local/platform';
import settings from '../../local/settings.json';
import { parseSessionKeys } from '../../shared/auth/sessionKeys';
import type { AssetManifest } from '../../shared/core/fragments/assets';
import { buildAssets } from '../../tools/buildAssets';
import { startPeersProcess } from '../peersClient';
import { startFunctionsServer } from './functionsServer';

/**
 * How wikibot's side runs. `functions` (the default): s3rver and dynalite in a process of their
 * own and only the write and assemble handlers in this one, as in AWS, where S3, DynamoDB, API
 * Gateway and CloudFront are not on the functions' CPU. `platform`: the whole local platform in
 * this process (gateway and edge gate, s3rver, dynalite, the invalidate handler on s3rver's
 * events, the handlers), all on one event loop.
 */
export const WIKIBOT_MODES = ['functions', 'platform'] as const;
export type WikibotMode = (typeof WIKIBOT_MODES)[number];

export interface WikibotSide {
  readonly url: string;
  /** What the import writes with: the handlers' storage, tenants table and endpoints. */
  readonly config: WriteConfig;
  /** The shells' asset links, so both modes publish the same pages. */
  readonly assets: AssetManifest;
  /** The emulators' process in `functions` mode (to read its CPU time); in `platform` mode they are in this one. */
  readonly emulatorsPid?: number;
  stop(): Promise<void>;
}

export function startWikibotSide(mode: WikibotMode, dataDir: string): Promise<WikibotSide> {
  return mode === 'platform' ? platformSide(dataDir) : functionsSide(dataDir);
}

async function platformSide(dataDir: string): Promise<WikibotSide> {
  const platform = await startPlatform({
    ...settings, port: 0, s3Port: 0, dynamoPort: 0, dataDir, persistent: false, cache: false, quiet: true,
  });
  return { url: platform.url, config: platform.writeConfig, assets: platform.assetManifest, stop: () => platform.stop() };
}

/** The handlers wired as bench/scale.ts wires them, with the asset manifest as local/platform.ts gives it. */
async function functionsSide(dataDir: string): Promise<WikibotSide> {
  const { region, bucket, tenantsTable } = settings;
  const peers = await startPeersProcess({ region, bucket, table: tenantsTable, s3Dir: path.join(dataDir, 's3') });
  try {
    const assets = buildAssets().manifest;
    const config: WriteConfig = {
      region, bucket, tenantsTable, dataDir: path.join(dataDir, 'efs'), s3Endpoint: peers.s3Endpoint, dynamoEndpoint: peers.dynamoEndpoint,
      sessionKeys: settings.sessionKeys, issuer: settings.issuer, audience: settings.audience, staticManifest: assets,
    };
    fs.mkdirSync(config.dataDir, { recursive: true });
    const write = createWriteHandler({
      deps: { ...productionDeps(config), log: () => undefined }, sessionKeys: parseSessionKeys(settings.sessionKeys),
      issuer: settings.issuer, audience: settings.audience,
    });
    const assemble = createAssembleHandler(assembleDeps({
      region, bucket, s3Endpoint: peers.s3Endpoint, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    }, () => undefined));
    const server = await startFunctionsServer({ write, assemble });
    return {
      url: server.url, config, assets, emulatorsPid: peers.pid,
      async stop() {
        await server.close();
        await peers.close();
      },
    };
  } catch (error) {
    await peers.close();
    throw error;
  }
}
