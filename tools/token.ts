/**
 * `npm run token -- --sub alice --name "Alice" [--email a@example.com] [--ttl 1h] [--kid k]`
 *
 * Mints a session token (HS256, DESIGN §4) with the stage's key: by default the key of the
 * running `npm start` (its platform.json), `--settings FILE` for a settings file, `--keys 'kid=secret,…'` or
 * $SESSION_KEYS given directly, or `--ssm NAME [--region R]` for a deployed stage's SSM
 * SecureString. The token works as the `__Host-wb_session` cookie and as `Authorization: Bearer`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { parseSessionKeys } from '../shared/auth/sessionKeys';
import { MAX_SESSION_SECONDS, signSessionToken, type SessionKey } from '../shared/auth/sessionToken';
import { findRunningPlatform, platformStateFile } from '../local/platformState';

const HELP = `Usage: npm run token -- --sub HANDLE [--name NAME] [--email EMAIL] [--ttl 1h] [--kid KID]
                       [--platform FILE | --settings FILE | --keys 'kid=secret,…' | --ssm PARAMETER [--region R]]

Prints a session token signed with the stage's session key: by default the running local
platform's (\`npm start\`; --platform FILE or WIKIBOT_PLATFORM for one with another data dir).
  --ttl     lifetime: 90s, 30m, 1h … at most 8h (default 1h)
  --kid     which key in rotation signs (default: the first)`;

/** `90`, `90s`, `30m`, `8h` → seconds; undefined when it is not a duration. */
export function parseTtl(value: string): number | undefined {
  const match = /^(\d+)\s*(s|m|h)?$/.exec(value.trim());
  if (!match) return undefined;
  return Number(match[1]) * ({ s: 1, m: 60, h: 3600 }[match[2] as 's' | 'm' | 'h'] ?? 1);
}

export async function mintToken(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = process.env): Promise<string> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      sub: { type: 'string' }, name: { type: 'string' }, email: { type: 'string' }, ttl: { type: 'string', default: '1h' },
      kid: { type: 'string' }, settings: { type: 'string' }, keys: { type: 'string' }, ssm: { type: 'string' }, region: { type: 'string' },
      issuer: { type: 'string' }, audience: { type: 'string' }, platform: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) throw new UsageError(HELP);
  if (!values.sub) throw new UsageError(`--sub is required.\n\n${HELP}`);
  const ttl = parseTtl(values.ttl ?? '1h');
  if (ttl === undefined || ttl <= 0) throw new UsageError(`--ttl "${values.ttl}" is not a duration like 90s, 30m or 1h.`);
  if (ttl > MAX_SESSION_SECONDS) throw new UsageError('--ttl may be at most 8h: sessions never live longer (DESIGN §4).');

  let settings: Record<string, string> = {};
  let source: string;
  if (values.settings) {
    source = path.resolve(values.settings);
    if (!fs.existsSync(source)) throw new UsageError(`--settings ${source} does not exist.`);
    settings = JSON.parse(fs.readFileSync(source, 'utf8')) as Record<string, string>;
  } else if (!values.keys && !env.SESSION_KEYS && !values.ssm) {
    // Signed for the platform that will check it; none running → say so (exit 1), not a token it rejects.
    source = platformStateFile(values.platform, env);
    const platform = await findRunningPlatform(source);
    settings = { sessionKeys: platform.sessionKeys, issuer: platform.issuer, audience: platform.audience };
  } else source = values.ssm ? `SSM ${values.ssm}` : '--keys/SESSION_KEYS';
  let keySetting = values.keys ?? env.SESSION_KEYS;
  if (!keySetting && values.ssm) {
    const { SSMClient, GetParameterCommand } = await import('@aws-sdk/client-ssm');
    const ssm = new SSMClient({ region: values.region ?? env.AWS_REGION ?? 'us-east-1' });
    keySetting = (await ssm.send(new GetParameterCommand({ Name: values.ssm, WithDecryption: true }))).Parameter?.Value;
  }
  keySetting ??= settings.sessionKeys;
  if (!keySetting) throw new UsageError(`No session key in ${source}; pass --keys, --ssm or --settings.`);
  const keys = parseSessionKeys(keySetting);
  const key: SessionKey | undefined = values.kid ? keys.find((k) => k.kid === values.kid) : keys[0];
  if (!key) throw new UsageError(`No session key has kid "${values.kid}" (known: ${keys.map((k) => k.kid).join(', ')}).`);
  return signSessionToken(
    { sub: values.sub, name: values.name ?? values.sub, ...(values.email ? { email: values.email } : {}) },
    key,
    { issuer: values.issuer ?? settings.issuer ?? 'wikibot', audience: values.audience ?? settings.audience ?? 'wikibot', ttlSeconds: ttl },
  );
}

export class UsageError extends Error {}

if (require.main === module) {
  mintToken(process.argv.slice(2)).then(
    (token) => console.log(token),
    (error: Error) => {
      console.error(error.message);
      process.exit(error instanceof UsageError ? 2 : 1);
    },
  );
}
