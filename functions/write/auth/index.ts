import { MethodNotAllowedError, NotFoundError } from '../../../shared/core/errors';
import type { HttpRequest } from '../../../shared/http/request';
import type { HttpResponse } from '../../../shared/http/response';
import type { AuthDeps } from './deps';
import { devSignIn, loginPage } from './login';
import { logout } from './logout';
import { createSession } from './session';

export type { AuthDeps } from './deps';
export { createSession } from './session';
export { devSignIn, loginPage } from './login';
export { logout } from './logout';

type AuthEndpoint = (request: HttpRequest, deps: AuthDeps) => Promise<HttpResponse>;

/** The /auth endpoints (DESIGN §4), by path and method. */
export const AUTH_ENDPOINTS: Readonly<Record<string, Readonly<Record<string, AuthEndpoint>>>> = {
  '/auth/login': { GET: loginPage, POST: devSignIn },
  '/auth/session': { POST: createSession },
  '/auth/logout': { POST: logout },
};

/** Answers a request under /auth/, or undefined for any other path (the API router's). */
export async function handleAuthRequest(request: HttpRequest, deps: AuthDeps): Promise<HttpResponse | undefined> {
  if (request.segments[0] !== 'auth') return undefined;
  const endpoint = AUTH_ENDPOINTS[`/${request.segments.join('/')}`];
  if (!endpoint) throw new NotFoundError(`There is nothing at ${request.rawPath}.`);
  const method = request.method === 'HEAD' ? 'GET' : request.method;
  const handle = endpoint[method];
  if (!handle) throw new MethodNotAllowedError(request.method, Object.keys(endpoint));
  return handle(request, deps);
}
