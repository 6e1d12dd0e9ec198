import { validateTemplate } from '../helpers/cfnSpec';
import { VARIANTS, packageAll, type CfnTemplate, type PackagedStack, type VariantName } from '../helpers/packagedStack';

/**
 * Every resource of every packaged stage against the CloudFormation resource specification
 * (@aws-cdk/aws-service-spec): a misspelt property, a value of the wrong shape, a missing required
 * property, a Ref or GetAtt to nothing fails here instead of halfway through a deploy.
 */

jest.setTimeout(240_000);

let stacks: Record<VariantName, PackagedStack>;
beforeAll(async () => {
  stacks = await packageAll();
});

describe('the CloudFormation resource specification', () => {
  it.each(Object.keys(VARIANTS) as VariantName[])('accepts every resource of the %s stack', (name) => {
    expect(validateTemplate(stacks[name].template)).toEqual([]);
  });

  it('catches misspelt and misplaced properties, wrong shapes and dangling references', () => {
    const template = JSON.parse(JSON.stringify(stacks.dev.template)) as CfnTemplate & { Resources: Record<string, { Properties: Record<string, any> }> }; // eslint-disable-line @typescript-eslint/no-explicit-any
    const resources = template.Resources;
    resources.TenantsTable!.Properties.PointInTimeRecoverySpecificaton = { PointInTimeRecoveryEnabled: true };
    resources.PageCachePolicy!.Properties.CachePolicyConfig.DefaultTTL = 'thirty';
    resources.WikiAccessPoint!.Properties.PosixUser = { Uid: '1000' };
    resources.Distribution!.Properties.DistributionConfig.CacheBehaviors[0].Compress = { on: true };
    resources.Distribution!.Properties.DistributionConfig.Origins[0].DomainName = { 'Fn::GetAtt': ['AssembleLambdaFunctionUrl', 'Url'] };
    resources.WriteRole!.Properties.Policies[0].PolicyDocument.Statement[0].Resource = { Ref: 'NoSuchLogGroup' };
    (resources as Record<string, unknown>).Typo = { Type: 'AWS::S3::Buckett', Properties: {} };
    const problems = validateTemplate(template).join('\n');
    expect(problems).toContain('unknown property PointInTimeRecoverySpecificaton');
    expect(problems).toContain('PageCachePolicy (AWS::CloudFront::CachePolicy).CachePolicyConfig.DefaultTTL: expected a number');
    expect(problems).toContain('PosixUser: missing required property Gid');
    expect(problems).toContain('CacheBehaviors[0].Compress: expected a boolean');
    expect(problems).toContain('AWS::Lambda::Url has no attribute Url');
    expect(problems).toContain('Ref to unknown NoSuchLogGroup');
    expect(problems).toContain('unknown resource type AWS::S3::Buckett');
  });
});
