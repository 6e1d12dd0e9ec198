import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { ACCESS_HEADER } from '../../shared/core/edgePolicy';
import { renderShell } from '../../shared/core/fragments/shell';
import {
  ATTACHMENT_CONTENT_SECURITY_POLICY, MAX_CSP_LENGTH, contentSecurityPolicy, cspHash, inlineScripts,
} from '../../tools/contentSecurityPolicy';
import { effectiveResources, evaluateCondition, resolveConditions, resourcesOfType, zipEntries } from '../helpers/cfnEval';
import { MAX_TEMPLATE_BYTES, ROOT, VARIANTS, packageAll, type CfnResource, type PackagedStack, type VariantName } from '../helpers/packagedStack';

/**
 * The CloudFormation that `sls package` produces for three stages (test/helpers/packagedStack.ts):
 * dev (defaults), prod, and `staging` with the Lambda@Edge gate, an existing VPC, a custom domain
 * and an alarm topic. Everything is read from the generated template, with the stage's
 * conditions evaluated the way CloudFormation will.
 */

jest.setTimeout(240_000);

let stacks: Record<VariantName, PackagedStack>;
beforeAll(async () => {
  stacks = await packageAll();
});

const NAMES = Object.keys(VARIANTS) as VariantName[];
const each = (name: VariantName) => {
  const stack = stacks[name];
  return { stack, template: stack.template, resources: effectiveResources(stack.template) };
};
type Props = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const props = (resource: CfnResource | undefined): Props => {
  if (!resource) throw new Error('missing resource');
  return (resource.Properties ?? {}) as Props;
};

const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';
const ALL_METHODS = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'POST', 'PATCH', 'DELETE'];
const DISTRIBUTION_ARN = { 'Fn::Sub': 'arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${Distribution}' };

describe.each(NAMES)('the %s stack', (name) => {
  const isProd = name === 'prod';
  const lambdaEdge = name === 'lambda';
  const existingVpc = name === 'lambda';

  describe('template', () => {
    it('is within CloudFormation limits', () => {
      const { stack, template } = each(name);
      expect(Buffer.byteLength(stack.templateText)).toBeLessThan(MAX_TEMPLATE_BYTES / 4);
      expect(Object.keys(template.Resources).length).toBeLessThan(500);
      expect(Object.keys(template.Outputs ?? {}).length).toBeLessThan(200);
    });

    it('holds no secret: no session key, no kid=secret pair, no private key', () => {
      const { stack, resources } = each(name);
      const settings = JSON.parse(fs.readFileSync(path.join(ROOT, 'local', 'settings.json'), 'utf8')) as { sessionKeys: string };
      const localSecret = settings.sessionKeys.split('=').slice(1).join('=');
      expect(localSecret.length).toBeGreaterThan(16);
      expect(stack.templateText).not.toContain(localSecret);
      expect(stack.templateText).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
      // Environment values and policies, i.e. everything but the CloudFront Function's code.
      const withoutCode = JSON.stringify(Object.entries(resources).filter(([, r]) => r.Type !== 'AWS::CloudFront::Function'));
      expect(withoutCode).not.toMatch(/[A-Za-z0-9_-]{1,64}=[A-Za-z0-9+/_-]{32,}/);
      for (const [, fn] of resourcesOfType(resources, 'AWS::Lambda::Function')) {
        const variables = (props(fn).Environment?.Variables ?? {}) as Record<string, unknown>;
        if ('SESSION_KEYS' in variables) expect(variables.SESSION_KEYS).toBe('');
        if ('SESSION_KEYS_PARAMETER' in variables) expect(variables.SESSION_KEYS_PARAMETER).toBe(`/wikibot/${VARIANTS[name].stage}/session-keys`);
      }
    });

    it('outputs the distribution domain, the site URL and the API URL (sls info --verbose)', () => {
      const { template } = each(name);
      expect(Object.keys(template.Outputs ?? {})).toEqual(expect.arrayContaining([
        'DistributionDomainName', 'DistributionId', 'SiteUrl', 'HttpApiUrl', 'FragmentsBucketName', 'TenantsTableName',
        'WikiFileSystemId', 'EdgeConfigStoreArn',
      ]));
      expect(template.Outputs!.DistributionDomainName!.Value).toEqual({ 'Fn::GetAtt': ['Distribution', 'DomainName'] });
      const site = resolveConditions(template, template.Outputs!.SiteUrl!.Value);
      expect(site).toEqual(lambdaEdge ? 'https://wiki.example.com' : { 'Fn::Sub': 'https://${Distribution.DomainName}' });
    });
  });

  describe('bucket', () => {
    it('is private: all public access blocked, ACLs off, encrypted', () => {
      const { resources } = each(name);
      for (const [, bucket] of resourcesOfType(resources, 'AWS::S3::Bucket')) {
        expect(props(bucket).PublicAccessBlockConfiguration).toEqual({
          BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true,
        });
        expect(props(bucket).BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toMatch(/^(AES256|aws:kms)$/);
      }
      expect(props(resources.FragmentsBucket).OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    });

    it('lets only this distribution read, through OAC, and only static/ and attachments/', () => {
      const { resources } = each(name);
      const statements = props(resources.FragmentsBucketPolicy).PolicyDocument.Statement as Props[];
      const allows = statements.filter((s) => s.Effect === 'Allow');
      expect(allows).toEqual([{
        Sid: 'CloudFrontReadsStaticAndAttachments',
        Effect: 'Allow',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: 's3:GetObject',
        Resource: [{ 'Fn::Sub': '${FragmentsBucket.Arn}/static/*' }, { 'Fn::Sub': '${FragmentsBucket.Arn}/attachments/*' }],
        Condition: { StringEquals: { 'AWS:SourceArn': DISTRIBUTION_ARN } },
      }]);
      const denies = statements.filter((s) => s.Effect === 'Deny');
      expect(denies.map((s) => s.Condition)).toEqual([{ Bool: { 'aws:SecureTransport': 'false' } }]);
    });

    it(`is ${isProd ? 'retained' : 'deleted'} with the stack`, () => {
      const { resources } = each(name);
      expect(resources.FragmentsBucket!.DeletionPolicy).toBe(isProd ? 'Retain' : 'Delete');
    });
  });

  describe('tenants table', () => {
    it('is on demand, point-in-time recoverable and streams new and old images', () => {
      const table = props(each(name).resources.TenantsTable);
      expect(table.BillingMode).toBe('PAY_PER_REQUEST');
      expect(table.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(table.StreamSpecification).toEqual({ StreamViewType: 'NEW_AND_OLD_IMAGES' });
    });

    it(`has deletion protection ${isProd ? 'on' : 'off'}`, () => {
      const { resources } = each(name);
      expect(props(resources.TenantsTable).DeletionProtectionEnabled).toBe(isProd);
      expect(resources.TenantsTable!.DeletionPolicy).toBe(isProd ? 'Retain' : 'Delete');
    });
  });

  describe('network and EFS', () => {
    it(existingVpc ? 'uses the given VPC and creates none' : 'creates a VPC with two private subnets and gateway endpoints', () => {
      const { resources } = each(name);
      expect(resourcesOfType(resources, 'AWS::EC2::VPC')).toHaveLength(existingVpc ? 0 : 1);
      expect(resourcesOfType(resources, 'AWS::EC2::InternetGateway')).toHaveLength(0);
      expect(resourcesOfType(resources, 'AWS::EC2::NatGateway')).toHaveLength(0);
      const subnets = resourcesOfType(resources, 'AWS::EC2::Subnet');
      const endpoints = resourcesOfType(resources, 'AWS::EC2::VPCEndpoint').map(([, e]) => [props(e).VpcEndpointType, props(e).ServiceName['Fn::Sub']]);
      if (existingVpc) {
        expect(subnets).toHaveLength(0);
        expect(endpoints).toEqual([]);
        expect(props(resources.WriteSecurityGroup).VpcId).toBe('vpc-0123456789abcdef0');
        return;
      }
      expect(subnets).toHaveLength(2);
      for (const [, subnet] of subnets) expect(props(subnet).MapPublicIpOnLaunch).toBe(false);
      expect(subnets.map(([, s]) => props(s).AvailabilityZone['Fn::Select'][0])).toEqual([0, 1]);
      expect(endpoints.sort()).toEqual([
        ['Gateway', 'com.amazonaws.${AWS::Region}.dynamodb'],
        ['Gateway', 'com.amazonaws.${AWS::Region}.s3'],
        ['Interface', 'com.amazonaws.${AWS::Region}.ssm'],
      ]);
      expect(props(resources.SsmEndpoint).SubnetIds).toHaveLength(isProd ? 2 : 1);
      expect(props(resources.SsmEndpoint).PrivateDnsEnabled).toBe(true);
    });

    it('has an encrypted file system with mount targets in both subnets and one access point (uid/gid 1000, /wikis)', () => {
      const { resources } = each(name);
      const fileSystem = props(resources.WikiFileSystem);
      expect(fileSystem.Encrypted).toBe(true);
      expect(fileSystem.BackupPolicy).toEqual({ Status: isProd ? 'ENABLED' : 'DISABLED' });
      expect(resources.WikiFileSystem!.DeletionPolicy).toBe(isProd ? 'Retain' : 'Delete');
      const targets = resourcesOfType(resources, 'AWS::EFS::MountTarget').map(([, t]) => props(t));
      expect(targets.map((t) => t.SubnetId)).toEqual([0, 1].map((i) => ({
        'Fn::Select': [i, { 'Fn::Split': [',', existingVpc ? 'subnet-0aaaaaaaaaaaaaaaa,subnet-0bbbbbbbbbbbbbbbb' : { 'Fn::Join': [',', [{ Ref: 'PrivateSubnetA' }, { Ref: 'PrivateSubnetB' }]] }] }],
      })));
      for (const target of targets) expect(target.SecurityGroups).toEqual([{ 'Fn::GetAtt': ['EfsSecurityGroup', 'GroupId'] }]);
      const accessPoints = resourcesOfType(resources, 'AWS::EFS::AccessPoint');
      expect(accessPoints).toHaveLength(1);
      expect(props(accessPoints[0]![1]).PosixUser).toEqual({ Uid: '1000', Gid: '1000' });
      expect(props(accessPoints[0]![1]).RootDirectory).toEqual({
        Path: '/wikis', CreationInfo: { OwnerUid: '1000', OwnerGid: '1000', Permissions: '0750' },
      });
    });

    it('admits NFS to EFS from the write security group only, and nothing else', () => {
      const { resources } = each(name);
      expect(props(resources.EfsSecurityGroup).SecurityGroupIngress).toBeUndefined();
      const ingress = resourcesOfType(resources, 'AWS::EC2::SecurityGroupIngress').map(([, r]) => props(r));
      const toEfs = ingress.filter((r) => JSON.stringify(r.GroupId).includes('EfsSecurityGroup'));
      expect(toEfs).toEqual([expect.objectContaining({
        IpProtocol: 'tcp', FromPort: 2049, ToPort: 2049, SourceSecurityGroupId: { 'Fn::GetAtt': ['WriteSecurityGroup', 'GroupId'] },
      })]);
      for (const [, group] of resourcesOfType(resources, 'AWS::EC2::SecurityGroup')) {
        for (const rule of (props(group).SecurityGroupIngress ?? []) as Props[]) {
          expect(rule.CidrIp).toBeUndefined();
          expect(rule.SourceSecurityGroupId).toEqual({ Ref: 'WriteSecurityGroup' });
        }
      }
    });

    it('puts write and backfill, and only them, in the VPC with the access point at /mnt/wikis', () => {
      const { resources } = each(name);
      for (const [id, fn] of resourcesOfType(resources, 'AWS::Lambda::Function')) {
        const inVpc = id === 'WriteLambdaFunction' || id === 'BackfillLambdaFunction';
        if (!inVpc) {
          expect([id, props(fn).VpcConfig, props(fn).FileSystemConfigs]).toEqual([id, undefined, undefined]);
          continue;
        }
        expect(props(fn).VpcConfig.SecurityGroupIds).toEqual([{ 'Fn::GetAtt': ['WriteSecurityGroup', 'GroupId'] }]);
        expect(props(fn).VpcConfig.SubnetIds['Fn::Split'][0]).toBe(',');
        expect(props(fn).FileSystemConfigs).toEqual([{ Arn: { 'Fn::GetAtt': ['WikiAccessPoint', 'Arn'] }, LocalMountPath: '/mnt/wikis' }]);
        expect(props(fn).Environment.Variables.DATA_DIR).toBe('/mnt/wikis');
        expect(fn.DependsOn).toEqual(expect.arrayContaining(['WikiMountTargetA', 'WikiMountTargetB']));
      }
    });
  });

  describe('functions', () => {
    it('write: 1024 MB, the HTTP API routes, the static manifest', () => {
      const { resources } = each(name);
      const write = props(resources.WriteLambdaFunction);
      expect(write.MemorySize).toBe(1024);
      expect(write.Architectures).toEqual(['arm64']);
      expect(JSON.parse(write.Environment.Variables.STATIC_MANIFEST)).toHaveProperty(['wikibot.css'], expect.stringMatching(/^\/static\/[0-9a-f]{12}\/wikibot\.css$/));
      const routes = resourcesOfType(resources, 'AWS::ApiGatewayV2::Route').map(([, r]) => props(r).RouteKey).sort();
      expect(routes).toEqual(['ANY /api/{proxy+}', 'ANY /auth/{proxy+}', 'ANY /mcp', 'ANY /{user}/{wiki}/-/{proxy+}', 'POST /api/wikis']);
    });

    it('assemble: 256 MB, no VPC, a Function URL with IAM auth that only this distribution may invoke', () => {
      const { resources } = each(name);
      expect(props(resources.AssembleLambdaFunction).MemorySize).toBe(256);
      expect(props(resources.AssembleLambdaFunctionUrl)).toEqual({ AuthType: 'AWS_IAM', TargetFunctionArn: { 'Fn::GetAtt': ['AssembleLambdaFunction', 'Arn'] } });
      const permissions = resourcesOfType(resources, 'AWS::Lambda::Permission').map(([, p]) => props(p))
        .filter((p) => JSON.stringify(p.FunctionName).includes('Assemble'));
      expect(permissions).toEqual([
        { FunctionName: { 'Fn::GetAtt': ['AssembleLambdaFunction', 'Arn'] }, Action: 'lambda:InvokeFunctionUrl', Principal: 'cloudfront.amazonaws.com', FunctionUrlAuthType: 'AWS_IAM', SourceArn: DISTRIBUTION_ARN },
        { FunctionName: { 'Fn::GetAtt': ['AssembleLambdaFunction', 'Arn'] }, Action: 'lambda:InvokeFunction', Principal: 'cloudfront.amazonaws.com', InvokedViaFunctionUrl: true, SourceArn: DISTRIBUTION_ARN },
      ]);
    });

    it('edge-sync: reads the tenants stream, no VPC', () => {
      const { resources } = each(name);
      const mappings = resourcesOfType(resources, 'AWS::Lambda::EventSourceMapping').map(([, m]) => props(m))
        .filter((m) => m.FunctionName['Fn::GetAtt'][0] === 'EdgeSyncLambdaFunction');
      expect(mappings).toEqual([expect.objectContaining({
        EventSourceArn: { 'Fn::GetAtt': ['TenantsTable', 'StreamArn'] },
        FunctionName: { 'Fn::GetAtt': ['EdgeSyncLambdaFunction', 'Arn'] },
      })]);
      expect(props(resources.EdgeSyncLambdaFunction).Environment.Variables.KVS_ARN).toEqual({ 'Fn::GetAtt': ['EdgeConfigStore', 'Arn'] });
    });

    it('the Lambda@Edge gate: no environment variables, x86_64, 128 MB, 5 s, a published version', () => {
      const { resources } = each(name);
      const edge = props(resources.EdgeAuthLambdaLambdaFunction);
      expect(edge.Environment).toBeUndefined();
      expect(edge.VpcConfig).toBeUndefined();
      expect(edge.Architectures).toEqual(['x86_64']);
      expect(edge.MemorySize).toBe(128);
      expect(edge.Timeout).toBeLessThanOrEqual(5);
      const trust = props(resources.EdgeAuthLambdaRole).AssumeRolePolicyDocument.Statement[0].Principal.Service;
      expect(trust).toEqual(expect.arrayContaining(['lambda.amazonaws.com', 'edgelambda.amazonaws.com']));
      expect(resourcesOfType(resources, 'AWS::Lambda::Version').filter(([, v]) => props(v).FunctionName.Ref === 'EdgeAuthLambdaLambdaFunction')).toHaveLength(1);
    });

    it('every function logs to a log group of its own with a retention', () => {
      const { resources } = each(name);
      const groups = new Map(resourcesOfType(resources, 'AWS::Logs::LogGroup').map(([, g]) => [props(g).LogGroupName, props(g).RetentionInDays]));
      for (const [, fn] of resourcesOfType(resources, 'AWS::Lambda::Function')) {
        expect([props(fn).FunctionName, groups.get(`/aws/lambda/${props(fn).FunctionName}`)]).toEqual([props(fn).FunctionName, isProd ? 90 : 14]);
      }
    });
  });

  describe('roles', () => {
    // The only statements that may name every resource, and why (resources/iam.yml says more).
    const STAR_ALLOWED: Record<string, string> = {
      VpcDescribe: 'Lambda describes subnets and ENIs for a VPC function; ec2:Describe* support no resource ARNs',
    };

    const statementsOf = (role: CfnResource) =>
      (props(role).Policies as Props[]).flatMap((p) => p.PolicyDocument.Statement as Props[]);

    it('one role per function, none shared, none generated by osls', () => {
      const { resources } = each(name);
      const roles = resourcesOfType(resources, 'AWS::Lambda::Function').map(([, fn]) => props(fn).Role['Fn::GetAtt'][0]);
      expect(new Set(roles).size).toBe(roles.length);
      expect(resources.IamRoleLambdaExecution).toBeUndefined();
      expect(resourcesOfType(resources, 'AWS::IAM::ManagedPolicy')).toEqual([]);
      for (const [, role] of resourcesOfType(resources, 'AWS::IAM::Role')) expect(props(role).ManagedPolicyArns).toBeUndefined();
    });

    it("no statement allows every action, and only the allow-listed ones every resource", () => {
      const { resources } = each(name);
      for (const [id, role] of resourcesOfType(resources, 'AWS::IAM::Role')) {
        for (const statement of statementsOf(role)) {
          expect([id, statement.Effect]).toEqual([id, 'Allow']);
          for (const action of [statement.Action].flat() as string[]) expect([id, action]).not.toEqual([id, expect.stringMatching(/(^\*$|:\*$)/)]);
          const resourcesNamed = [statement.Resource].flat();
          if (resourcesNamed.includes('*')) expect([id, statement.Sid, STAR_ALLOWED[statement.Sid] !== undefined]).toEqual([id, statement.Sid, true]);
          else expect(JSON.stringify(resourcesNamed)).not.toMatch(/"\*"/);
        }
      }
    });

    const actions = (role: CfnResource): Record<string, string[]> =>
      Object.fromEntries(statementsOf(role).map((s) => [s.Sid as string, ([s.Action].flat() as string[]).sort()]));

    it('assemble may only read fragments/, and list nothing (no private attachment names)', () => {
      const { resources } = each(name);
      expect(actions(resources.AssembleRole!)).toEqual({
        Logs: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Fragments: ['s3:GetObject'],
      });
      const fragments = statementsOf(resources.AssembleRole!).find((s) => s.Sid === 'Fragments')!;
      expect(fragments.Resource).toEqual({ 'Fn::Sub': '${FragmentsBucket.Arn}/fragments/*' });
    });

    it('write: fragments and attachments, the table, one SSM parameter, EFS through the access point, its ENIs', () => {
      const { resources } = each(name);
      expect(actions(resources.WriteRole!)).toEqual({
        Logs: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Fragments: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'],
        MissingKeysAre404: ['s3:ListBucket'],
        Tenants: [
          'dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem', 'dynamodb:DeleteItem', 'dynamodb:GetItem',
          'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem',
        ],
        SessionKeys: ['ssm:GetParameter'],
        WikiFileSystem: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
        VpcDescribe: ['ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets'],
        VpcNetworkInterfaces: ['ec2:AssignPrivateIpAddresses', 'ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface', 'ec2:UnassignPrivateIpAddresses'],
      });
      // Creating and deleting network interfaces only in the stage's own VPC.
      for (const role of [resources.WriteRole!, resources.BackfillRole!]) {
        const enis = statementsOf(role).find((s) => s.Sid === 'VpcNetworkInterfaces')!;
        const [pattern, values] = enis.Condition.ArnEquals['ec2:Vpc']['Fn::Sub'];
        expect(pattern).toBe('arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:vpc/${VpcId}');
        expect(values.VpcId).toEqual(existingVpc ? 'vpc-0123456789abcdef0' : { Ref: 'Vpc' });
      }
      const efs = statementsOf(resources.WriteRole!).find((s) => s.Sid === 'WikiFileSystem')!;
      expect(efs.Condition).toEqual({ StringEquals: { 'elasticfilesystem:AccessPointArn': { 'Fn::GetAtt': ['WikiAccessPoint', 'Arn'] } } });
      const ssm = statementsOf(resources.WriteRole!).find((s) => s.Sid === 'SessionKeys')!;
      expect(ssm.Resource['Fn::Sub']).toMatch(new RegExp(`:parameter/wikibot/${VARIANTS[name].stage}/session-keys$`));
    });

    it('backfill: the bucket prefixes it repairs, a read-only view of the table, EFS', () => {
      const { resources } = each(name);
      expect(actions(resources.BackfillRole!)).toEqual(expect.objectContaining({
        Fragments: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'],
        Tenants: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan'],
        WikiFileSystem: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
      }));
    });

    it('edge-sync and the Lambda@Edge gate: only what they read and write', () => {
      const { resources } = each(name);
      expect(actions(resources.EdgeSyncRole!)).toEqual(expect.objectContaining({
        KeyValueStore: expect.arrayContaining(['cloudfront-keyvaluestore:UpdateKeys']),
      }));
      const kvs = statementsOf(resources.EdgeSyncRole!).find((s) => s.Sid === 'KeyValueStore')!;
      expect(kvs.Resource).toEqual({ 'Fn::GetAtt': ['EdgeConfigStore', 'Arn'] });
      expect(Object.values(actions(resources.EdgeAuthLambdaRole!)).flat().filter((a) => !a.startsWith('logs:')).sort())
        .toEqual(['dynamodb:GetItem', 'ssm:GetParameter']);
    });
  });

  describe('distribution', () => {
    const distribution = () => props(each(name).resources.Distribution).DistributionConfig as Props;
    const behaviour = (pattern: string) => {
      const config = distribution();
      return pattern === 'default' ? config.DefaultCacheBehavior : (config.CacheBehaviors as Props[]).find((b) => b.PathPattern === pattern);
    };

    it('has the behaviours of DESIGN §2 in order, each to its origin', () => {
      const config = distribution();
      expect((config.CacheBehaviors as Props[]).map((b) => [b.PathPattern, b.TargetOriginId])).toEqual([
        ['/static/*', 'static'],
        ['/api/*', 'api'],
        ['/auth/*', 'api'],
        ['/mcp', 'api'],
        ['/*/*/-/sidebar/*', 'assemble'],
        ['/*/*/-/*', 'api'],
        ['/*/*.git/*', 'api'],
        ['/*/*/*/a/*', 'attachments'],
      ]);
      expect(config.DefaultCacheBehavior.TargetOriginId).toBe('assemble');
      expect(config.HttpVersion).toBe('http2and3');
    });

    it('reaches the assemble Function URL and the bucket through origin access control, the API without', () => {
      const { resources } = each(name);
      const origins = Object.fromEntries((distribution().Origins as Props[]).map((o) => [o.Id, o]));
      expect(origins.assemble!.DomainName).toEqual({ 'Fn::Select': [2, { 'Fn::Split': ['/', { 'Fn::GetAtt': ['AssembleLambdaFunctionUrl', 'FunctionUrl'] }] }] });
      expect(origins.assemble!.OriginAccessControlId).toEqual({ 'Fn::GetAtt': ['AssembleOriginAccessControl', 'Id'] });
      expect(origins.assemble!.CustomOriginConfig.OriginProtocolPolicy).toBe('https-only');
      for (const id of ['static', 'attachments']) {
        expect(origins[id]!.DomainName).toEqual({ 'Fn::GetAtt': ['FragmentsBucket', 'RegionalDomainName'] });
        expect(origins[id]!.OriginAccessControlId).toEqual({ 'Fn::GetAtt': ['BucketOriginAccessControl', 'Id'] });
        expect(origins[id]!.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
      }
      // Each bucket origin is confined to its prefix: no URL can name a key outside it.
      expect(origins.static!.OriginPath).toBe('/static');
      expect(origins.attachments!.OriginPath).toBe('/attachments');
      expect(origins.api!.DomainName).toEqual({ 'Fn::Sub': '${HttpApi}.execute-api.${AWS::Region}.amazonaws.com' });
      expect(origins.api!.OriginAccessControlId).toBeUndefined();
      expect(props(resources.AssembleOriginAccessControl).OriginAccessControlConfig).toEqual(expect.objectContaining({
        OriginAccessControlOriginType: 'lambda', SigningBehavior: 'always', SigningProtocol: 'sigv4',
      }));
      expect(props(resources.BucketOriginAccessControl).OriginAccessControlConfig).toEqual(expect.objectContaining({
        OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4',
      }));
    });

    it('caches pages and attachments 30 s keyed by the path alone, and forwards only the gate header to assemble', () => {
      const { resources } = each(name);
      const policy = props(resources.PageCachePolicy).CachePolicyConfig;
      expect([policy.MinTTL, policy.DefaultTTL, policy.MaxTTL]).toEqual([0, 30, 30]);
      expect(policy.ParametersInCacheKeyAndForwardedToOrigin).toEqual({
        CookiesConfig: { CookieBehavior: 'none' },
        HeadersConfig: { HeaderBehavior: 'none' },
        QueryStringsConfig: { QueryStringBehavior: 'none' },
        EnableAcceptEncodingGzip: true,
        EnableAcceptEncodingBrotli: true,
      });
      for (const pattern of ['default', '/*/*/*/a/*']) {
        expect(behaviour(pattern)!.CachePolicyId).toEqual({ Ref: 'PageCachePolicy' });
        expect(behaviour(pattern)!.AllowedMethods).toEqual(['GET', 'HEAD']);
      }
      expect(behaviour('default')!.OriginRequestPolicyId).toEqual({ Ref: 'PageOriginRequestPolicy' });
      expect(props(resources.PageOriginRequestPolicy).OriginRequestPolicyConfig).toEqual(expect.objectContaining({
        CookiesConfig: { CookieBehavior: 'none' },
        HeadersConfig: { HeaderBehavior: 'whitelist', Headers: [ACCESS_HEADER] },
        QueryStringsConfig: { QueryStringBehavior: 'none' },
      }));
      expect(behaviour('/static/*')!.CachePolicyId).toBe(CACHING_OPTIMIZED);
    });

    it('sends page trees to assemble with the gate header, cached as long as the origin allows, keyed by the path alone', () => {
      const { resources } = each(name);
      const policy = props(resources.SidebarTreeCachePolicy).CachePolicyConfig;
      // MinTTL 0: a private wiki's tree (`private, no-store`) is never kept; a public one a year.
      expect([policy.MinTTL, policy.MaxTTL]).toEqual([0, 31_536_000]);
      expect(policy.ParametersInCacheKeyAndForwardedToOrigin).toEqual(
        props(resources.PageCachePolicy).CachePolicyConfig.ParametersInCacheKeyAndForwardedToOrigin);
      const tree = behaviour('/*/*/-/sidebar/*')!;
      expect(tree.CachePolicyId).toEqual({ Ref: 'SidebarTreeCachePolicy' });
      expect(tree.OriginRequestPolicyId).toEqual({ Ref: 'PageOriginRequestPolicy' });
      expect(tree.AllowedMethods).toEqual(['GET', 'HEAD']);
    });

    it('sends the API behaviours uncached with everything but Host', () => {
      for (const pattern of ['/api/*', '/auth/*', '/mcp', '/*/*/-/*']) {
        expect([pattern, behaviour(pattern)!.CachePolicyId, behaviour(pattern)!.OriginRequestPolicyId, behaviour(pattern)!.AllowedMethods])
          .toEqual([pattern, CACHING_DISABLED, ALL_VIEWER_EXCEPT_HOST, ALL_METHODS]);
      }
    });

    it(`runs the ${lambdaEdge ? 'Lambda@Edge' : 'CloudFront Function'} gate at viewer request on pages, views, /auth and attachments`, () => {
      const { resources } = each(name);
      const gated = ['default', '/auth/*', '/*/*/-/sidebar/*', '/*/*/-/*', '/*/*/*/a/*'];
      const versions = resourcesOfType(resources, 'AWS::Lambda::Version').filter(([, v]) => props(v).FunctionName.Ref === 'EdgeAuthLambdaLambdaFunction');
      // git's behaviour has no gate: the write function checks git's own Basic credential.
      for (const pattern of ['default', '/static/*', '/api/*', '/auth/*', '/mcp', '/*/*/-/sidebar/*', '/*/*/-/*', '/*/*.git/*', '/*/*/*/a/*']) {
        const b = behaviour(pattern)!;
        const expectFunction = gated.includes(pattern) && !lambdaEdge;
        const expectLambda = gated.includes(pattern) && lambdaEdge;
        expect([pattern, b.FunctionAssociations]).toEqual([pattern, expectFunction
          ? [{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': ['EdgeAuthFunction', 'FunctionMetadata.FunctionARN'] } }]
          : undefined]);
        expect([pattern, b.LambdaFunctionAssociations]).toEqual([pattern, expectLambda
          ? [{ EventType: 'viewer-request', LambdaFunctionARN: { Ref: versions[0]![0] }, IncludeBody: false }]
          : undefined]);
      }
    });

    it('sends the security headers, the CSP and Server-Timing on every behaviour', () => {
      const { resources } = each(name);
      for (const pattern of ['default', '/static/*', '/api/*', '/auth/*', '/mcp', '/*/*/-/sidebar/*', '/*/*/-/*']) {
        expect([pattern, behaviour(pattern)!.ResponseHeadersPolicyId]).toEqual([pattern, { Ref: 'PageHeadersPolicy' }]);
      }
      expect(behaviour('/*/*/*/a/*')!.ResponseHeadersPolicyId).toEqual({ Ref: 'AttachmentHeadersPolicy' });
      for (const [id, csp] of [['PageHeadersPolicy', contentSecurityPolicy()], ['AttachmentHeadersPolicy', ATTACHMENT_CONTENT_SECURITY_POLICY]] as const) {
        const config = props(resources[id]).ResponseHeadersPolicyConfig;
        const security = config.SecurityHeadersConfig;
        expect(security.StrictTransportSecurity.AccessControlMaxAgeSec).toBeGreaterThanOrEqual(31_536_000);
        expect(security.StrictTransportSecurity.Override).toBe(true);
        expect(security.ContentTypeOptions).toEqual({ Override: true });
        expect(security.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
        expect(security.ReferrerPolicy).toEqual({ ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true });
        expect(security.ContentSecurityPolicy).toEqual({ ContentSecurityPolicy: csp, Override: true });
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp.length).toBeLessThanOrEqual(MAX_CSP_LENGTH);
        expect(config.ServerTimingHeadersConfig).toEqual({ Enabled: true, SamplingRate: 100 });
      }
    });

    it(lambdaEdge ? 'serves the custom domain with its us-east-1 certificate and alias records' : 'uses the CloudFront certificate when no domain is set', () => {
      const { resources } = each(name);
      const config = distribution();
      if (!lambdaEdge) {
        expect(config.Aliases).toBeUndefined();
        expect(config.ViewerCertificate).toEqual({ CloudFrontDefaultCertificate: true });
        expect(resourcesOfType(resources, 'AWS::Route53::RecordSet')).toEqual([]);
        return;
      }
      expect(config.Aliases).toEqual(['wiki.example.com']);
      expect(config.ViewerCertificate).toEqual({
        AcmCertificateArn: VARIANTS.lambda.params.certificateArn, SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021',
      });
      expect(resourcesOfType(resources, 'AWS::Route53::RecordSet').map(([, r]) => [props(r).Type, props(r).Name, props(r).HostedZoneId]))
        .toEqual([['A', 'wiki.example.com', 'Z0123456789ABCDEFGHIJ'], ['AAAA', 'wiki.example.com', 'Z0123456789ABCDEFGHIJ']]);
    });
  });

  describe('edge configuration', () => {
    it('associates the KeyValueStore with the CloudFront Function, whose code is within its limit', () => {
      const { resources } = each(name);
      const fn = props(resources.EdgeAuthFunction);
      expect(fn.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
      expect(fn.FunctionConfig.KeyValueStoreAssociations).toEqual([{ KeyValueStoreARN: { 'Fn::GetAtt': ['EdgeConfigStore', 'Arn'] } }]);
      expect(fn.AutoPublish).toBe(true);
      expect(typeof fn.FunctionCode).toBe('string');
      expect(fn.FunctionCode).toContain('function handler(');
      expect(Buffer.byteLength(fn.FunctionCode)).toBeLessThanOrEqual(10 * 1024);
      expect(resourcesOfType(resources, 'AWS::CloudFront::KeyValueStore')).toHaveLength(1);
    });
  });

  describe('alarms', () => {
    it(isProd || lambdaEdge ? 'watch 5xx and throttles of write and assemble, and the stream age of edge-sync' : 'are off', () => {
      const { resources } = each(name);
      const alarms = resourcesOfType(resources, 'AWS::CloudWatch::Alarm').map(([, a]) => props(a));
      if (!isProd && !lambdaEdge) {
        expect(alarms).toEqual([]);
        return;
      }
      const watched = alarms.map((a) => `${a.Namespace} ${a.MetricName} ${JSON.stringify(a.Dimensions[0].Value)}`).sort();
      expect(watched).toEqual([
        'AWS/ApiGateway 5xx {"Ref":"HttpApi"}',
        'AWS/Lambda Errors {"Ref":"AssembleLambdaFunction"}',
        'AWS/Lambda Errors {"Ref":"EdgeSyncLambdaFunction"}',
        'AWS/Lambda Errors {"Ref":"WriteLambdaFunction"}',
        'AWS/Lambda IteratorAge {"Ref":"EdgeSyncLambdaFunction"}',
        'AWS/Lambda Throttles {"Ref":"AssembleLambdaFunction"}',
        'AWS/Lambda Throttles {"Ref":"WriteLambdaFunction"}',
        'AWS/Lambda Url5xxCount {"Ref":"AssembleLambdaFunction"}',
        'AWS/SQS ApproximateNumberOfMessagesVisible {"Fn::GetAtt":["EdgeSyncFailureQueue","QueueName"]}',
        'AWS/SQS ApproximateNumberOfMessagesVisible {"Fn::GetAtt":["InvalidationDeadLetterQueue","QueueName"]}',
      ]);
      const topic = lambdaEdge ? VARIANTS.lambda.params.alarmTopicArn : { Ref: 'AlarmTopic' };
      for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([topic]);
      expect(resourcesOfType(resources, 'AWS::SNS::Topic')).toHaveLength(lambdaEdge ? 0 : 1);
    });
  });

  describe('bundles', () => {
    it('holds in each zip only its own bundle, and reports the sizes', () => {
      const { stack } = each(name);
      // ES modules with code splitting (esbuild.config.ts lambdaEsbuildOptions): the handler and its chunks.
      const own: Record<string, RegExp> = {
        'write.zip': /^functions\/write\/(handler\.mjs|chunk-\w+\.mjs|sql-wasm\.wasm)$/,
        'assemble.zip': /^functions\/assemble\/(handler\.mjs|chunk-\w+\.mjs)$/,
        'backfill.zip': /^functions\/backfill\/(handler\.mjs|chunk-\w+\.mjs|sql-wasm\.wasm)$/,
        'edgeSync.zip': /^functions\/edge-sync\/(handler\.mjs|chunk-\w+\.mjs)$/,
        'edgeAuthLambda.zip': /^functions\/edge-auth\/(lambdaEdge\.mjs|chunk-\w+\.mjs)$/,
        'invalidate.zip': /^functions\/invalidate\/(handler\.mjs|chunk-\w+\.mjs)$/,
      };
      expect(Object.keys(stack.zips).sort()).toEqual(Object.keys(own).sort());
      for (const [zip, pattern] of Object.entries(own)) {
        for (const entry of zipEntries(fs.readFileSync(path.join(stack.dir, zip)))) expect([zip, entry]).toEqual([zip, expect.stringMatching(pattern)]);
      }
      if (name === 'dev') {
        const lines = Object.entries(stack.zips).map(([zip, size]) => `  ${zip.padEnd(20)} ${(size / 1024).toFixed(1).padStart(8)} KB`);
        console.info(`Function bundles (zipped), stage dev:\n${lines.join('\n')}`);
      }
      // The read path stays small; Lambda@Edge allows 1 MB for a viewer trigger (we budget 50 KB).
      expect(stack.zips['assemble.zip']).toBeLessThan(100 * 1024);
      expect(stack.zips['edgeAuthLambda.zip']).toBeLessThan(50 * 1024);
      for (const size of Object.values(stack.zips)) expect(size).toBeLessThan(50 * 1024 * 1024);
    });

    it('holds every chunk its modules import, statically or through import()', () => {
      const { stack } = each(name);
      for (const zip of Object.keys(stack.zips)) {
        const archive = fs.readFileSync(path.join(stack.dir, zip));
        const entries = new Set(zipEntries(archive));
        const modules = [...entries].filter((e) => e.endsWith('.mjs'));
        expect(modules.length).toBeGreaterThan(0);
        for (const module of modules) {
          const code = readZipFile(archive, module).toString('utf8');
          for (const [, chunk] of code.matchAll(/(?:from|import\()\s*"\.\/(chunk-\w+\.mjs)"/g)) {
            expect([module, entries.has(`${path.posix.dirname(module)}/${chunk}`)]).toEqual([module, true]);
          }
        }
      }
    });

    if (name === 'dev') {
      it('write: the handler loads from its zip under node and answers, sql.js loading its wasm from beside it', () => {
        const { stack } = each(name);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wikibot-zip-'));
        try {
          const archive = fs.readFileSync(path.join(stack.dir, 'write.zip'));
          for (const entry of zipEntries(archive)) {
            fs.mkdirSync(path.join(dir, path.dirname(entry)), { recursive: true });
            fs.writeFileSync(path.join(dir, entry), readZipFile(archive, entry));
          }
          // The handler answers a request (its API route family is a chunk); sql.js, the chunk that
          // finds its .wasm through __dirname, opens a database.
          const sqlChunk = readdirChunkWith(path.join(dir, 'functions/write'), 'sql-wasm.wasm');
          const script = `
            const write = await import(${JSON.stringify(pathToFileURL(path.join(dir, 'functions/write/handler.mjs')).href)});
            const r = await write.handler({ version: '2.0', rawPath: '/api/nothing', rawQueryString: '', headers: {}, isBase64Encoded: false,
              requestContext: { http: { method: 'GET', path: '/api/nothing' } } });
            const sql = await import(${JSON.stringify(pathToFileURL(sqlChunk).href)});
            const SQL = await (sql.default ?? Object.values(sql)[0])();
            const db = new SQL.Database();
            console.log(JSON.stringify({ status: r.statusCode, sql: db.exec('SELECT 1 + 1')[0].values[0][0] }));`;
          const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
            cwd: dir, encoding: 'utf8',
            env: { PATH: process.env.PATH, BUCKET: 'b', TENANTS_TABLE: 't', DATA_DIR: dir, SESSION_KEYS: 'k=0123456789abcdef0123456789abcdef', AWS_LAMBDA_LOG_FORMAT: 'JSON' },
          });
          expect(JSON.parse(out.trim().split('\n').at(-1)!)).toEqual({ status: 404, sql: 2 });
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      });
    }

    it('bakes the stage settings, and no secret, into the Lambda@Edge bundle', () => {
      const { stack } = each(name);
      const code = readZipFile(fs.readFileSync(path.join(stack.dir, 'edgeAuthLambda.zip')), 'functions/edge-auth/lambdaEdge.mjs').toString('utf8');
      expect(code).toContain(`/wikibot/${VARIANTS[name].stage}/session-keys`);
      expect(code).toContain(`wikibot-${VARIANTS[name].stage}-tenants`);
      expect(code).not.toContain('wikibot-local-development-key');
    });
  });
});

describe('the content security policy', () => {
  it('allows by hash exactly the inline scripts of the shell, and no unsafe-inline or eval for scripts', () => {
    const shell = renderShell({ basePath: '/alice/notes', siteName: 'Notes' });
    const scripts = inlineScripts(shell);
    expect(scripts.length).toBeGreaterThan(0);
    const csp = contentSecurityPolicy();
    const scriptSrc = csp.split('; ').find((d) => d.startsWith('script-src '))!;
    expect(scriptSrc.split(' ').slice(1).sort()).toEqual(["'self'", ...new Set(scripts.map(cspHash))].sort());
    expect(csp).not.toMatch(/unsafe-eval/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
  });

  it('lets attachments run no script at all', () => {
    expect(ATTACHMENT_CONTENT_SECURITY_POLICY).toContain('sandbox');
    expect(ATTACHMENT_CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(ATTACHMENT_CONTENT_SECURITY_POLICY).not.toContain('script-src');
  });
});

describe('the conditions', () => {
  it('turn deletion protection on for prod only and the Lambda@Edge gate on for its variant only', () => {
    expect(NAMES.map((n) => [n, evaluateCondition(stacks[n].template, 'IsProd')])).toEqual([['dev', false], ['prod', true], ['lambda', false]]);
    expect(NAMES.map((n) => [n, evaluateCondition(stacks[n].template, 'UseEdgeLambda')])).toEqual([['dev', false], ['prod', false], ['lambda', true]]);
    expect(NAMES.map((n) => [n, evaluateCondition(stacks[n].template, 'CreateVpc')])).toEqual([['dev', true], ['prod', true], ['lambda', false]]);
  });
});

/** The chunk of a bundle folder that names `needle` (e.g. sql.js's, which loads sql-wasm.wasm). */
function readdirChunkWith(dir: string, needle: string): string {
  const found = fs.readdirSync(dir).filter((f) => f.startsWith('chunk-') && fs.readFileSync(path.join(dir, f), 'utf8').includes(needle));
  if (found.length !== 1) throw new Error(`Expected one chunk naming ${needle} in ${dir}, found ${found.length}.`);
  return path.join(dir, found[0]!);
}

/** One file of a zip archive (stored or deflated). */
function readZipFile(archive: Buffer, name: string): Buffer {
  const eocd = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let offset = archive.readUInt32LE(eocd + 16);
  for (let i = 0; i < archive.readUInt16LE(eocd + 10); i++) {
    const nameLength = archive.readUInt16LE(offset + 28);
    const entry = archive.toString('utf8', offset + 46, offset + 46 + nameLength);
    if (entry === name) {
      const method = archive.readUInt16LE(offset + 10);
      const size = archive.readUInt32LE(offset + 20);
      const local = archive.readUInt32LE(offset + 42);
      const start = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
      const data = archive.subarray(start, start + size);
      return method === 8 ? inflateRawSync(data) : Buffer.from(data);
    }
    offset += 46 + nameLength + archive.readUInt16LE(offset + 30) + archive.readUInt16LE(offset + 32);
  }
  throw new Error(`${name} is not in the archive`);
}
