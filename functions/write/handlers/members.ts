import { isRole, ROLES } from '../../../shared/core/access';
import { InvalidInputError } from '../../../shared/core/errors';
import { parseWikiId } from '../../../shared/core/slugs';
import type { HttpRequest } from '../../../shared/http/request';
import { json, type HttpResponse } from '../../../shared/http/response';
import { deleteMember } from '../commands/deleteMember';
import { listMembers } from '../commands/listMembers';
import { putMember } from '../commands/putMember';
import type { CommandContext } from '../context';
import { queryParams, readBody, readOptionalBody, SMALL_BODY_BYTES } from '../input';

type Params = Readonly<Record<string, string>>;

export async function listMembersHandler(ctx: CommandContext, request: HttpRequest, params: Params): Promise<HttpResponse> {
  queryParams(request, []);
  return json(200, await listMembers(ctx, parseWikiId(params.user, params.wiki)));
}

export async function putMemberHandler(ctx: CommandContext, request: HttpRequest, params: Params): Promise<HttpResponse> {
  queryParams(request, []);
  const id = parseWikiId(params.user, params.wiki);
  const body = readBody(request, SMALL_BODY_BYTES, ['role']);
  if (!isRole(body.role)) throw new InvalidInputError(`"role" must be one of ${ROLES.join(', ')}.`);
  const { created, member } = await putMember(ctx, id, params.sub!, body.role);
  return json(created ? 201 : 200, member);
}

export async function deleteMemberHandler(ctx: CommandContext, request: HttpRequest, params: Params): Promise<HttpResponse> {
  queryParams(request, []);
  const id = parseWikiId(params.user, params.wiki);
  readOptionalBody(request, SMALL_BODY_BYTES, []);
  return json(200, await deleteMember(ctx, id, params.sub!));
}
