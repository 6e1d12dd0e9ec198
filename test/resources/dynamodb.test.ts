import * as path from 'node:path';
import { TENANT_TABLE } from '../../shared/adapters/tenantTable';
import { readCloudFormationYaml } from '../helpers/cloudFormationYaml';

const ROOT = path.join(__dirname, '..', '..');

interface KeyElement { AttributeName: string; KeyType: 'HASH' | 'RANGE' }
interface TableProperties {
  BillingMode: string;
  AttributeDefinitions: { AttributeName: string; AttributeType: string }[];
  KeySchema: KeyElement[];
  GlobalSecondaryIndexes: { IndexName: string; KeySchema: KeyElement[]; Projection: { ProjectionType: string } }[];
  PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: boolean };
  StreamSpecification: { StreamViewType: string };
  DeletionProtectionEnabled: unknown;
}
interface Template {
  Conditions: Record<string, unknown>;
  Resources: { TenantsTable: { Type: string; Properties: TableProperties } };
  Outputs: Record<string, { Value: unknown }>;
}

const template = readCloudFormationYaml(path.join(ROOT, 'resources', 'dynamodb.yml')) as Template;
const table = template.Resources.TenantsTable;

const keySchema = (hash: string, range: string): KeyElement[] => [
  { AttributeName: hash, KeyType: 'HASH' },
  { AttributeName: range, KeyType: 'RANGE' },
];

describe('resources/dynamodb.yml', () => {
  it('declares the table keys of shared/adapters/tenantTable.ts', () => {
    expect(table.Type).toBe('AWS::DynamoDB::Table');
    expect(table.Properties.KeySchema).toEqual(keySchema(TENANT_TABLE.partitionKey, TENANT_TABLE.sortKey));
  });

  it('declares the member index of shared/adapters/tenantTable.ts and no other', () => {
    const { memberIndex } = TENANT_TABLE;
    expect(table.Properties.GlobalSecondaryIndexes).toEqual([
      {
        IndexName: memberIndex.name,
        KeySchema: keySchema(memberIndex.partitionKey, memberIndex.sortKey),
        Projection: { ProjectionType: 'ALL' },
      },
    ]);
  });

  it('defines exactly the key attributes, all strings', () => {
    const keys = [TENANT_TABLE.partitionKey, TENANT_TABLE.sortKey, TENANT_TABLE.memberIndex.partitionKey, TENANT_TABLE.memberIndex.sortKey];
    const defined = table.Properties.AttributeDefinitions;
    expect(defined.map((a) => a.AttributeName).sort()).toEqual([...keys].sort());
    expect(new Set(defined.map((a) => a.AttributeType))).toEqual(new Set(['S']));
  });

  it('is on demand, point-in-time recoverable and streams new and old images', () => {
    expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table.Properties.StreamSpecification).toEqual({ StreamViewType: 'NEW_AND_OLD_IMAGES' });
  });

  it('turns deletion protection on for the prod stage only', () => {
    expect(template.Conditions.IsProd).toEqual({ 'Fn::Equals': ['${sls:stage}', 'prod'] });
    expect(table.Properties.DeletionProtectionEnabled).toEqual({ 'Fn::If': ['IsProd', true, false] });
  });

  it('outputs the table name', () => {
    expect(template.Outputs.TenantsTableName?.Value).toEqual({ Ref: 'TenantsTable' });
  });
});
