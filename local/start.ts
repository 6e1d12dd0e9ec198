import { parseArgs } from 'node:util';
import { parseSessionKeys } from '../shared/auth/sessionKeys';
import { signSessionToken } from '../shared/auth/sessionToken';
import { startPlatform } from './platform';
import { platformStateFile, recordPlatform, removePlatformState } from './platformState';
import { DEMO, seedDemo } from './seed';
import { PRIVATE_DEMO, seedPrivateDemo } from './privateDemo';
import type { EdgeMode } from './edge';
import settings from './settings.json';

const HELP = `Usage: npm start -- [options]

Runs wikibot on this machine: s3rver, dynalite, a directory as EFS, and a gateway that routes
like the CloudFront distribution.

  --port N          gateway port (default ${settings.gatewayPort}, env PORT)
  --s3-port N       s3rver port (default ${settings.s3Port})
  --dynamo-port N   dynalite port (default ${settings.dynamoPort})
  --data DIR        data directory (default ${settings.dataDir})
  --no-cache        turn the gateway's 30 s page cache off
  --edge MODE       the private-wiki gate: function (CloudFront Function, default), lambda
                    (the Lambda@Edge build) or off (no edge function at all: every wiki
                    readable, attachment URLs of upper-case pages unmapped, no X-Forwarded-Host)
  -h, --help        show this help`;

function port(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${flag} must be a port number (0-65535), not "${value}".`);
  return n;
}

function edgeMode(value: string | undefined): EdgeMode {
  if (value === 'function' || value === 'lambda' || value === 'off') return value;
  throw new Error(`--edge must be function, lambda or off, not "${value}".`);
}

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      's3-port': { type: 'string' },
      'dynamo-port': { type: 'string' },
      data: { type: 'string' },
      'no-cache': { type: 'boolean', default: false },
      edge: { type: 'string', default: 'function' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const platform = await startPlatform({
    ...settings,
    port: port(values.port ?? process.env.PORT, settings.gatewayPort, '--port'),
    s3Port: port(values['s3-port'], settings.s3Port, '--s3-port'),
    dynamoPort: port(values['dynamo-port'], settings.dynamoPort, '--dynamo-port'),
    dataDir: values.data ?? settings.dataDir,
    persistent: true,
    cache: !values['no-cache'],
    edgeAuth: edgeMode(values.edge),
  });
  const stateFile = recordPlatform(platform);
  // The CLIs find this file by themselves when the data directory is the default one.
  const findIt = stateFile === platformStateFile() ? '' : `\n  export WIKIBOT_PLATFORM=${stateFile}   # for sls invoke local, import, backfill, token`;
  const [key] = parseSessionKeys(settings.sessionKeys);
  const token = await signSessionToken({ sub: DEMO.user, name: 'Demo User' }, key!, { ...settings, ttlSeconds: 8 * 3600 });
  const seeded = await seedDemo(platform.url, token);
  await seedPrivateDemo(platform.url, token);

  console.log(`
wikibot is running${seeded ? ' (demo wiki created)' : ''}.

  Demo wiki:   ${platform.url}/${DEMO.user}/${DEMO.wiki}/
  Private:     ${platform.url}/${PRIVATE_DEMO.user}/${PRIVATE_DEMO.wiki}/   (sign in as "${PRIVATE_DEMO.user}" at ${platform.url}/auth/login)
  S3:          ${platform.peers.s3.endpoint}   DynamoDB: ${platform.peers.dynamo.endpoint}
  Data:        ${platform.writeConfig.dataDir.replace(/\/efs$/, '')}
  State:       ${stateFile}   (read by sls invoke local, import, backfill, token)

Dev token for user "${DEMO.user}" (valid 8 h):
  export TOKEN=${token}${findIt}

Press Ctrl-C to stop.`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    removePlatformState(stateFile, process.pid);
    await platform.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: Error) => {
  console.error(`npm start failed: ${error.message}`);
  process.exit(1);
});
