import { INVALIDATING_PREFIXES } from '../../functions/invalidate/notifications';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ENVIRONMENT_LIMIT_BYTES, environmentBytes } = require('../../tools/packageChecks.js') as {
  ENVIRONMENT_LIMIT_BYTES: number; environmentBytes: (variables: Record<string, unknown>) => { total: number };
};
import * as path from 'node:path';
import { effectiveResources, resourcesOfType } from '../helpers/cfnEval';
import { readCloudFormationYaml } from '../helpers/cloudFormationYaml';
import { ROOT, VARIANTS, packageAll, type CfnResource, type PackageVariant, type PackagedStack, type VariantName } from '../helpers/packagedStack';

/**
 * The operations side of the packaged stacks (issue 10 §3–4): invalidation on save, the failure
 * queues and their alarms, backfill runs that never overlap, environments within Lambda's limit,
 * names that two regions can share, zones by parameter, and no condition left to decide.
 */

jest.setTimeout(240_000);

let stacks: Record<VariantName, PackagedStack>;
beforeAll(async () => {
  stacks = await packageAll();
});

type Props = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const props = (resource: CfnResource | undefined): Props => {
  if (!resource) throw new Error('missing resource');
  return (resource.Properties ?? {}) as Props;
};
const statements = (role: CfnResource) => (props(role).Policies as Props[]).flatMap((p) => p.PolicyDocument.Statement as Props[]);
const NAMES = Object.keys(VARIANTS) as VariantName[];

describe.each(NAMES)('operations of the %s stack', (name) => {
  const resources = () => effectiveResources(stacks[name].template);
  const alarms = name !== 'dev';

  it('sends every put and delete under fragments/ and attachments/ to the invalidation queue', () => {
    const bucket = props(resources().FragmentsBucket);
    const configs = bucket.NotificationConfiguration.QueueConfigurations as Props[];
    const pairs = configs.map((c) => [c.Event, c.Filter.S3Key.Rules[0].Value, c.Queue['Fn::GetAtt'][0]]).sort();
    expect(pairs).toEqual(INVALIDATING_PREFIXES.flatMap((prefix) => [
      ['s3:ObjectCreated:*', prefix, 'InvalidationQueue'], ['s3:ObjectRemoved:*', prefix, 'InvalidationQueue'],
    ]).sort());
    expect(resources().FragmentsBucket!.DependsOn).toEqual(expect.arrayContaining(['InvalidationQueuePolicy']));
    const policy = props(resources().InvalidationQueuePolicy).PolicyDocument.Statement[0];
    expect(policy.Principal).toEqual({ Service: 's3.amazonaws.com' });
    expect(policy.Condition.StringEquals).toEqual({ 'aws:SourceAccount': { Ref: 'AWS::AccountId' } });
  });

  it('runs the invalidate function outside the VPC, batching up to a second and reporting failed messages', () => {
    const fn = props(resources().InvalidateLambdaFunction);
    expect(fn.VpcConfig).toBeUndefined();
    expect(fn.Environment.Variables.DISTRIBUTION_ID).toEqual({ Ref: 'Distribution' });
    const [mapping] = resourcesOfType(resources(), 'AWS::Lambda::EventSourceMapping')
      .filter(([, m]) => JSON.stringify(props(m).EventSourceArn).includes('InvalidationQueue')).map(([, m]) => m);
    expect(props(mapping).MaximumBatchingWindowInSeconds).toBeLessThanOrEqual(2);
    expect(props(mapping).FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    expect(props(mapping).ScalingConfig).toEqual({ MaximumConcurrency: 2 });
    const queue = props(resources().InvalidationQueue);
    expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(6 * fn.Timeout);
    expect(queue.RedrivePolicy.deadLetterTargetArn).toEqual({ 'Fn::GetAtt': ['InvalidationDeadLetterQueue', 'Arn'] });
    const role = Object.fromEntries(statements(resources().InvalidateRole!).map((s) => [s.Sid, s]));
    expect(role.Invalidations.Action).toBe('cloudfront:CreateInvalidation');
    expect(role.Invalidations.Resource['Fn::Sub']).toMatch(/:distribution\/\$\{Distribution\}$/);
  });

  it('gives the tenants stream an on-failure queue that edge-sync may send to, with an alarm where alarms are on', () => {
    const [mapping] = resourcesOfType(resources(), 'AWS::Lambda::EventSourceMapping')
      .filter(([, m]) => JSON.stringify(props(m).EventSourceArn).includes('TenantsTable')).map(([, m]) => m);
    expect(props(mapping).DestinationConfig).toEqual({ OnFailure: { Destination: { 'Fn::GetAtt': ['EdgeSyncFailureQueue', 'Arn'] } } });
    const send = statements(resources().EdgeSyncRole!).find((s) => s.Sid === 'FailedBatches')!;
    expect([send.Action, send.Resource]).toEqual(['sqs:SendMessage', { 'Fn::GetAtt': ['EdgeSyncFailureQueue', 'Arn'] }]);
    for (const [alarm, queue] of [['EdgeSyncFailureAlarm', 'EdgeSyncFailureQueue'], ['InvalidationDeadLetterAlarm', 'InvalidationDeadLetterQueue']]) {
      const resource = resources()[alarm!];
      if (!alarms) {
        expect(resource).toBeUndefined();
        continue;
      }
      expect(props(resource).Dimensions).toEqual([{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queue, 'QueueName'] } }]);
      expect([props(resource).Threshold, props(resource).ComparisonOperator]).toEqual([1, 'GreaterThanOrEqualToThreshold']);
      expect(props(resource).AlarmActions).toHaveLength(1);
    }
  });

  it('never runs two backfills at once, and Lambda does not retry an asynchronous run', () => {
    expect(props(resources().BackfillLambdaFunction).ReservedConcurrentExecutions).toBe(1);
    const [config] = resourcesOfType(resources(), 'AWS::Lambda::EventInvokeConfig')
      .filter(([, c]) => props(c).FunctionName.Ref === 'BackfillLambdaFunction').map(([, c]) => c);
    expect(props(config).MaximumRetryAttempts).toBe(0);
  });

  it('keeps every function\'s environment within Lambda\'s 4 KB', () => {
    for (const [id, fn] of resourcesOfType(resources(), 'AWS::Lambda::Function')) {
      const { total } = environmentBytes(props(fn).Environment?.Variables ?? {});
      expect([id, total <= ENVIRONMENT_LIMIT_BYTES]).toEqual([id, true]);
    }
  });

  it('names every account-wide (global) resource with its region, so a stage can be deployed in two regions', () => {
    const variant: PackageVariant = VARIANTS[name];
    const region = variant.region ?? 'us-east-1';
    const named = Object.entries(resources()).filter(([, r]) => r.Type.startsWith('AWS::CloudFront::'));
    const names = named.map(([id, r]) => {
      const p = props(r);
      const config = Object.entries(p).find(([key]) => key.endsWith('Config'))?.[1] as Props | undefined;
      return [id, p.Name ?? config?.Name] as const;
    }).filter(([, value]) => value !== undefined);
    expect(names.length).toBeGreaterThanOrEqual(8);
    for (const [id, value] of names) expect([id, String(value)]).toEqual([id, expect.stringContaining(`-${VARIANTS[name].stage}-${region}-`)]);
    // Everything else with a fixed name is regional (Lambda functions, log groups, the table).
    for (const [id, r] of resourcesOfType(resources(), 'AWS::IAM::Role')) expect([id, props(r).RoleName]).toEqual([id, undefined]);
  });

  it('picks the created subnets\' zones by parameter, else the region\'s first two', () => {
    const subnet = resources().PrivateSubnetA;
    if (name === 'lambda') return expect(subnet).toBeUndefined();
    expect(props(subnet).AvailabilityZone).toEqual({ 'Fn::Select': [0, { 'Fn::GetAZs': '' }] });
    expect(props(subnet).AvailabilityZoneId).toBeUndefined();
  });

  it('leaves no Fn::If that the stage\'s parameters already decide (what cfn-lint would check as a dead branch)', () => {
    const text = JSON.stringify(stacks[name].template.Resources) + JSON.stringify(stacks[name].template.Outputs ?? {});
    expect(text).not.toContain('Fn::If');
  });
});

describe('resources/network.yml', () => {
  it('places both created subnets by zone ID when params.availabilityZoneIds names two, by the first two zones otherwise', () => {
    const network = readCloudFormationYaml(path.join(ROOT, 'resources', 'network.yml')) as { Conditions: Props; Resources: Record<string, { Properties: Props }> };
    expect(network.Conditions.ChosenZones).toEqual({ 'Fn::Not': [{ 'Fn::Equals': ['${param:availabilityZoneIds}', ''] }] });
    for (const [id, index] of [['PrivateSubnetA', 0], ['PrivateSubnetB', 1]] as const) {
      const subnet = network.Resources[id]!.Properties;
      expect(subnet.AvailabilityZoneId).toEqual({ 'Fn::If': ['ChosenZones', { 'Fn::Select': [index, { 'Fn::Split': [',', '${param:availabilityZoneIds}'] }] }, { Ref: 'AWS::NoValue' }] });
      expect(subnet.AvailabilityZone).toEqual({ 'Fn::If': ['ChosenZones', { Ref: 'AWS::NoValue' }, { 'Fn::Select': [index, { 'Fn::GetAZs': '' }] }] });
    }
  });
});
