// eslint-disable-next-line @typescript-eslint/no-require-imports
const WikibotPlugin = require('../../tools/serverless-wikibot-plugin.js') as new (serverless: unknown) => { hooks: Record<string, () => void> };

/** The local osls plugin (tools/serverless-wikibot-plugin.js), on a hand-made compiled template. */

class ServerlessError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
  }
}

function run(template: Record<string, unknown>, region = 'us-east-1') {
  const serverless = {
    classes: { Error: ServerlessError },
    getProvider: () => ({ getRegion: () => region }),
    service: { provider: { compiledCloudFormationTemplate: template } },
  };
  new WikibotPlugin(serverless).hooks['after:aws:package:finalize:mergeCustomProviderResources']!();
  return template;
}

const version = { Type: 'AWS::Lambda::Version', Properties: { FunctionName: { Ref: 'EdgeAuthLambdaLambdaFunction' } } };
const association = () => ({ LambdaFunctionAssociations: [{ EventType: 'viewer-request', LambdaFunctionARN: { Ref: 'EdgeAuthLambdaVersion' } }] });

describe('tools/serverless-wikibot-plugin.js', () => {
  it('points the distribution at the published version of the Lambda@Edge gate', () => {
    const template = run({
      Conditions: { UseEdgeLambda: { 'Fn::Equals': ['lambda', 'lambda'] } },
      Resources: { EdgeAuthLambdaLambdaVersionAbc123: version, Distribution: { Type: 'AWS::CloudFront::Distribution', Properties: association() } },
    });
    expect(JSON.stringify(template)).toContain('{"Ref":"EdgeAuthLambdaLambdaVersionAbc123"}');
    expect(JSON.stringify(template)).not.toContain('"EdgeAuthLambdaVersion"');
  });

  it('refuses the Lambda@Edge gate outside us-east-1', () => {
    expect(() => run({
      Conditions: { UseEdgeLambda: { 'Fn::Equals': ['lambda', 'lambda'] } },
      Resources: { EdgeAuthLambdaLambdaVersionAbc123: version },
    }, 'eu-west-1')).toThrow(/must be in us-east-1.*eu-west-1/);
  });

  it('allows any region with the CloudFront Function gate', () => {
    expect(() => run({
      Conditions: { UseEdgeLambda: { 'Fn::Equals': ['function', 'lambda'] } },
      Resources: { EdgeAuthLambdaLambdaVersionAbc123: version },
    }, 'eu-west-1')).not.toThrow();
  });

  it('fails when the association has no single version to point at', () => {
    expect(() => run({ Resources: { Distribution: { Type: 'AWS::CloudFront::Distribution', Properties: association() } } }))
      .toThrow(/0 published versions/);
  });

  it('refuses a certificate outside us-east-1', () => {
    const distribution = (arn: string) => ({
      Resources: { Distribution: { Type: 'AWS::CloudFront::Distribution', Properties: { DistributionConfig: { ViewerCertificate: { 'Fn::If': ['HasDomain', { AcmCertificateArn: arn }, {}] } } } } },
    });
    expect(() => run(distribution('arn:aws:acm:eu-west-1:123456789012:certificate/abc'))).toThrow(/certificateArn must be an ACM certificate in us-east-1/);
    expect(() => run(distribution('arn:aws:acm:us-east-1:123456789012:certificate/abc'))).not.toThrow();
    expect(() => run(distribution(''))).not.toThrow();
  });

  it('refuses a JWKS URL that the write function could not reach from the stack\'s own VPC', () => {
    const stack = (createVpc: string, url: string) => ({
      Conditions: { CreateVpc: { 'Fn::Equals': [createVpc, ''] } },
      Resources: { WriteLambdaFunction: { Type: 'AWS::Lambda::Function', Properties: { Environment: { Variables: { IDP_JWKS_URL: url } } } } },
    });
    expect(() => run(stack('', 'https://idp.example.com/jwks.json'))).toThrow(/no internet access/);
    expect(() => run(stack('vpc-0123', 'https://idp.example.com/jwks.json'))).not.toThrow();
    expect(() => run(stack('', ''))).not.toThrow();
  });

  it('compares switches written as YAML booleans as the strings the conditions expect', () => {
    const template = run({ Conditions: { AlarmsEnabled: { 'Fn::Equals': [true, 'true'] }, Nested: { 'Fn::Not': [{ 'Fn::Equals': [1, '1'] }] } }, Resources: {} });
    expect(template.Conditions).toEqual({ AlarmsEnabled: { 'Fn::Equals': ['true', 'true'] }, Nested: { 'Fn::Not': [{ 'Fn::Equals': ['1', '1'] }] } });
  });
});
