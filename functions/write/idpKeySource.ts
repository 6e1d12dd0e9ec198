import { awsJsonClient } from '../../shared/adapters/dynamoHttpReader';
import type { IdpSettings } from '../../shared/auth/idpToken';
import { parseJwks, type WriteConfig } from './config';

/** Reads one SSM parameter's value (decrypted when it is a SecureString). */
export type ParameterReader = (name: string) => Promise<string>;

/** One signed GetParameter, as for the session keys (sessionKeySource.ts): no SSM client to load. */
async function ssmParameter(config: Pick<WriteConfig, 'region' | 'credentials'>, name: string): Promise<string> {
  const credentials = config.credentials;
  if (!credentials) throw new Error('Reading the key set from SSM needs the execution role\'s credentials (AWS_ACCESS_KEY_ID, …).');
  const ssm = awsJsonClient('ssm', 'AmazonSSM', { region: config.region, credentials: () => credentials });
  const out = await ssm('GetParameter', { Name: name, WithDecryption: true });
  return (out.Parameter as { Value?: string } | undefined)?.Value ?? '';
}

/**
 * The identity provider with its key set in hand: an inline or URL key set as configured, or the
 * key set read from IDP_JWKS_PARAMETER once at cold start (params.idpJwksParameter, for key sets
 * too large for the environment; docs/deploy.md "Function environments").
 */
export async function loadIdp(
  config: Pick<WriteConfig, 'idp' | 'region' | 'credentials'>,
  read: ParameterReader = (name) => ssmParameter(config, name),
): Promise<IdpSettings | undefined> {
  const idp = config.idp;
  if (!idp || !('jwksParameter' in idp)) return idp;
  const jwks = parseJwks(await read(idp.jwksParameter), `The SSM parameter ${idp.jwksParameter} (IDP_JWKS_PARAMETER)`);
  return { issuer: idp.issuer, audience: idp.audience, jwks };
}
