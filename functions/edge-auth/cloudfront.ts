/**
 * The private-wiki gate as a CloudFront Function (viewer-request, cloudfront-js-2.0): the pure
 * policy of shared/core/edgePolicy.ts with its configuration read from the KeyValueStore
 * associated with the function (layout: shared/core/edge/kvsLayout.ts) and HMAC-SHA256 from the
 * runtime's `crypto` module. functions/edge-auth/build.ts bundles this file into one minified
 * script (< 7 KB) whose `handler` CloudFront calls.
 *
 * Written in the njs subset the runtime parses (see shared/core/edge/path.ts); `async` only on
 * top-level function declarations, and KVS reads one after the other (no Promise combinators).
 */
import cf from 'cloudfront';
import crypto from 'crypto';
import { ACCESS_HEADER, FORWARDED_HOST_HEADER, SESSION_COOKIE, decideEdge, type EdgeDecision, type EdgeDeps, type TokenSource } from '../../shared/core/edgePolicy';
import { verifyHs256, type Hs256Deps } from '../../shared/core/edge/hs256';
import { kvsIsMember, kvsSessionKey, kvsVisibility, type KvsGet } from '../../shared/core/edge/kvsLayout';

interface CfValue {
  value: string;
  multiValue?: { value: string }[];
}
interface CfRequest {
  method: string;
  uri: string;
  headers: Record<string, CfValue | undefined>;
  cookies?: Record<string, CfValue | undefined>;
}
interface CfEvent {
  request: CfRequest;
}
interface CfResponse {
  statusCode: number;
  statusDescription: string;
  headers: Record<string, { value: string }>;
  body?: { encoding: 'text'; data: string };
}

const kvs = cf.kvs();
const get: KvsGet = function (key) {
  return kvs.get(key);
};

function sha256(text: string): string {
  return crypto.createHash('sha256').update(text).digest('base64url');
}

const hs256: Hs256Deps = {
  key: function (kid) {
    return kvsSessionKey(get, kid);
  },
  hmac: function (secret, data) {
    return crypto.createHmac('sha256', Buffer.from(secret, 'base64url')).update(data).digest('base64url');
  },
  now: function () {
    return Math.floor(Date.now() / 1000);
  },
  decode: function (part) {
    return Buffer.from(part, 'base64url').toString('utf8');
  },
};

const deps: EdgeDeps = {
  visibility: function (user, wiki) {
    return kvsVisibility(get, user, wiki);
  },
  isMember: function (user, wiki, sub) {
    return kvsIsMember(get, user, wiki, sub, sha256);
  },
  verify: function (token: string, _source: TokenSource) {
    // The CloudFront Function knows only session tokens (HS256); IdP tokens need the Lambda@Edge build.
    return verifyHs256(token, hs256);
  },
};


/** CloudFront's viewer-request entry point (build.ts names it `handler` in the output). */
export async function handleViewerRequest(event: CfEvent): Promise<CfRequest | CfResponse> {
  const request = event.request;
  const decision: EdgeDecision = await decideEdge(
    {
      method: request.method,
      uri: request.uri,
      accept: headerValue(request, 'accept'),
      authorization: headerValue(request, 'authorization'),
      sessionCookies: cookieValues(request.cookies, SESSION_COOKIE),
    },
    deps,
  );
  if (decision.action === 'pass') {
    request.uri = decision.uri;
    request.headers[ACCESS_HEADER] = { value: decision.access };
    request.headers[FORWARDED_HOST_HEADER] = { value: headerValue(request, 'host') };
    return request;
  }
  const headers: Record<string, { value: string }> = {};
  const names = Object.keys(decision.headers);
  for (let i = 0; i < names.length; i++) headers[names[i] as string] = { value: decision.headers[names[i] as string] as string };
  const response: CfResponse = { statusCode: decision.status, statusDescription: decision.status === 302 ? 'Found' : decision.status === 401 ? 'Unauthorized' : 'Bad Request', headers: headers };
  if (decision.body) response.body = { encoding: 'text', data: decision.body };
  return response;
}

function headerValue(request: CfRequest, name: string): string {
  const header = request.headers[name];
  return header ? header.value : '';
}

/** Every value of the named cookie: CloudFront folds repeats of a name into `multiValue`. */
function cookieValues(cookies: Record<string, CfValue | undefined> | undefined, name: string): string[] {
  const cookie = cookies ? cookies[name] : undefined;
  if (!cookie) return [];
  if (!cookie.multiValue || cookie.multiValue.length === 0) return [cookie.value];
  const values: string[] = [];
  for (let i = 0; i < cookie.multiValue.length; i++) values.push((cookie.multiValue[i] as { value: string }).value);
  return values;
}
