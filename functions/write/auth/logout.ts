import { ForbiddenError, InvalidInputError } from '../../../shared/core/errors';
import type { HttpRequest } from '../../../shared/http/request';
import { json, type HttpResponse } from '../../../shared/http/response';
import { clearedSessionCookie, clearedSignedInHintCookie } from './cookies';
import { bodyFields, isCrossSite, isFormPost } from './form';
import { safeReturnTo } from './returnTo';

/** POST /auth/logout: clears the session cookie; a form post goes on to `return_to` (default `/`). */
export async function logout(request: HttpRequest): Promise<HttpResponse> {
  if (request.method !== 'POST') throw new InvalidInputError('Use POST /auth/logout.');
  if (isCrossSite(request)) throw new ForbiddenError('Sign out from this site.');
  const cookie = clearedSessionCookie();
  if (isFormPost(request)) {
    const returnTo = safeReturnTo(bodyFields(request).return_to ?? request.query.get('return_to'));
    return { statusCode: 303, headers: { location: returnTo, 'cache-control': 'no-store', 'set-cookie': cookie }, cookies: [clearedSignedInHintCookie()], body: '' };
  }
  return { ...json(200, { signedOut: true }, { 'set-cookie': cookie }), cookies: [clearedSignedInHintCookie()] };
}
