'use strict';
/**
 * A local osls plugin (serverless.yml `plugins`) for the two things the YAML cannot say:
 *
 * 1. CloudFront associates a *published version* of a Lambda@Edge function, and osls names the
 *    version resource of edgeAuthLambda after a hash of its code (EdgeAuthLambdaLambdaVersion…).
 *    resources/cloudfront.yml therefore writes `!Ref EdgeAuthLambdaVersion`, and this plugin
 *    points every such Ref at the real version resource once the template is assembled.
 * 2. A Lambda@Edge function must live in us-east-1. With params.edgeAuth: lambda in any other
 *    region the package fails here, rather than the deploy failing halfway through.
 * 3. CloudFront takes ACM certificates from us-east-1 only: a params.certificateArn of another
 *    region fails the package.
 * 4. The stack's own VPC has no way to the internet, so the write function could never fetch
 *    params.idpJwksUrl there: that combination fails the package (give params.idpJwks inline, or
 *    an existing VPC with a NAT).
 * 5. Switches such as params.alarms are compared as strings in Conditions
 *    (`!Equals ['${param:alarms}', 'true']`); a param written unquoted (`alarms: true`) arrives
 *    as a YAML boolean, so literals inside Fn::Equals are turned into strings.
 * 6. The network params must agree: vpcId and subnetIds together (two subnets), or neither;
 *    availabilityZoneIds, when given, two distinct zone IDs (tools/packageChecks.js).
 * 7. Every function's environment fits Lambda's 4 KB (tools/packageChecks.js).
 * 8. params.sessionKeysParameter is an SSM name with a leading `/`, so the roles' parameter ARNs
 *    (`…:parameter${param:sessionKeysParameter}`) name exactly that parameter.
 * 9. Every Fn::If whose condition is constant once osls has filled in the params (all of them)
 *    is replaced by the branch the stage takes. CloudFormation would never read the other one,
 *    and its empty placeholders ('' for an unset vpcId or certificate) are what cfn-lint calls
 *    invalid. The other branch is linted in the variant that takes it (docs/deploy.md, "Lint").
 *
 * It runs after osls merges resources/*.yml into the template and before the template is
 * written, so `sls package` output is exactly what `sls deploy` sends.
 */

const PLACEHOLDER = 'EdgeAuthLambdaVersion';
const EDGE_FUNCTION = 'EdgeAuthLambdaLambdaFunction';
const EDGE_REGION = 'us-east-1';

/** Replaces `{ Ref: from }` with `{ Ref: to }` everywhere in `node`; returns how many. */
function replaceRefs(node, from, to) {
  if (Array.isArray(node)) return node.reduce((n, item) => n + replaceRefs(item, from, to), 0);
  if (!node || typeof node !== 'object') return 0;
  let count = 0;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'Ref' && value === from) {
      node.Ref = to;
      count += 1;
    } else {
      count += replaceRefs(value, from, to);
    }
  }
  return count;
}

/** `{ 'Fn::Equals': ['lambda', 'lambda'] }` after osls resolved the variables → true. */
function isConstantTrue(condition) {
  const equals = condition && condition['Fn::Equals'];
  return Array.isArray(equals) && equals.length === 2 && typeof equals[0] === 'string' && equals[0] === equals[1];
}

/** `{ 'Fn::Equals': [true, 'true'] }` → `{ 'Fn::Equals': ['true', 'true'] }`, at any depth. */
function stringifyEqualsLiterals(node) {
  if (Array.isArray(node)) return node.forEach(stringifyEqualsLiterals);
  if (!node || typeof node !== 'object') return undefined;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'Fn::Equals' && Array.isArray(value)) {
      node[key] = value.map((item) => (typeof item === 'boolean' || typeof item === 'number' ? String(item) : item));
    }
    stringifyEqualsLiterals(node[key]);
  }
  return undefined;
}

const { checkNetwork, checkEnvironmentSizes, checkSessionKeysParameter, pruneUntakenBranches } = require('./packageChecks.js');

class WikibotPlugin {
  constructor(serverless) {
    this.serverless = serverless;
    this.provider = serverless.getProvider('aws');
    this.hooks = {
      'after:aws:package:finalize:mergeCustomProviderResources': () => this.finalizeTemplate(),
    };
  }

  finalizeTemplate() {
    const ServerlessError = this.serverless.classes.Error;
    const template = this.serverless.service.provider.compiledCloudFormationTemplate;
    const resources = template.Resources || {};
    stringifyEqualsLiterals(template.Conditions || {});

    const versions = Object.keys(resources).filter((id) => {
      const resource = resources[id];
      return resource.Type === 'AWS::Lambda::Version' && resource.Properties && resource.Properties.FunctionName
        && resource.Properties.FunctionName.Ref === EDGE_FUNCTION;
    });
    const uses = replaceRefs(resources, PLACEHOLDER, versions[0] || PLACEHOLDER);
    if (uses > 0 && versions.length !== 1) {
      throw new ServerlessError(
        `The distribution associates the Lambda@Edge gate, but the template has ${versions.length} published versions of ` +
          'edgeAuthLambda (it needs exactly one: keep versionFunction on for it).',
        'WIKIBOT_EDGE_VERSION',
      );
    }

    for (const resource of Object.values(resources)) {
      if (resource.Type !== 'AWS::CloudFront::Distribution') continue;
      const arns = JSON.stringify(resource.Properties || {}).match(/"AcmCertificateArn":"[^"]*"/g) || [];
      for (const arn of arns) {
        const value = arn.slice('"AcmCertificateArn":"'.length, -1);
        if (value !== '' && !/^arn:aws[a-z-]*:acm:us-east-1:/.test(value)) {
          throw new ServerlessError(
            `params.certificateArn must be an ACM certificate in ${EDGE_REGION} (CloudFront's rule), not ${value}.`,
            'WIKIBOT_CERTIFICATE_REGION',
          );
        }
      }
    }

    const writeEnv = ((resources.WriteLambdaFunction || {}).Properties || {}).Environment;
    const jwksUrl = writeEnv && writeEnv.Variables && writeEnv.Variables.IDP_JWKS_URL;
    if (typeof jwksUrl === 'string' && jwksUrl !== '' && isConstantTrue((template.Conditions || {}).CreateVpc)) {
      throw new ServerlessError(
        'params.idpJwksUrl is set, but the write function runs in the stack\'s own VPC, which has no internet access to ' +
          'fetch it. Give the key set inline (params.idpJwks) or use an existing VPC with a NAT (docs/deploy.md).',
        'WIKIBOT_JWKS_UNREACHABLE',
      );
    }

    const failures = [
      ...checkNetwork(template),
      ...checkEnvironmentSizes(template),
      ...checkSessionKeysParameter(template),
    ];
    if (failures.length > 0) throw new ServerlessError(failures.join('\n'), 'WIKIBOT_PACKAGE_CHECK');
    pruneUntakenBranches(template);

    const region = this.provider.getRegion();
    if (isConstantTrue((template.Conditions || {}).UseEdgeLambda) && region !== EDGE_REGION) {
      throw new ServerlessError(
        `params.edgeAuth is "lambda", and Lambda@Edge functions must be in ${EDGE_REGION}, but this stage deploys to ` +
          `${region}. Deploy the stage to ${EDGE_REGION} or use edgeAuth: function (docs/deploy.md, "Edge auth").`,
        'WIKIBOT_EDGE_REGION',
      );
    }
  }
}

module.exports = WikibotPlugin;
