/**
 * The private-wiki gate as a Lambda@Edge viewer-request function: the same policy as the
 * CloudFront Function (shared/core/edgePolicy.ts), chosen per stage with `params.edgeAuth:
 * lambda`. It verifies with `jose`, so besides HS256 session tokens it accepts RS256/ES256 tokens
 * of the stage's identity provider as bearer tokens (JWKS baked in at build time), and it reads
 * visibility and memberships from the tenants table itself (signed GetItem over HTTPS; no SDK, so
 * the bundle stays < 50 KB), caching them in memory for at most 30 s.
 */
import type { CloudFrontRequest, CloudFrontRequestEvent, CloudFrontRequestResult } from 'aws-lambda';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import { parseSessionKeys } from '../../shared/auth/sessionKeys';
import type { SessionKey } from '../../shared/auth/sessionToken';
import { cookieValuesOf } from '../../shared/core/edge/cookies';
import { MAX_TOKEN_LENGTH, type EdgeIdentity } from '../../shared/core/edge/hs256';
import { CLOCK_SKEW_SECONDS, withinLifetime } from '../../shared/core/edge/tokenLifetime';
import type { EdgeVisibility } from '../../shared/core/edge/kvsLayout';
import { ACCESS_HEADER, FORWARDED_HOST_HEADER, SESSION_COOKIE, decideEdge, type EdgeDeps, type TokenSource } from '../../shared/core/edgePolicy';
import { awsJsonClient, environmentCredentials, type AttributeMap } from '../../shared/adapters/dynamoHttpReader';
import { EDGE_SETTINGS_DEFINE, type EdgeLambdaSettings } from './lambdaEdgeSettings';

declare const __WIKIBOT_EDGE__: EdgeLambdaSettings | undefined;

const MAX_IDP_TOKEN_LENGTH = 8192;
const KEY_REFRESH_SECONDS = 300;
const UNKNOWN_KID_RETRY_SECONDS = 30;

export interface EdgeLambdaOptions {
  /** Seconds since the epoch (tests move it). */
  readonly now?: () => number;
  readonly credentials?: () => { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export type EdgeLambdaHandler = (event: CloudFrontRequestEvent) => Promise<CloudFrontRequestResult>;

export function createEdgeLambdaHandler(settings: EdgeLambdaSettings, options: EdgeLambdaOptions = {}): EdgeLambdaHandler {
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  const cacheSeconds = Math.min(settings.cacheSeconds ?? 30, 30);
  // A local table (dynalite) takes any credentials; in AWS the runtime provides the role's.
  const credentials = options.credentials ?? (settings.dynamoEndpoint ? () => ({ accessKeyId: 'local', secretAccessKey: 'local' }) : environmentCredentials);
  const dynamo = awsJsonClient('dynamodb', 'DynamoDB_20120810', { region: settings.region, endpoint: settings.dynamoEndpoint, credentials });
  const ssm = awsJsonClient('ssm', 'AmazonSSM', { region: settings.region, endpoint: settings.ssmEndpoint, credentials });
  const idpKeys = settings.idp ? createLocalJWKSet(settings.idp.jwks) : undefined;

  const cache = new Map<string, { value: Promise<AttributeMap | undefined>; expires: number }>();
  function getItem(pk: string, sk: string): Promise<AttributeMap | undefined> {
    const key = `${pk}\n${sk}`;
    const hit = cache.get(key);
    if (hit && hit.expires > now()) return hit.value;
    const value = dynamo('GetItem', { TableName: settings.tenantsTable, Key: { PK: { S: pk }, SK: { S: sk } } })
      .then((out) => out.Item as AttributeMap | undefined);
    cache.set(key, { value, expires: now() + cacheSeconds });
    // A failed read is not cached: the next request asks again (and this one is refused).
    value.catch(() => cache.delete(key));
    if (cache.size > 10_000) cache.delete(cache.keys().next().value as string);
    return value;
  }

  let keys: { list: SessionKey[]; loaded: number } | undefined;
  let lastMiss = 0;
  async function sessionKey(kid: string): Promise<SessionKey | undefined> {
    if (!keys || now() - keys.loaded > KEY_REFRESH_SECONDS) keys = { list: await loadKeys(), loaded: now() };
    let key = keys.list.find((k) => k.kid === kid);
    // A kid we do not know may be a rotation in progress: reload, but not more than twice a minute.
    if (!key && now() - lastMiss > UNKNOWN_KID_RETRY_SECONDS && now() - keys.loaded > UNKNOWN_KID_RETRY_SECONDS) {
      lastMiss = now();
      keys = { list: await loadKeys(), loaded: now() };
      key = keys.list.find((k) => k.kid === kid);
    }
    return key;
  }
  async function loadKeys(): Promise<SessionKey[]> {
    if (settings.sessionKeys) return parseSessionKeys(settings.sessionKeys);
    if (!settings.sessionKeysParameter) return [];
    const out = await ssm('GetParameter', { Name: settings.sessionKeysParameter, WithDecryption: true });
    return parseSessionKeys(String((out.Parameter as { Value?: string } | undefined)?.Value ?? ''));
  }

  async function verify(token: string, source: TokenSource): Promise<EdgeIdentity | undefined> {
    if (token.length > MAX_IDP_TOKEN_LENGTH) return undefined;
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      return undefined;
    }
    let payload: JWTPayload;
    try {
      if (header.alg === 'HS256') {
        if (token.length > MAX_TOKEN_LENGTH || typeof header.kid !== 'string') return undefined;
        const key = await sessionKey(header.kid);
        if (!key) return undefined;
        ({ payload } = await jwtVerify(token, key.secret, {
          algorithms: ['HS256'], issuer: settings.issuer, audience: settings.audience,
          clockTolerance: CLOCK_SKEW_SECONDS, requiredClaims: ['exp', 'sub'], currentDate: new Date(now() * 1000),
        }));
      } else if ((header.alg === 'RS256' || header.alg === 'ES256') && source === 'bearer' && idpKeys && settings.idp) {
        ({ payload } = await jwtVerify(token, idpKeys, {
          algorithms: ['RS256', 'ES256'], issuer: settings.idp.issuer, audience: settings.idp.audience,
          clockTolerance: CLOCK_SKEW_SECONDS, requiredClaims: ['exp', 'sub'], currentDate: new Date(now() * 1000),
        }));
      } else {
        return undefined;
      }
    } catch {
      return undefined;
    }
    // The one lifetime policy, as in the CloudFront Function (iat not ahead, at most 8 h old and long).
    if (!withinLifetime(payload, now())) return undefined;
    const sub = payload.sub;
    return typeof sub === 'string' && sub.length > 0 && sub.length <= 256 ? { sub } : undefined;
  }

  const deps: EdgeDeps = {
    async visibility(user, wiki): Promise<EdgeVisibility | undefined> {
      const item = await getItem(`WIKI#${user}/${wiki}`, 'META');
      if (!item || item.deleted?.BOOL) return undefined;
      return item.visibility?.S === 'public' ? 'public' : 'private';
    },
    async isMember(user, wiki, sub) {
      const item = await getItem(`WIKI#${user}/${wiki}`, `MEMBER#${sub}`);
      const role = item?.role?.S;
      return role === 'reader' || role === 'editor' || role === 'admin';
    },
    verify,
  };

  return async (event) => {
    const request = event.Records[0]!.cf.request;
    const header = (name: string) => (request.headers[name] ?? []).map((h) => h.value);
    let decision;
    try {
      decision = await decideEdge({
        method: request.method,
        uri: request.uri,
        accept: header('accept').join(','),
        authorization: header('authorization')[0] ?? '',
        sessionCookies: cookieValuesOf(header('cookie'), SESSION_COOKIE),
      }, deps);
    } catch {
      // The table could not be read: refuse rather than guess (a browser may simply retry).
      return respond(503, { 'cache-control': 'no-store', 'content-type': 'text/plain; charset=utf-8', 'retry-after': '1' }, 'Temporarily unavailable.\n');
    }
    if (decision.action === 'pass') {
      request.uri = decision.uri;
      request.headers[ACCESS_HEADER] = [{ key: ACCESS_HEADER, value: decision.access }];
      // The viewer's Host as the API behaviours forward it (edgePolicy.ts FORWARDED_HOST_HEADER).
      request.headers[FORWARDED_HOST_HEADER] = [{ key: 'X-Forwarded-Host', value: header('host')[0] ?? '' }];
      return request as CloudFrontRequest;
    }
    return respond(decision.status, decision.headers, decision.body);
  };
}

const REASONS: Record<number, string> = { 302: 'Found', 400: 'Bad Request', 401: 'Unauthorized', 503: 'Service Unavailable' };

function respond(status: number, headers: Record<string, string>, body: string): CloudFrontRequestResult {
  const out: Record<string, { key: string; value: string }[]> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = [{ key: name, value }];
  return { status: String(status), statusDescription: REASONS[status] ?? 'Error', headers: out, ...(body ? { body } : {}) };
}

let baked: EdgeLambdaHandler | undefined;

/** The deployed entry point: settings come from the build (`define`), never from the environment. */
export const handler: EdgeLambdaHandler = (event) => {
  if (typeof __WIKIBOT_EDGE__ === 'undefined') {
    throw new Error(`This Lambda@Edge bundle was built without ${EDGE_SETTINGS_DEFINE}; build it with serverlessEsbuildConfig().`);
  }
  baked ??= createEdgeLambdaHandler(__WIKIBOT_EDGE__);
  return baked(event);
};
