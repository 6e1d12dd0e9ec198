'use strict';
/**
 * Package-time checks and the dead-branch pruning of tools/serverless-wikibot-plugin.js, on the
 * compiled CloudFormation template (osls has filled in every ${param:…} by then). Each check
 * returns human messages; the plugin fails the package with all of them at once.
 */

/** Lambda's limit for all of a function's environment variables together (names and values). */
const ENVIRONMENT_LIMIT_BYTES = 4096;
/**
 * What a value known only at deploy time (a Ref, a GetAtt, a Sub) may grow to: the longest such
 * value here is an ARN or a generated bucket name, well under this.
 */
const DEPLOY_TIME_VALUE_BYTES = 256;

/** The constant value of a condition, or undefined when it depends on deploy-time values. */
function evaluateCondition(conditions, name, seen = new Set()) {
  if (seen.has(name) || !(name in conditions)) return undefined;
  seen.add(name);
  const evaluate = (node) => {
    if (typeof node === 'boolean') return node;
    if (!node || typeof node !== 'object' || Array.isArray(node)) return undefined;
    const [fn, args] = Object.entries(node)[0] || [];
    switch (fn) {
      case 'Condition': return evaluateCondition(conditions, args, seen);
      case 'Fn::Not': { const v = evaluate(args[0]); return v === undefined ? undefined : !v; }
      case 'Fn::And': { const vs = args.map(evaluate); return vs.includes(false) ? false : vs.includes(undefined) ? undefined : true; }
      case 'Fn::Or': { const vs = args.map(evaluate); return vs.includes(true) ? true : vs.includes(undefined) ? undefined : false; }
      case 'Fn::Equals': {
        const [a, b] = args;
        const scalar = (v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
        return scalar(a) && scalar(b) ? String(a) === String(b) : undefined;
      }
      default: return undefined;
    }
  };
  const value = evaluate(conditions[name]);
  seen.delete(name);
  return value;
}

/** Replaces every Fn::If whose condition is constant with the branch the stage takes. */
function pruneUntakenBranches(template) {
  const conditions = template.Conditions || {};
  const walk = (node) => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    const fnIf = node['Fn::If'];
    if (Object.keys(node).length === 1 && Array.isArray(fnIf) && fnIf.length === 3 && typeof fnIf[0] === 'string') {
      const value = evaluateCondition(conditions, fnIf[0]);
      if (value !== undefined) return walk(value ? fnIf[1] : fnIf[2]);
    }
    for (const [key, value] of Object.entries(node)) node[key] = walk(value);
    return node;
  };
  if (template.Resources) template.Resources = walk(template.Resources);
  if (template.Outputs) template.Outputs = walk(template.Outputs);
}

/** The literal string an `!Split [',', X]` splits, or undefined when X is known only at deploy time. */
function splitSource(node) {
  const split = node && node['Fn::Split'];
  return Array.isArray(split) && typeof split[1] === 'string' ? split[1] : undefined;
}

function checkNetwork(template) {
  const resources = template.Resources || {};
  const createVpc = evaluateCondition(template.Conditions || {}, 'CreateVpc');
  const failures = [];
  const subnetIds = ((((resources.WriteLambdaFunction || {}).Properties || {}).VpcConfig) || {}).SubnetIds;
  if (subnetIds !== undefined && createVpc !== undefined) {
    const given = splitSource(subnetIds);
    if (createVpc === false && given === undefined) {
      failures.push('params.vpcId is set but params.subnetIds is not: give the existing VPC\'s two private subnets (in two availability zones), --param subnetIds=subnet-…,subnet-… (docs/deploy.md, "The network choice").');
    } else if (createVpc === true && given !== undefined) {
      failures.push('params.subnetIds is set but params.vpcId is not: give the VPC the subnets belong to (--param vpcId=vpc-…), or neither for a VPC of the stack\'s own.');
    } else if (given !== undefined) {
      const ids = given.split(',').map((id) => id.trim()).filter(Boolean);
      if (ids.length !== 2 || new Set(ids).size !== 2 || !ids.every((id) => /^subnet-[0-9a-f]{8,17}$/.test(id))) {
        failures.push(`params.subnetIds must be two different subnet IDs (subnet-…,subnet-…) in two availability zones (one EFS mount target each), not "${given}".`);
      }
    }
  }
  const zone = (((resources.PrivateSubnetA || {}).Properties) || {}).AvailabilityZoneId;
  const zoneIf = zone && zone['Fn::If'];
  const zones = Array.isArray(zoneIf) ? splitSource((zoneIf[1] || {})['Fn::Select'] && zoneIf[1]['Fn::Select'][1]) : undefined;
  if (zones !== undefined && zones !== '') {
    const ids = zones.split(',').map((id) => id.trim());
    if (ids.length !== 2 || new Set(ids).size !== 2 || !ids.every((id) => /^[a-z]{2,5}[0-9]+-az[0-9]+$/.test(id))) {
      failures.push(`params.availabilityZoneIds must be two different availability zone IDs such as use1-az1,use1-az2 (aws ec2 describe-availability-zones), not "${zones}".`);
    }
    if (createVpc === false) failures.push('params.availabilityZoneIds applies to the stack\'s own VPC only; with params.vpcId the subnets you give decide the zones.');
  }
  return failures;
}

/** Bytes of a function's environment as Lambda counts them: every name and value. */
function environmentBytes(variables) {
  let total = 0;
  const parts = [];
  for (const [name, value] of Object.entries(variables || {})) {
    const bytes = Buffer.byteLength(name) + (typeof value === 'string' ? Buffer.byteLength(value) : DEPLOY_TIME_VALUE_BYTES);
    total += bytes;
    parts.push([name, bytes]);
  }
  return { total, parts: parts.sort((a, b) => b[1] - a[1]) };
}

function checkEnvironmentSizes(template) {
  const failures = [];
  for (const [id, resource] of Object.entries(template.Resources || {})) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const { total, parts } = environmentBytes((((resource.Properties || {}).Environment) || {}).Variables);
    if (total <= ENVIRONMENT_LIMIT_BYTES) continue;
    const largest = parts.slice(0, 3).map(([name, bytes]) => `${name} ${bytes} B`).join(', ');
    failures.push(
      `${id}: its environment is about ${total} bytes, over Lambda's ${ENVIRONMENT_LIMIT_BYTES} (largest: ${largest}). ` +
        'A large identity-provider key set goes in an SSM parameter named by params.idpJwksParameter (read at cold ' +
        'start), or params.idpJwksUrl (fetched at run time) (docs/deploy.md, "Function environments").',
    );
  }
  return failures;
}

function checkSessionKeysParameter(template) {
  const failures = [];
  for (const [id, resource] of Object.entries(template.Resources || {})) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const variables = (((resource.Properties || {}).Environment) || {}).Variables || {};
    for (const [variable, param] of [['SESSION_KEYS_PARAMETER', 'sessionKeysParameter'], ['IDP_JWKS_PARAMETER', 'idpJwksParameter']]) {
      const name = variables[variable];
      if (typeof name === 'string' && name !== '' && !/^\/[A-Za-z0-9_.\-/]+$/.test(name)) {
        failures.push(`${id}: params.${param} must be an SSM parameter name starting with "/" (the roles grant arn:…:parameter<name>), not "${name}".`);
      }
    }
  }
  return [...new Set(failures.map((f) => f.replace(/^[A-Za-z]+: /, '')))];
}

module.exports = {
  ENVIRONMENT_LIMIT_BYTES, DEPLOY_TIME_VALUE_BYTES, evaluateCondition, pruneUntakenBranches, checkNetwork,
  environmentBytes, checkEnvironmentSizes, checkSessionKeysParameter,
};
