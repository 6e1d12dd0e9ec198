import { InvalidInputError } from '../../../shared/core/errors';
import { parseWikiId } from '../../../shared/core/slugs';
import type { HttpRequest } from '../../../shared/http/request';
import { json, type HttpResponse } from '../../../shared/http/response';
import { searchWiki } from '../commands/search';
import type { CommandContext } from '../context';
import { parseLimit, queryParams } from '../input';

type Params = Readonly<Record<string, string>>;

/** `true`/`1`/`yes`/`on` or `false`/`0`/`no`/`off`/empty; absent is false. */
export function parseFlag(value: string | undefined, name: string): boolean {
  if (value === undefined) return false;
  const v = value.toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off', ''].includes(v)) return false;
  throw new InvalidInputError(`"${name}" must be true or false.`);
}

export async function searchHandler(ctx: CommandContext, request: HttpRequest, params: Params): Promise<HttpResponse> {
  const id = parseWikiId(params.user, params.wiki);
  const query = queryParams(request, ['q', 'case', 'regex', 'limit']);
  if (query.q === undefined) throw new InvalidInputError('Give the words to search for as "q".');
  return json(200, await searchWiki(ctx, id, {
    q: query.q,
    matchCase: parseFlag(query.case, 'case'),
    regex: parseFlag(query.regex, 'regex'),
    limit: parseLimit(query.limit, 20, 200),
  }));
}
