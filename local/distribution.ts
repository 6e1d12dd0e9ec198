import * as path from 'node:path';
import { evaluateIntrinsics, readCloudFormationYaml, referencedResources } from './cloudFormationYaml';

/**
 * The CloudFront distribution as the local gateway runs it, read from the template that deploys
 * it (resources/cloudfront.yml), so the two cannot drift: behaviours in CloudFront's precedence
 * order, each with its origin (kind, OriginPath, the Host it sees), what reaches that origin from
 * the viewer, its cache TTLs, whether the edge gate runs, and its response headers. Anything in the
 * template this reader does not know (an origin, a managed policy, a function event) is an error
 * at start-up, never a silent difference.
 */
export const DISTRIBUTION_TEMPLATE = path.resolve(__dirname, '..', 'resources', 'cloudfront.yml');

/** What answers behind an origin: the HTTP API (write function), the assemble Function URL, or the bucket. */
export type OriginKind = 'api' | 'function-url' | 'bucket';

export interface DistributionOrigin {
  readonly id: string;
  readonly kind: OriginKind;
  /** CloudFront's OriginPath ('' or `/prefix`): put in front of every path this origin receives. */
  readonly originPath: string;
  /** The origin's own domain name: the Host it sees unless a policy forwards the viewer's. */
  readonly host: string;
  /** OriginCustomHeaders: added to every request to this origin, over any the viewer sent. */
  readonly customHeaders: Readonly<Record<string, string>>;
}

/** What an origin receives from the viewer (the origin request policy, plus the cache policy's keys). */
export interface ForwardPolicy {
  /** Every viewer header, or only these (lower-case) names. */
  readonly headers: 'all' | readonly string[];
  readonly cookies: boolean;
  readonly queryStrings: boolean;
  /** Whose Host the origin sees: its own (AllViewerExceptHostHeader, no policy) or the viewer's (AllViewer). */
  readonly host: 'origin' | 'viewer';
}

/** A cache policy keyed by the path alone (the only kind this distribution uses). */
export interface CacheTtls {
  readonly min: number;
  readonly default: number;
  readonly max: number;
}

export interface Behaviour {
  /** `*` for the default behaviour. */
  readonly pathPattern: string;
  readonly origin: DistributionOrigin;
  readonly allowedMethods: readonly string[];
  /** undefined: CachingDisabled. */
  readonly cache?: CacheTtls;
  readonly forward: ForwardPolicy;
  /** The edge gate (CloudFront Function or Lambda@Edge) runs at viewer request. */
  readonly edgeGate: boolean;
  /** Added to every response, replacing the origin's (the response headers policy, CSP aside). */
  readonly responseHeaders: Readonly<Record<string, string>>;
}

export interface Distribution {
  /** In precedence order; the default behaviour (`*`) is last. */
  readonly behaviours: readonly Behaviour[];
  /** CustomErrorResponses' ErrorCachingMinTTL by status code; CloudFront's default is 10 s. */
  readonly errorCachingMinTtl: Readonly<Record<number, number>>;
}

export interface LocalStandIns {
  readonly region: string;
  readonly bucket: string;
  /** The stage's `originVerifySecret` (docs/auth.md); empty or absent: the HasOriginVerify condition is false. */
  readonly originVerifySecret?: string;
}

/** The behaviour CloudFront picks for a request path (raw, as the viewer sent it, no query). */
export function behaviourFor(distribution: Distribution, rawPath: string): Behaviour {
  const found = distribution.behaviours.find((b) => compiled(b.pathPattern).test(rawPath));
  if (!found) throw new Error(`No behaviour matches ${rawPath}: the distribution has no default.`);
  return found;
}

/**
 * CloudFront's path pattern: case-sensitive, `*` any run of characters (slashes included), `?`
 * exactly one; the leading `/` is optional. Matched against the whole path.
 */
export function pathPatternRegExp(pattern: string): RegExp {
  const body = pattern.replace(/^\//, '').replace(/[.+^${}()|[\]\\*?]/g, (c) => (c === '*' ? '.*' : c === '?' ? '.' : `\\${c}`));
  return new RegExp(`^/${body}$`, 's');
}

const patterns = new Map<string, RegExp>();
function compiled(pattern: string): RegExp {
  let regExp = patterns.get(pattern);
  if (!regExp) patterns.set(pattern, (regExp = pathPatternRegExp(pattern)));
  return regExp;
}

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

// Managed policies (their documented settings), by id.
const MANAGED_CACHE: Record<string, CacheTtls | 'disabled'> = {
  '658327ea-f89d-4fab-a63d-7e88639e58f6': { min: 1, default: 86_400, max: 31_536_000 }, // CachingOptimized
  '4135ea2d-6df8-44a3-9df3-4b5a84be39ad': 'disabled', // CachingDisabled
};
const MANAGED_ORIGIN_REQUEST: Record<string, ForwardPolicy> = {
  'b689b0a8-53d0-40ab-baf2-68738e2966ac': { headers: 'all', cookies: true, queryStrings: true, host: 'origin' }, // AllViewerExceptHostHeader
  '216adef6-5c7f-47e4-b989-5492eafa07d3': { headers: 'all', cookies: true, queryStrings: true, host: 'viewer' }, // AllViewer
};
const NOTHING: ForwardPolicy = { headers: [], cookies: false, queryStrings: false, host: 'origin' };

/** Reads the distribution from its template (default resources/cloudfront.yml). */
export function loadDistribution(standIns: LocalStandIns, file: string = DISTRIBUTION_TEMPLATE): Distribution {
  return readDistribution(readCloudFormationYaml(file) as Json, standIns);
}

export function readDistribution(template: Json, standIns: LocalStandIns): Distribution {
  const resources = template?.Resources ?? {};
  const config = resources.Distribution?.Properties?.DistributionConfig;
  if (!config) throw new Error('The template has no Distribution resource.');
  const resource = (ref: Json, type: string) => {
    const name = ref?.Ref;
    const found = typeof name === 'string' ? resources[name] : undefined;
    if (!found || found.Type !== type) throw new Error(`Expected !Ref to a ${type}, got ${JSON.stringify(ref)}.`);
    return found.Properties;
  };

  const origins = new Map<string, DistributionOrigin>();
  for (const origin of config.Origins ?? []) origins.set(origin.Id, readOrigin(origin, standIns));

  const behaviour = (raw: Json, pathPattern: string): Behaviour => {
    const origin = origins.get(raw.TargetOriginId);
    if (!origin) throw new Error(`Behaviour ${pathPattern}: no origin ${raw.TargetOriginId}.`);
    return {
      pathPattern,
      origin,
      allowedMethods: raw.AllowedMethods ?? ['GET', 'HEAD'],
      cache: readCache(raw.CachePolicyId, (ref) => resource(ref, 'AWS::CloudFront::CachePolicy')),
      forward: readOriginRequest(raw.OriginRequestPolicyId, (ref) => resource(ref, 'AWS::CloudFront::OriginRequestPolicy')),
      edgeGate: readEdgeGate(raw, pathPattern),
      responseHeaders: raw.ResponseHeadersPolicyId
        ? readResponseHeaders(resource(raw.ResponseHeadersPolicyId, 'AWS::CloudFront::ResponseHeadersPolicy'))
        : {},
    };
  };
  const behaviours = (config.CacheBehaviors ?? []).map((raw: Json) => behaviour(raw, raw.PathPattern));
  behaviours.push(behaviour(config.DefaultCacheBehavior, '*'));
  const errorCachingMinTtl: Record<number, number> = {};
  for (const e of config.CustomErrorResponses ?? []) {
    if (e.ResponsePagePath || e.ResponseCode) throw new Error(`CustomErrorResponses for ${e.ErrorCode}: only ErrorCachingMinTTL is emulated locally.`);
    errorCachingMinTtl[Number(e.ErrorCode)] = Number(e.ErrorCachingMinTTL ?? 10);
  }
  return { behaviours, errorCachingMinTtl };
}

function readOrigin(origin: Json, standIns: LocalStandIns): DistributionOrigin {
  const names = referencedResources(origin.DomainName);
  const values: Record<string, string> = {
    'AWS::Region': standIns.region,
    HttpApi: 'local-api',
    'AssembleLambdaFunctionUrl.FunctionUrl': `https://local-url.lambda-url.${standIns.region}.on.aws/`,
    'FragmentsBucket.RegionalDomainName': `${standIns.bucket}.s3.${standIns.region}.amazonaws.com`,
  };
  let kind: OriginKind;
  if (names.includes('HttpApi') && origin.CustomOriginConfig) kind = 'api';
  else if (names.includes('AssembleLambdaFunctionUrl') && origin.CustomOriginConfig) kind = 'function-url';
  else if (names.includes('FragmentsBucket') && origin.S3OriginConfig) kind = 'bucket';
  else throw new Error(`Origin ${origin.Id}: the local platform has no stand-in for ${JSON.stringify(origin.DomainName)}.`);
  const originPath = origin.OriginPath ?? '';
  if (originPath !== '' && !/^\/[^?#]*[^/]$/.test(originPath)) throw new Error(`Origin ${origin.Id}: OriginPath must start with / and not end with one.`);
  const customHeaders = readCustomHeaders(origin, standIns);
  return { id: origin.Id, kind, originPath, host: evaluateIntrinsics(origin.DomainName, values), customHeaders };
}

/**
 * OriginCustomHeaders as the stage would package them: a plain list, or `!If [HasOriginVerify, list,
 * !Ref AWS::NoValue]`, whose condition is the stage's `originVerifySecret` being set. Values may name
 * `${param:originVerifySecret}`; anything else is refused rather than guessed.
 */
function readCustomHeaders(origin: Json, standIns: LocalStandIns): Record<string, string> {
  let list = origin.OriginCustomHeaders;
  if (list === undefined) return {};
  const branches = list?.['Fn::If'];
  if (branches) {
    if (branches[0] !== 'HasOriginVerify') throw new Error(`Origin ${origin.Id}: OriginCustomHeaders under condition ${branches[0]} are not emulated locally.`);
    list = standIns.originVerifySecret ? branches[1] : branches[2];
    if (list?.Ref === 'AWS::NoValue') return {};
  }
  if (!Array.isArray(list)) throw new Error(`Origin ${origin.Id}: OriginCustomHeaders must be a list.`);
  const headers: Record<string, string> = {};
  for (const entry of list) {
    const value = String(entry.HeaderValue).replace('${param:originVerifySecret}', standIns.originVerifySecret ?? '');
    if (/\$\{/.test(value)) throw new Error(`Origin ${origin.Id}: header ${entry.HeaderName} has a value the local platform cannot know.`);
    headers[String(entry.HeaderName).toLowerCase()] = value;
  }
  return headers;
}

function readCache(id: Json, resolve: (ref: Json) => Json): CacheTtls | undefined {
  if (typeof id === 'string') {
    const managed = MANAGED_CACHE[id];
    if (!managed) throw new Error(`Unknown managed cache policy ${id}.`);
    return managed === 'disabled' ? undefined : managed;
  }
  const config = resolve(id).CachePolicyConfig;
  const keys = config.ParametersInCacheKeyAndForwardedToOrigin ?? {};
  // The gateway's cache keys by path only; a policy that keys by more would need more here.
  if (keys.CookiesConfig?.CookieBehavior !== 'none' || keys.HeadersConfig?.HeaderBehavior !== 'none' || keys.QueryStringsConfig?.QueryStringBehavior !== 'none') {
    throw new Error(`Cache policy ${config.Name}: only path-keyed policies are emulated locally.`);
  }
  return { min: Number(config.MinTTL), default: Number(config.DefaultTTL), max: Number(config.MaxTTL) };
}

function readOriginRequest(id: Json, resolve: (ref: Json) => Json): ForwardPolicy {
  if (id === undefined) return NOTHING;
  if (typeof id === 'string') {
    const managed = MANAGED_ORIGIN_REQUEST[id];
    if (!managed) throw new Error(`Unknown managed origin request policy ${id}.`);
    return managed;
  }
  const config = resolve(id).OriginRequestPolicyConfig;
  const headers = config.HeadersConfig?.HeaderBehavior === 'whitelist' ? (config.HeadersConfig.Headers as string[]).map((h) => h.toLowerCase())
    : config.HeadersConfig?.HeaderBehavior === 'none' ? [] : undefined;
  const cookies = config.CookiesConfig?.CookieBehavior;
  const query = config.QueryStringsConfig?.QueryStringBehavior;
  if (!headers || !['none', 'all'].includes(cookies) || !['none', 'all'].includes(query) || headers.includes('host')) {
    throw new Error(`Origin request policy ${config.Name}: only none/all cookies and query strings and listed headers (never Host) are emulated locally.`);
  }
  return { headers, cookies: cookies === 'all', queryStrings: query === 'all', host: 'origin' };
}

/**
 * Whether the edge gate runs: the CloudFront Function association when `UseEdgeLambda` is false,
 * the Lambda@Edge one when true. Both must agree, and only viewer-request is emulated.
 */
function readEdgeGate(raw: Json, pathPattern: string): boolean {
  const events = (value: Json, useLambda: boolean): string[] => {
    const list = chooseIf(value, useLambda);
    return Array.isArray(list) ? list.map((a: Json) => String(a.EventType)) : [];
  };
  const asFunction = [...events(raw.FunctionAssociations, false), ...events(raw.LambdaFunctionAssociations, false)];
  const asLambda = [...events(raw.FunctionAssociations, true), ...events(raw.LambdaFunctionAssociations, true)];
  for (const event of [...asFunction, ...asLambda]) {
    if (event !== 'viewer-request') throw new Error(`Behaviour ${pathPattern}: ${event} functions are not emulated locally.`);
  }
  if (asFunction.length !== asLambda.length) throw new Error(`Behaviour ${pathPattern}: the two edge builds are associated differently.`);
  return asFunction.length > 0;
}

function chooseIf(value: Json, useLambda: boolean): Json {
  const branches = value?.['Fn::If'];
  if (!branches) return value?.Ref === 'AWS::NoValue' ? undefined : value;
  if (branches[0] !== 'UseEdgeLambda') throw new Error(`Unexpected condition ${branches[0]} on an edge association.`);
  return chooseIf(useLambda ? branches[1] : branches[2], useLambda);
}

function readResponseHeaders(properties: Json): Record<string, string> {
  const config = properties.ResponseHeadersPolicyConfig;
  const security = config.SecurityHeadersConfig ?? {};
  const headers: Record<string, string> = {};
  const hsts = security.StrictTransportSecurity;
  if (hsts) {
    headers['strict-transport-security'] =
      `max-age=${hsts.AccessControlMaxAgeSec}${hsts.IncludeSubdomains ? '; includeSubDomains' : ''}${hsts.Preload ? '; preload' : ''}`;
  }
  if (security.ContentTypeOptions) headers['x-content-type-options'] = 'nosniff';
  if (security.FrameOptions) headers['x-frame-options'] = String(security.FrameOptions.FrameOption);
  if (security.ReferrerPolicy) headers['referrer-policy'] = String(security.ReferrerPolicy.ReferrerPolicy);
  // The CSP is left out locally: its upgrade-insecure-requests would send a browser on the plain
  // http://localhost gateway to https. test/browser/editor.test.ts applies it to a real page.
  for (const item of config.CustomHeadersConfig?.Items ?? []) headers[String(item.Header).toLowerCase()] = String(item.Value);
  return headers;
}
