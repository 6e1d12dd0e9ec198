import type { HttpRequest } from '../../../shared/http/request';

/**
 * Git sends HTTP Basic credentials (credential helpers store them). The password is a token (an
 * identity-provider token, or a session token from `npm run token`); the user name is ignored.
 * Returns the request with that token as a bearer and no cookies, so only an explicit credential
 * ever authenticates a git request, never a browser's cookie.
 */
export function withGitCredentials(request: HttpRequest): HttpRequest {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(request.headers.authorization ?? '');
  let authorization = request.headers.authorization;
  if (match) {
    const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const token = colon === -1 ? decoded : decoded.slice(colon + 1);
    authorization = token ? `Bearer ${token}` : undefined;
  }
  return { ...request, cookies: {}, headers: { ...request.headers, authorization } };
}
