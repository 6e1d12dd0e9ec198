import { cleanCommitMessage } from '../../../shared/core/commitMessage';
import { InvalidInputError } from '../../../shared/core/errors';
import { parseWikiId } from '../../../shared/core/slugs';
import type { HttpRequest } from '../../../shared/http/request';
import { json, type HttpResponse } from '../../../shared/http/response';
import { deletePage } from '../commands/deletePage';
import { getPage } from '../commands/getPage';
import { listPages } from '../commands/listPages';
import { putPage } from '../commands/putPage';
import { renamePage } from '../commands/renamePage';
import type { CommandContext } from '../context';
import {
  optionalBoolean, optionalString, parseLimit, queryParams, readBody, readOptionalBody, requiredString, SMALL_BODY_BYTES,
} from '../input';

type Params = Readonly<Record<string, string>>;
// JSON escaping can grow a page up to 6× (\u00XX); the page limit itself is checked on the decoded content.
const pageBodyBytes = (ctx: CommandContext) => 4 * ctx.limits.maxPageBytes;

export async function listPagesHandler(ctx: CommandContext, request: HttpRequest, params: Params): Promise<HttpResponse> {
  const id = parseWikiId(params.user, params.wiki);
  const query = queryParams(request, ['cursor', 'limit']);
  return json(200, await listPages(ctx, id, { cursor: query.cursor, limit: parseLimit(query.limit, 100, 500) }));
}

export async function getPageHandler(ctx: CommandContext, request: HttpRequest, params: Params): Promise<HttpResponse> {
  const id = parseWikiId(params.user, params.wiki);
  const query = queryParams(request, ['revision']);
  return json(200, await getPage(ctx, id, params.page!, query.revision));
}

export async function putPageHandler(ctx: CommandContext, request: HttpRequest, params: Params): Promise<HttpResponse> {
  queryParams(request, []);
  const id = parseWikiId(params.user, params.wiki);
  const body = readBody(request, pageBodyBytes(ctx), ['content', 'message', 'baseRevision']);
  if (typeof body.content !== 'string') throw new InvalidInputError('"content" must be a string of markdown.');
  const result = await putPage(ctx, id, params.page!, {
    content: body.content,
    message: cleanCommitMessage(body.message),
    baseRevision: optionalString(body, 'baseRevision', 64),
  });
  return json(result.created ? 201 : 200, result);
}

export async function deletePageHandler(ctx: CommandContext, request: HttpRequest, params: Params): Promise<HttpResponse> {
  queryParams(request, []);
  const id = parseWikiId(params.user, params.wiki);
  const body = readOptionalBody(request, SMALL_BODY_BYTES, ['message', 'baseRevision']);
  return json(200, await deletePage(ctx, id, params.page!, {
    message: cleanCommitMessage(body.message),
    baseRevision: optionalString(body, 'baseRevision', 64),
  }));
}

export async function renamePageHandler(ctx: CommandContext, request: HttpRequest, params: Params): Promise<HttpResponse> {
  queryParams(request, []);
  const id = parseWikiId(params.user, params.wiki);
  const body = readBody(request, SMALL_BODY_BYTES, ['newPath', 'message', 'updateBacklinks']);
  return json(200, await renamePage(ctx, id, params.page!, {
    newPath: requiredString(body, 'newPath', 2048),
    message: cleanCommitMessage(body.message),
    updateBacklinks: optionalBoolean(body, 'updateBacklinks'),
  }));
}
