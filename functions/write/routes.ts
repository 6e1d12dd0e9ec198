import { InvalidInputError, MethodNotAllowedError, NotFoundError } from '../../shared/core/errors';
import { parseWikiId } from '../../shared/core/slugs';
import type { Identity } from '../../shared/auth/identity';
import { jsonBody, type HttpRequest } from '../../shared/http/request';
import { json, type HttpResponse } from '../../shared/http/response';
import { MAX_PAGE_BYTES, type WikiService } from './wikiService';

// JSON escaping can grow a 1 MiB page; the page limit itself is checked on the decoded content.
const MAX_BODY_BYTES = 4 * MAX_PAGE_BYTES;

/** Maps a request to a service call: `/api/wikis` and `/api/wikis/{user}/{wiki}/pages/{path+}`. */
export async function route(
  request: HttpRequest,
  identity: () => Promise<Identity | undefined>,
  service: WikiService,
): Promise<HttpResponse> {
  const [api, wikis, user, wiki, pages, ...pagePath] = request.segments;
  if (api !== 'api' || wikis !== 'wikis') throw new NotFoundError(`No API route for ${request.rawPath}.`);

  if (user === undefined) {
    allow(request, ['POST']);
    const body = jsonBody(request, MAX_BODY_BYTES);
    const id = parseWikiId(body.user, body.wiki);
    const visibility = body.visibility;
    if (visibility !== undefined && visibility !== 'public' && visibility !== 'private') {
      throw new InvalidInputError('"visibility" must be "public" or "private".');
    }
    if (body.title !== undefined && (typeof body.title !== 'string' || body.title.length > 256)) {
      throw new InvalidInputError('"title" must be a string of at most 256 characters.');
    }
    const created = await service.createWiki(await identity(), id, {
      title: body.title as string | undefined,
      visibility: visibility as 'public' | 'private' | undefined,
    });
    return json(201, created, { location: created.url });
  }

  if (pages === 'pages' && pagePath.length > 0) {
    const id = parseWikiId(user, wiki);
    const path = pagePath.join('/');
    if (request.method === 'GET') return json(200, await service.getPage(await identity(), id, path));
    allow(request, ['GET', 'PUT']);
    const body = jsonBody(request, MAX_BODY_BYTES);
    const result = await service.putPage(await identity(), id, path, { content: body.content, message: body.message });
    return json(result.created ? 201 : 200, result);
  }
  throw new NotFoundError(`No API route for ${request.rawPath}.`);
}

function allow(request: HttpRequest, methods: readonly string[]) {
  if (!methods.includes(request.method)) throw new MethodNotAllowedError(request.method, methods);
}


