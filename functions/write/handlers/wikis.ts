import { InvalidInputError } from '../../../shared/core/errors';
import { parseSettings } from '../../../shared/core/settings';
import { parseWikiId } from '../../../shared/core/slugs';
import type { HttpRequest } from '../../../shared/http/request';
import { json, type HttpResponse } from '../../../shared/http/response';
import type { Visibility } from '../../../shared/ports/tenantStore';
import { createWiki } from '../commands/createWiki';
import { deleteWiki } from '../commands/deleteWiki';
import { getWiki } from '../commands/getWiki';
import { listMyWikis } from '../commands/listMyWikis';
import { updateWiki } from '../commands/updateWiki';
import type { CommandContext } from '../context';
import { queryParams, readBody, readOptionalBody, SMALL_BODY_BYTES, type Body } from '../input';

type Params = Readonly<Record<string, string>>;
const MAX_TITLE = 256;

function visibilityOf(body: Body): Visibility | undefined {
  const value = body.visibility;
  if (value !== undefined && value !== 'public' && value !== 'private') {
    throw new InvalidInputError('"visibility" must be "public" or "private".');
  }
  return value;
}

function titleOf(body: Body): string | undefined {
  const title = body.title;
  if (title !== undefined && (typeof title !== 'string' || title.length > MAX_TITLE || /[\u0000-\u001f\u007f]/.test(title))) {
    throw new InvalidInputError(`"title" must be a string of at most ${MAX_TITLE} characters without control characters.`);
  }
  return title;
}

export async function listWikisHandler(ctx: CommandContext, request: HttpRequest): Promise<HttpResponse> {
  queryParams(request, []);
  return json(200, await listMyWikis(ctx));
}

export async function createWikiHandler(ctx: CommandContext, request: HttpRequest): Promise<HttpResponse> {
  queryParams(request, []);
  const body = readBody(request, SMALL_BODY_BYTES, ['user', 'wiki', 'title', 'visibility']);
  const id = parseWikiId(body.user, body.wiki);
  const created = await createWiki(ctx, { id, title: titleOf(body), visibility: visibilityOf(body) });
  return json(201, created, { location: created.url });
}

export async function getWikiHandler(ctx: CommandContext, request: HttpRequest, params: Params): Promise<HttpResponse> {
  queryParams(request, []);
  return json(200, await getWiki(ctx, parseWikiId(params.user, params.wiki)));
}

export async function updateWikiHandler(ctx: CommandContext, request: HttpRequest, params: Params): Promise<HttpResponse> {
  queryParams(request, []);
  const id = parseWikiId(params.user, params.wiki);
  const body = readBody(request, SMALL_BODY_BYTES, ['title', 'visibility', 'settings']);
  return json(200, await updateWiki(ctx, id, {
    title: titleOf(body),
    visibility: visibilityOf(body),
    settings: body.settings === undefined ? undefined : parseSettings(body.settings),
  }));
}

export async function deleteWikiHandler(ctx: CommandContext, request: HttpRequest, params: Params): Promise<HttpResponse> {
  queryParams(request, []);
  const id = parseWikiId(params.user, params.wiki);
  readOptionalBody(request, SMALL_BODY_BYTES, []);
  return json(200, await deleteWiki(ctx, id));
}
