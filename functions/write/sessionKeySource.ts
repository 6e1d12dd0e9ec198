import { parseSessionKeys } from '../../shared/auth/sessionKeys';
import type { SessionKey } from '../../shared/auth/sessionToken';
import type { WriteConfig } from './config';

/** The stage's session keys: given directly locally, from an SSM SecureString when deployed. */
export async function loadSessionKeys(config: WriteConfig): Promise<SessionKey[]> {
  if (config.sessionKeys) return parseSessionKeys(config.sessionKeys);
  const { SSMClient, GetParameterCommand } = await import('@aws-sdk/client-ssm');
  const ssm = new SSMClient({ region: config.region });
  const out = await ssm.send(new GetParameterCommand({ Name: config.sessionKeysParameter, WithDecryption: true }));
  return parseSessionKeys(out.Parameter?.Value ?? '');
}
