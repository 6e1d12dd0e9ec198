import { MethodNotAllowedError, NotFoundError } from '../../shared/core/errors';
import type { HttpRequest } from '../../shared/http/request';
import type { HttpResponse } from '../../shared/http/response';
import { matchRoute, type RouteSpec } from '../../shared/http/router';
import type { CommandContext } from './context';
import * as attachments from './handlers/attachments';
import * as history from './handlers/history';
import * as members from './handlers/members';
import * as pages from './handlers/pages';
import * as search from './handlers/search';
import * as wikis from './handlers/wikis';

export type Handler = (ctx: CommandContext, request: HttpRequest, params: Readonly<Record<string, string>>) => Promise<HttpResponse>;

export interface Route extends RouteSpec {
  /** The operationId in docs/openapi.yaml (a test keeps the two in step). */
  readonly operation: string;
  readonly handle: Handler;
}

const W = '/api/wikis/{user}/{wiki}';
const P = `${W}/pages/{page+}`;

/** The JSON API (docs/api.md). `{page+}` is a page path with slashes; `/-/` ends it. */
export const ROUTES: readonly Route[] = [
  { method: 'GET', path: '/api/wikis', operation: 'listMyWikis', handle: wikis.listWikisHandler },
  { method: 'POST', path: '/api/wikis', operation: 'createWiki', handle: wikis.createWikiHandler },
  { method: 'GET', path: W, operation: 'getWiki', handle: wikis.getWikiHandler },
  { method: 'PATCH', path: W, operation: 'updateWiki', handle: wikis.updateWikiHandler },
  { method: 'DELETE', path: W, operation: 'deleteWiki', handle: wikis.deleteWikiHandler },
  { method: 'GET', path: `${W}/members`, operation: 'listMembers', handle: members.listMembersHandler },
  { method: 'PUT', path: `${W}/members/{sub}`, operation: 'putMember', handle: members.putMemberHandler },
  { method: 'DELETE', path: `${W}/members/{sub}`, operation: 'deleteMember', handle: members.deleteMemberHandler },
  { method: 'GET', path: `${W}/changelog`, operation: 'getChangelog', handle: history.changelogHandler },
  { method: 'GET', path: `${W}/search`, operation: 'searchPages', handle: search.searchHandler },
  { method: 'GET', path: `${W}/pages`, operation: 'listPages', handle: pages.listPagesHandler },
  { method: 'GET', path: P, operation: 'getPage', handle: pages.getPageHandler },
  { method: 'PUT', path: P, operation: 'putPage', handle: pages.putPageHandler },
  { method: 'DELETE', path: P, operation: 'deletePage', handle: pages.deletePageHandler },
  { method: 'POST', path: `${P}/-/rename`, operation: 'renamePage', handle: pages.renamePageHandler },
  { method: 'GET', path: `${P}/-/history`, operation: 'getPageHistory', handle: history.pageHistoryHandler },
  { method: 'GET', path: `${P}/-/diff`, operation: 'getPageDiff', handle: history.pageDiffHandler },
  { method: 'GET', path: `${P}/-/attachments`, operation: 'listAttachments', handle: attachments.listAttachmentsHandler },
  { method: 'POST', path: `${P}/-/attachments`, operation: 'uploadAttachments', handle: attachments.uploadAttachmentsHandler },
  { method: 'GET', path: `${P}/-/attachments/{name}`, operation: 'getAttachment', handle: attachments.getAttachmentHandler },
  { method: 'PUT', path: `${P}/-/attachments/{name}`, operation: 'putAttachment', handle: attachments.putAttachmentHandler },
  { method: 'DELETE', path: `${P}/-/attachments/{name}`, operation: 'deleteAttachment', handle: attachments.deleteAttachmentHandler },
];

/** Request → the route's handler; 404 for an unknown path, 405 for a known path with another method. */
export function route(request: HttpRequest, ctx: CommandContext): Promise<HttpResponse> {
  const match = matchRoute(ROUTES, request.method, request.segments);
  if (!match) throw new NotFoundError(`No API route for ${request.rawPath}.`);
  if (!match.route) throw new MethodNotAllowedError(request.method, match.allowed);
  return match.route.handle(ctx, request, match.params);
}
