/**
 * The private-wiki gate (DESIGN §4), one pure policy compiled into both edge builds: the CloudFront
 * Function (functions/edge-auth/cloudfront.ts) and the Lambda@Edge variant
 * (functions/edge-auth/lambdaEdge.ts), and run by the local gateway. Everything it needs from the
 * outside (edge configuration, token verification) comes in as `EdgeDeps`.
 *
 *   path → normalise (./edge/path.ts) → not a wiki: pass (canonical path)
 *        → visibility: public → pass, no crypto, one lookup
 *        → private or unknown → exactly one token (bearer, else the session cookie) → verify
 *        → sub is the namespace owner, or a member of a private wiki → pass
 *        → otherwise: HTML GET → 302 /auth/login?return_to=…, anything else → 401
 *
 * An unknown wiki (no edge entry yet, or none at all) is treated as private with no members: the
 * gate fails closed, and a missing wiki looks exactly like a private one (no existence oracle).
 *
 * Written in the njs subset that cloudfront-js-2.0 parses (see ./edge/path.ts).
 */
import { normalisePath } from './edge/path';
import type { EdgeIdentity } from './edge/hs256';
import type { EdgeVisibility } from './edge/kvsLayout';

export const SESSION_COOKIE = '__Host-wb_session';
export const LOGIN_PATH = '/auth/login';
/** Set on every request the gate passes, so the origin can keep private pages out of browser caches. */
export const ACCESS_HEADER = 'x-wikibot-access';
/**
 * Set on every request the gate passes, from the viewer's Host (any value the viewer sent is
 * overwritten): behind AllViewerExceptHostHeader the API sees its own host, and the write function
 * needs the site's for same-origin checks and absolute URLs (feeds, sitemap).
 */
export const FORWARDED_HOST_HEADER = 'x-forwarded-host';

export interface EdgeRequest {
  readonly method: string;
  /** The path as the viewer sent it (percent-encoded, no query). */
  readonly uri: string;
  /** The Accept header, '' when none. */
  readonly accept: string;
  /** The Authorization header, '' when none. */
  readonly authorization: string;
  /** Every value of a cookie named exactly `__Host-wb_session`, in the order the viewer sent them. */
  readonly sessionCookies: readonly string[];
}

export type TokenSource = 'cookie' | 'bearer';

export interface EdgeDeps {
  /** The wiki's visibility; undefined when the edge configuration does not know the wiki. */
  visibility(user: string, wiki: string): Promise<EdgeVisibility | undefined>;
  isMember(user: string, wiki: string, sub: string): Promise<boolean>;
  /** The identity of a token, or undefined when it does not verify. */
  verify(token: string, source: TokenSource): Promise<EdgeIdentity | undefined>;
}

/** `access` says what kind of content passed: a public or a private wiki, or no wiki at all. */
export type EdgeDecision =
  | { readonly action: 'pass'; readonly uri: string; readonly access: 'public' | 'private' | 'none' }
  | { readonly action: 'redirect' | 'deny'; readonly status: number; readonly headers: Record<string, string>; readonly body: string };

const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;

export async function decideEdge(request: EdgeRequest, deps: EdgeDeps): Promise<EdgeDecision> {
  const path = normalisePath(request.uri);
  if (path.kind === 'bad') return deny(400, 'Bad request (' + path.reason + ')\n');
  if (path.kind === 'other') return { action: 'pass', uri: path.uri, access: 'none' };
  const visibility = await deps.visibility(path.user, path.wiki);
  if (visibility === 'public') return { action: 'pass', uri: path.uri, access: 'public' };

  let token = '';
  let source: TokenSource = 'cookie';
  const bearer = BEARER.exec(request.authorization || '');
  if (bearer) {
    token = bearer[1] as string;
    source = 'bearer';
  } else if (request.sessionCookies.length === 1) {
    token = request.sessionCookies[0] as string;
  }
  // No token, or several session cookies (a planted cookie beside the real one): nobody.
  if (token === '') return challenge(request, path.path);
  const identity = await deps.verify(token, source);
  if (!identity) return challenge(request, path.path);
  if (identity.sub === path.user) return { action: 'pass', uri: path.uri, access: 'private' };
  if (visibility === 'private' && (await deps.isMember(path.user, path.wiki, identity.sub))) {
    return { action: 'pass', uri: path.uri, access: 'private' };
  }
  return challenge(request, path.path);
}

/** A browser navigating (HTML GET) is sent to sign in; anything else gets a 401. Neither is cached. */
function challenge(request: EdgeRequest, uri: string): EdgeDecision {
  const method = request.method.toUpperCase();
  if ((method === 'GET' || method === 'HEAD') && request.accept.indexOf('text/html') !== -1) {
    const location = LOGIN_PATH + '?return_to=' + encodeURIComponent(uri);
    return {
      action: 'redirect',
      status: 302,
      headers: { location: location, 'cache-control': 'no-store' },
      body: '',
    };
  }
  return {
    action: 'deny',
    status: 401,
    headers: { 'cache-control': 'no-store', 'content-type': TEXT, 'www-authenticate': 'Bearer realm="wikibot"' },
    body: 'Sign in to read this wiki.\n',
  };
}

const TEXT = 'text/plain; charset=utf-8';

function deny(status: number, body: string): EdgeDecision {
  return { action: 'deny', status: status, headers: { 'cache-control': 'no-store', 'content-type': TEXT }, body: body };
}
