import type { IdpSettings } from '../../shared/auth/idpToken';
import { parseJwks, type WriteConfig } from './config';

/** Reads one SSM parameter's value (decrypted when it is a SecureString). */
export type ParameterReader = (name: string) => Promise<string>;

async function ssmParameter(region: string, name: string): Promise<string> {
  const { SSMClient, GetParameterCommand } = await import('@aws-sdk/client-ssm');
  const out = await new SSMClient({ region }).send(new GetParameterCommand({ Name: name, WithDecryption: true }));
  return out.Parameter?.Value ?? '';
}

/**
 * The identity provider with its key set in hand: an inline or URL key set as configured, or the
 * key set read from IDP_JWKS_PARAMETER once at cold start (params.idpJwksParameter, for key sets
 * too large for the environment; docs/deploy.md "Function environments").
 */
export async function loadIdp(
  config: Pick<WriteConfig, 'idp' | 'region'>,
  read: ParameterReader = (name) => ssmParameter(config.region, name),
): Promise<IdpSettings | undefined> {
  const idp = config.idp;
  if (!idp || !('jwksParameter' in idp)) return idp;
  const jwks = parseJwks(await read(idp.jwksParameter), `The SSM parameter ${idp.jwksParameter} (IDP_JWKS_PARAMETER)`);
  return { issuer: idp.issuer, audience: idp.audience, jwks };
}
