import type { HttpRequest } from '../../../shared/http/request';

/**
 * The site's origin for absolute links (feeds, sitemap): `X-Forwarded-Host` when a proxy in front
 * says where the viewer went, else `Host`; https unless the host is local. Behind CloudFront the
 * API origin sees its own host; the edge gate on the view behaviour sets `X-Forwarded-Host` from
 * the viewer's Host (shared/core/edgePolicy.ts FORWARDED_HOST_HEADER, docs/auth.md).
 */
export function siteOrigin(request: HttpRequest): string {
  const host = (request.headers['x-forwarded-host'] ?? request.headers.host ?? 'localhost').split(',')[0]!.trim();
  const safeHost = /^[a-z0-9.:[\]-]+$/i.test(host) ? host : 'localhost';
  const forwarded = (request.headers['cloudfront-forwarded-proto'] ?? request.headers['x-forwarded-proto'] ?? '').split(',')[0]!.trim();
  const local = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(safeHost);
  const proto = forwarded === 'http' || forwarded === 'https' ? forwarded : local ? 'http' : 'https';
  return `${proto}://${safeHost}`;
}
