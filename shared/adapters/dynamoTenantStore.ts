import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { TenantStore } from '../ports/tenantStore';
import { dynamoSdkDocument } from './dynamoSdkDocument';
import { tenantTableStore } from './tenantTableStore';

/** TenantStore on the tenants table through an AWS SDK client (tools, tests); the functions use dynamoHttpDocument. */
export function dynamoTenantStore(client: DynamoDBClient, table: string): TenantStore {
  return tenantTableStore(dynamoSdkDocument(client), table);
}
