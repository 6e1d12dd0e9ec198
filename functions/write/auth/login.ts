import { verifySessionToken } from '../../../shared/auth/sessionToken';
import { checkMemberSub } from '../../../shared/core/access';
import { ForbiddenError, InvalidInputError, NotFoundError } from '../../../shared/core/errors';
import { escapeHtml } from '../../../shared/core/html';
import { renderStandalonePage } from '../../../shared/core/views/standalonePage';
import type { HttpRequest } from '../../../shared/http/request';
import type { HttpResponse } from '../../../shared/http/response';
import { SESSION_COOKIE } from './cookies';
import type { AuthDeps } from './deps';
import { bodyFields, isCrossSite } from './form';
import { safeReturnTo } from './returnTo';
import { issueSession } from './session';

/**
 * GET /auth/login?return_to=…: the page the edge sends people to. It says who they are signed in
 * as (if anyone), and how to sign in: the dev form under `npm start` (devSignIn), a link to the
 * identity provider in a deployment, and how to use a token from `npm run token` either way.
 */
export async function loginPage(request: HttpRequest, deps: AuthDeps): Promise<HttpResponse> {
  const returnTo = safeReturnTo(request.query.get('return_to'));
  const current = request.cookies[SESSION_COOKIE]
    ? await verifySessionToken(request.cookies[SESSION_COOKIE]!, deps.sessionKeys, deps).catch(() => undefined)
    : undefined;
  const r = escapeHtml(returnTo);
  const parts: string[] = [];
  parts.push(returnTo === '/'
    ? '<p>Sign in to read private wikis and to write.</p>'
    : `<p>Sign in to continue to <code>${r}</code>. A private wiki shows only to its members.</p>`);
  if (current) {
    parts.push(`<p>You are signed in as <strong>${escapeHtml(current.name)}</strong> (<code>${escapeHtml(current.sub)}</code>)` +
      (returnTo === '/' ? '.</p>' : ', who may not read that wiki. Ask its owner to add you as a member, or sign in as someone else.</p>') +
      `<form method="post" action="/auth/logout"><input type="hidden" name="return_to" value="${r}"><button class="wb-button" type="submit">Sign out</button></form>`);
  }
  if (deps.devSignIn) {
    parts.push('<h2>Development sign-in</h2><p>This is a local platform (<code>npm start</code>): sign in as any handle, no password.</p>' +
      `<form method="post" action="/auth/login"><input type="hidden" name="return_to" value="${r}">` +
      '<p class="wb-field"><label for="wb-handle">Handle</label><input id="wb-handle" name="handle" required pattern="[^\\s]{1,256}" autocomplete="username" autofocus></p>' +
      '<p class="wb-field"><label for="wb-name">Name</label><input id="wb-name" name="name" autocomplete="name"></p>' +
      '<p class="wb-form-actions"><button class="wb-button wb-button-primary" type="submit">Sign in</button></p></form>');
  }
  if (deps.idpLoginUrl) {
    const url = new URL(deps.idpLoginUrl);
    url.searchParams.set('state', returnTo);
    parts.push(`<p><a href="${escapeHtml(url.href)}">Sign in with your identity provider</a>; it brings you back here.</p>`);
  }
  if (!deps.devSignIn && !deps.idpLoginUrl) {
    parts.push('<p>This site has no sign-in page of its own. Get a token from its operator ' +
      '(<code>npm run token -- --sub you --name "Your Name"</code>) and exchange it for a session:</p>' +
      '<pre>curl -i -X POST /auth/session -H "authorization: Bearer $TOKEN"</pre>');
  }
  const body = renderStandalonePage({ title: 'Sign in', body: parts.join('\n'), assets: deps.assets });
  return { statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, body };
}

/** POST /auth/login (dev sign-in only): a session for the chosen handle, then back to `return_to`. */
export async function devSignIn(request: HttpRequest, deps: AuthDeps): Promise<HttpResponse> {
  if (!deps.devSignIn) throw new NotFoundError('There is no development sign-in on this site.');
  if (isCrossSite(request)) throw new ForbiddenError('Sign in from this site.');
  const fields = bodyFields(request);
  const handle = (fields.handle ?? '').trim();
  if (!handle) throw new InvalidInputError('Give the handle to sign in as.');
  const sub = checkMemberSub(handle);
  const name = (fields.name ?? '').trim().slice(0, 256) || sub;
  const session = await issueSession({ sub, name }, deps);
  return {
    statusCode: 303,
    headers: { location: safeReturnTo(fields.return_to), 'cache-control': 'no-store', 'set-cookie': session.cookie },
    cookies: [session.hintCookie],
    body: '',
  };
}
