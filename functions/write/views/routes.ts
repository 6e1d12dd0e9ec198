import type { SessionKey } from '../../../shared/auth/sessionToken';
import { WikibotError } from '../../../shared/core/errors';
import { escapeHtml } from '../../../shared/core/html';
import { notice } from '../../../shared/core/views/layout';
import type { HttpRequest } from '../../../shared/http/request';
import { errorToJson, statusOf, type HttpResponse } from '../../../shared/http/response';
import { matchRoute, type RouteSpec } from '../../../shared/http/router';
import type { CommandContext } from '../context';
import { azIndexView } from './azIndex';
import { blameView } from './blame';
import { changelogView } from './changelog';
import { commitView } from './commit';
import { diffView } from './diff';
import { atomFeedView, rssFeedView } from './feeds';
import type { ViewHandler, ViewRequest } from './frame';
import { historyView } from './history';
import { meView } from './me';
import { barePage, htmlResponse, requestTarget, wantsJson } from './respond';
import { revisionView } from './revision';
import { searchView } from './search';
import { sitemapView } from './sitemap';
import { sourceView } from './source';
import { once } from '../../../shared/core/once';

export interface ViewRoute extends RouteSpec {
  readonly handle: ViewHandler;
}

type EditorViews = typeof import('../editor/views');
const editorViews = once(() => import('../editor/views'));

/** An editor view (its own route family, a chunk of its own): loaded by the first request that edits. */
const editor = (name: keyof EditorViews): ViewHandler => async (view) => (await editorViews())[name](view);

const V = '/{user}/{wiki}/-';
const P = '{page+}';

/**
 * The dynamic views (DESIGN §2: `/{user}/{wiki}/-/{view}/…`, served by the write function,
 * uncached). Read-only views need the reader role (anyone on a public wiki), the editor's views
 * the editor role; every POST is CSRF-checked. docs/views.md lists them.
 */
export const VIEW_ROUTES: readonly ViewRoute[] = [
  { method: 'GET', path: `${V}/history/${P}`, handle: historyView },
  { method: 'GET', path: `${V}/diff/${P}`, handle: diffView },
  { method: 'GET', path: `${V}/blame/${P}`, handle: blameView },
  { method: 'GET', path: `${V}/source/${P}`, handle: sourceView },
  { method: 'GET', path: `${V}/view/${P}`, handle: revisionView },
  { method: 'GET', path: `${V}/commit`, handle: commitView },
  { method: 'GET', path: `${V}/changelog`, handle: changelogView },
  { method: 'GET', path: `${V}/changelog/feed.rss`, handle: rssFeedView },
  { method: 'GET', path: `${V}/changelog/feed.atom`, handle: atomFeedView },
  { method: 'GET', path: `${V}/index`, handle: azIndexView },
  { method: 'GET', path: `${V}/sitemap.xml`, handle: sitemapView },
  { method: 'GET', path: `${V}/search`, handle: searchView },
  { method: 'GET', path: `${V}/edit/${P}`, handle: editor('editView') },
  { method: 'POST', path: `${V}/save/${P}`, handle: editor('saveView') },
  { method: 'POST', path: `${V}/preview/${P}`, handle: editor('previewView') },
  { method: 'POST', path: `${V}/draft/${P}`, handle: editor('draftView') },
  { method: 'GET', path: `${V}/create`, handle: editor('createFormView') },
  { method: 'POST', path: `${V}/create`, handle: editor('createView') },
  { method: 'GET', path: `${V}/rename/${P}`, handle: editor('renameFormView') },
  { method: 'POST', path: `${V}/rename/${P}`, handle: editor('renameView') },
  { method: 'GET', path: `${V}/delete/${P}`, handle: editor('deleteFormView') },
  { method: 'POST', path: `${V}/delete/${P}`, handle: editor('deleteView') },
  { method: 'GET', path: `${V}/attachments/${P}`, handle: editor('attachmentsView') },
  { method: 'POST', path: `${V}/attachments/${P}`, handle: editor('uploadView') },
  { method: 'GET', path: `${V}/revert`, handle: editor('revertFormView') },
  { method: 'POST', path: `${V}/revert`, handle: editor('revertView') },
  { method: 'GET', path: `${V}/me`, handle: meView },
  { method: 'GET', path: `${V}/settings`, handle: editor('settingsView') },
  { method: 'POST', path: `${V}/settings`, handle: editor('saveSettingsView') },
  { method: 'GET', path: `${V}/members`, handle: editor('membersView') },
  { method: 'POST', path: `${V}/members`, handle: editor('saveMembersView') },
];

export { isViewPath } from './isViewPath';

export interface ViewOptions {
  /** The stage's session keys: the CSRF tokens are HMACs under them. */
  readonly sessionKeys: readonly SessionKey[];
}

const TITLES: Record<number, string> = {
  400: 'Bad request', 401: 'Sign in required', 403: 'Not allowed', 404: 'Not found', 405: 'Method not allowed',
  409: 'Conflict', 413: 'Too large',
};

/**
 * A dynamic view's request → HTML (or XML, text, JSON for the editor script). Errors become pages
 * here: a GET that needs a sign-in goes to /auth/login and comes back; other errors are drawn in
 * the wiki's frame when it was opened, else on a bare page; the editor script's calls get JSON.
 */
export async function handleViewRequest(request: HttpRequest, ctx: CommandContext, options: ViewOptions): Promise<HttpResponse> {
  const method = request.method === 'HEAD' ? 'GET' : request.method;
  let view: ViewRequest = { ctx, request, params: {}, sessionKeys: options.sessionKeys };
  try {
    const match = matchRoute(VIEW_ROUTES, method, request.segments);
    if (!match) return barePage(404, 'Not found', `There is no view at ${request.rawPath}.`, ctx.deps.publisher.assetManifest);
    if (!match.route) {
      const page = barePage(405, 'Method not allowed', `Use ${match.allowed.join(' or ')} here.`, ctx.deps.publisher.assetManifest);
      return { ...page, headers: { ...page.headers, allow: match.allowed.join(', ') } };
    }
    view = { ...view, params: match.params };
    return await match.route.handle(view);
  } catch (error) {
    return errorPage(error, view, ctx);
  }
}

async function errorPage(error: unknown, view: ViewRequest, ctx: CommandContext): Promise<HttpResponse> {
  const { request } = view;
  if (!(error instanceof WikibotError) || wantsJson(request.headers)) return errorToJson(error, ctx.deps.log);
  const status = statusOf(error);
  if (status === 401 && (request.method === 'GET' || request.method === 'HEAD')) {
    const returnTo = requestTarget(request.rawPath, request.query);
    return { statusCode: 303, headers: { location: `/auth/login?return_to=${encodeURIComponent(returnTo)}`, 'cache-control': 'no-store' }, body: '' };
  }
  const title = TITLES[status] ?? 'Error';
  const frame = view.frame;
  if (frame) {
    try {
      return await frame.respond(status, { title, label: title, noindex: true, content: notice('error', escapeHtml(error.message)) });
    } catch {
      // Fall through to the bare page.
    }
  }
  const response = barePage(status, title, error.message, ctx.deps.publisher.assetManifest);
  return status === 401 ? htmlResponse(401, String(response.body), { 'www-authenticate': 'Bearer' }) : response;
}
