import { awsJsonClient } from '../../shared/adapters/dynamoHttpReader';
import { parseSessionKeys } from '../../shared/auth/sessionKeys';
import type { SessionKey } from '../../shared/auth/sessionToken';
import type { WriteConfig } from './config';

/**
 * The stage's session keys: given directly locally, from an SSM SecureString when deployed (one
 * signed GetParameter, as the Lambda@Edge gate makes it: no SSM client for the cold start to load).
 */
export async function loadSessionKeys(config: WriteConfig): Promise<SessionKey[]> {
  if (config.sessionKeys) return parseSessionKeys(config.sessionKeys);
  const credentials = config.credentials;
  if (!credentials) throw new Error('Reading the session keys from SSM needs the execution role\'s credentials (AWS_ACCESS_KEY_ID, …).');
  const ssm = awsJsonClient('ssm', 'AmazonSSM', { region: config.region, credentials: () => credentials });
  const out = await ssm('GetParameter', { Name: config.sessionKeysParameter, WithDecryption: true });
  return parseSessionKeys((out.Parameter as { Value?: string } | undefined)?.Value ?? '');
}
