// eslint-disable-next-line @typescript-eslint/no-require-imports
const checks = require('../../tools/packageChecks.js') as {
  checkNetwork(template: unknown): string[];
  checkEnvironmentSizes(template: unknown): string[];
  checkSessionKeysParameter(template: unknown): string[];
  pruneUntakenBranches(template: unknown): void;
};

/** tools/packageChecks.js on hand-made compiled templates (what osls hands the plugin). */

const created = { 'Fn::Join': [',', [{ Ref: 'PrivateSubnetA' }, { Ref: 'PrivateSubnetB' }]] };
const network = (vpcId: string, subnets: unknown, zoneIds = '') => ({
  Conditions: { CreateVpc: { 'Fn::Equals': [vpcId, ''] }, ChosenZones: { 'Fn::Not': [{ 'Fn::Equals': [zoneIds, ''] }] } },
  Resources: {
    WriteLambdaFunction: { Type: 'AWS::Lambda::Function', Properties: { VpcConfig: { SubnetIds: { 'Fn::Split': [',', subnets] } } } },
    PrivateSubnetA: {
      Type: 'AWS::EC2::Subnet',
      Properties: { AvailabilityZoneId: { 'Fn::If': ['ChosenZones', { 'Fn::Select': [0, { 'Fn::Split': [',', zoneIds] }] }, { Ref: 'AWS::NoValue' }] } },
    },
  },
});
const fn = (variables: Record<string, unknown>) => ({ Resources: { WriteLambdaFunction: { Type: 'AWS::Lambda::Function', Properties: { Environment: { Variables: variables } } } } });

describe('tools/packageChecks.js', () => {
  it('refuses vpcId without subnetIds, subnetIds without vpcId, and anything but two subnets', () => {
    expect(checks.checkNetwork(network('', created))).toEqual([]);
    expect(checks.checkNetwork(network('vpc-0123456789abcdef0', 'subnet-0aaaaaaaaaaaaaaaa,subnet-0bbbbbbbbbbbbbbbb'))).toEqual([]);
    expect(checks.checkNetwork(network('vpc-0123456789abcdef0', created)).join()).toMatch(/vpcId is set but params.subnetIds is not/);
    expect(checks.checkNetwork(network('', 'subnet-0aaaaaaaaaaaaaaaa,subnet-0bbbbbbbbbbbbbbbb')).join()).toMatch(/subnetIds is set but params.vpcId is not/);
    for (const bad of ['subnet-0aaaaaaaaaaaaaaaa', 'subnet-0aaaaaaaaaaaaaaaa,subnet-0aaaaaaaaaaaaaaaa', 'subnet-a,subnet-b', 'subnet-0aaaaaaaaaaaaaaaa,subnet-0bbbbbbbbbbbbbbbb,subnet-0cccccccccccccccc']) {
      expect([bad, checks.checkNetwork(network('vpc-0123456789abcdef0', bad)).join()]).toEqual([bad, expect.stringMatching(/must be two different subnet IDs/)]);
    }
  });

  it('takes two distinct availability zone IDs for the created subnets, and only for them', () => {
    expect(checks.checkNetwork(network('', created, 'use1-az1,use1-az2'))).toEqual([]);
    for (const bad of ['us-east-1a,us-east-1b', 'use1-az1', 'use1-az1,use1-az1']) {
      expect([bad, checks.checkNetwork(network('', created, bad)).join()]).toEqual([bad, expect.stringMatching(/two different availability zone IDs/)]);
    }
    expect(checks.checkNetwork(network('vpc-0123456789abcdef0', 'subnet-0aaaaaaaaaaaaaaaa,subnet-0bbbbbbbbbbbbbbbb', 'use1-az1,use1-az2')).join())
      .toMatch(/applies to the stack's own VPC only/);
  });

  it('refuses a function environment over 4 KB, naming the function and its largest variables', () => {
    expect(checks.checkEnvironmentSizes(fn({ BUCKET: { Ref: 'FragmentsBucket' }, IDP_JWKS: 'x'.repeat(3000) }))).toEqual([]);
    const [failure] = checks.checkEnvironmentSizes(fn({ BUCKET: { Ref: 'FragmentsBucket' }, IDP_JWKS: 'x'.repeat(4000) }));
    expect(failure).toMatch(/^WriteLambdaFunction: its environment is about 4270 bytes, over Lambda's 4096 \(largest: IDP_JWKS 4008 B, BUCKET 262 B\)/);
    expect(failure).toContain('idpJwksParameter');
  });

  it('wants the session keys parameter as an SSM name with a leading slash', () => {
    expect(checks.checkSessionKeysParameter(fn({ SESSION_KEYS_PARAMETER: '/wikibot/dev/session-keys' }))).toEqual([]);
    expect(checks.checkSessionKeysParameter(fn({ SESSION_KEYS_PARAMETER: '' }))).toEqual([]);
    expect(checks.checkSessionKeysParameter(fn({ SESSION_KEYS_PARAMETER: 'wikibot-dev-keys' })).join()).toMatch(/sessionKeysParameter must be an SSM parameter name starting with "\/"/);
    expect(checks.checkSessionKeysParameter(fn({ IDP_JWKS_PARAMETER: 'idp-keys' })).join()).toMatch(/idpJwksParameter must be an SSM parameter name starting with "\/"/);
    expect(checks.checkSessionKeysParameter(fn({ IDP_JWKS_PARAMETER: '/wikibot/dev/idp-jwks' }))).toEqual([]);
  });

  it('replaces each Fn::If decided by constant conditions with its taken branch, and keeps the others', () => {
    const template = {
      Conditions: {
        HasDomain: { 'Fn::Not': [{ 'Fn::Equals': ['', ''] }] },
        Alarms: { 'Fn::And': [{ 'Fn::Equals': ['true', 'true'] }, { Condition: 'HasDomain' }] },
        InRegion: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] },
      },
      Resources: {
        D: { Type: 'X', Properties: { Aliases: { 'Fn::If': ['HasDomain', [''], { Ref: 'AWS::NoValue' }] }, List: [{ 'Fn::If': ['Alarms', 'a', { 'Fn::If': ['HasDomain', 'b', 'c'] }] }] } },
        R: { Type: 'X', Properties: { Value: { 'Fn::If': ['InRegion', 'yes', 'no'] } } },
      },
      Outputs: { O: { Value: { 'Fn::If': ['HasDomain', 'x', 'y'] } } },
    };
    checks.pruneUntakenBranches(template);
    expect(template.Resources.D.Properties).toEqual({ Aliases: { Ref: 'AWS::NoValue' }, List: ['c'] });
    expect(template.Resources.R.Properties).toEqual({ Value: { 'Fn::If': ['InRegion', 'yes', 'no'] } });
    expect(template.Outputs.O.Value).toBe('y');
  });
});
