import type { PlatformOptions } from '../../local/platform';
import { TEST_KEYS_SETTING, TOKEN_OPTIONS } from './tokens';

/**
 * The local platform as a test starts it: free ports, DynamoDB in memory, quiet, the test
 * session keys; bucket `bucket` and table `{bucket}-tenants`, data in `dataDir`.
 */
export function testPlatformOptions(
  bucket: string, dataDir: string, options: Pick<PlatformOptions, 'cache'> & Partial<PlatformOptions>,
): PlatformOptions {
  return {
    port: 0, s3Port: 0, dynamoPort: 0, dataDir, persistent: false, quiet: true,
    region: 'us-east-1', bucket, tenantsTable: `${bucket}-tenants`, sessionKeys: TEST_KEYS_SETTING, ...TOKEN_OPTIONS,
    ...options,
  };
}
