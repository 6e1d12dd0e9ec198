import { InvalidInputError } from '../../../shared/core/errors';
import { parseWikiId } from '../../../shared/core/slugs';
import type { HttpRequest } from '../../../shared/http/request';
import { json, type HttpResponse } from '../../../shared/http/response';
import { changelog } from '../commands/changelog';
import { pageDiff } from '../commands/pageDiff';
import { pageHistory } from '../commands/pageHistory';
import type { CommandContext } from '../context';
import { parseLimit, queryParams } from '../input';

type Params = Readonly<Record<string, string>>;

export async function pageHistoryHandler(ctx: CommandContext, request: HttpRequest, params: Params): Promise<HttpResponse> {
  const id = parseWikiId(params.user, params.wiki);
  const query = queryParams(request, ['cursor', 'limit']);
  return json(200, await pageHistory(ctx, id, params.page!, { cursor: query.cursor, limit: parseLimit(query.limit, 50, 200) }));
}

export async function pageDiffHandler(ctx: CommandContext, request: HttpRequest, params: Params): Promise<HttpResponse> {
  const id = parseWikiId(params.user, params.wiki);
  const query = queryParams(request, ['from', 'to']);
  if (query.from === undefined) throw new InvalidInputError('Give the older revision as "from" (and optionally "to", default the head).');
  return json(200, await pageDiff(ctx, id, params.page!, { from: query.from, to: query.to }));
}

export async function changelogHandler(ctx: CommandContext, request: HttpRequest, params: Params): Promise<HttpResponse> {
  const id = parseWikiId(params.user, params.wiki);
  const query = queryParams(request, ['cursor', 'limit']);
  return json(200, await changelog(ctx, id, { cursor: query.cursor, limit: parseLimit(query.limit, 50, 200) }));
}
