import { randomBytes } from 'node:crypto';
import type { ForwardPolicy } from './distribution';

// Connection-level headers never cross a proxy.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'host', 'content-length']);

/**
 * The headers CloudFront sends an origin: what the origin request policy lets through (cookies
 * only if it forwards them), the Host the policy says (the origin's own, unless AllViewer), and
 * what CloudFront adds itself: X-Forwarded-For, Via, X-Amz-Cf-Id, its own User-Agent when the
 * viewer's is not forwarded, and with all viewer headers the CloudFront-Forwarded-Proto and
 * CloudFront-Viewer-Address headers.
 */
export function originRequestHeaders(headers: Record<string, string>, policy: ForwardPolicy, originHost: string, viewerIp: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (HOP_BY_HOP.has(name) || (name === 'cookie' && !policy.cookies)) continue;
    if (name === 'cookie' || policy.headers === 'all' || policy.headers.includes(name)) out[name] = value;
  }
  out.host = policy.host === 'viewer' ? headers.host ?? originHost : originHost;
  out['x-forwarded-for'] = headers['x-forwarded-for'] && policy.headers === 'all' ? `${headers['x-forwarded-for']}, ${viewerIp}` : viewerIp;
  out.via = '2.0 local.cloudfront.net (CloudFront)';
  out['x-amz-cf-id'] = randomBytes(21).toString('base64url');
  if (!out['user-agent']) out['user-agent'] = 'Amazon CloudFront';
  if (policy.headers === 'all') {
    out['cloudfront-forwarded-proto'] = 'http';
    out['cloudfront-viewer-address'] = `${viewerIp}:0`;
  }
  if (headers['content-length'] !== undefined && policy.headers === 'all') out['content-length'] = headers['content-length'];
  return out;
}
