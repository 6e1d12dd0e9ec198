import { parseAttachmentName } from '../../../shared/core/attachments';
import { cleanCommitMessage } from '../../../shared/core/commitMessage';
import { InvalidInputError } from '../../../shared/core/errors';
import { parseWikiId } from '../../../shared/core/slugs';
import type { HttpRequest } from '../../../shared/http/request';
import { json, type HttpResponse } from '../../../shared/http/response';
import { deleteAttachment } from '../commands/deleteAttachment';
import { getAttachment } from '../commands/getAttachment';
import { listAttachments } from '../commands/listAttachments';
import { uploadAttachments, type AttachmentUpload } from '../commands/uploadAttachments';
import type { CommandContext } from '../context';
import { decodeBase64, onlyFields, queryParams, readBody, readOptionalBody, SMALL_BODY_BYTES, tooLarge } from '../input';

type Params = Readonly<Record<string, string>>;
const MAX_FILES = 20;

const isJson = (request: HttpRequest) => /^application\/(.+\+)?json\b/i.test(request.headers['content-type'] ?? '');

/** A JSON upload carries base64: 4/3 of the bytes, plus room for names and the message. */
function jsonLimit(ctx: CommandContext): number {
  return Math.ceil((ctx.limits.maxAttachmentBytes * 4) / 3) + 64 * 1024;
}

function readUploadBody(ctx: CommandContext, request: HttpRequest, fields: readonly string[]) {
  if ((request.bodyBytes?.length ?? 0) > jsonLimit(ctx)) throw tooLarge(ctx.limits.maxAttachmentBytes);
  return readBody(request, jsonLimit(ctx), fields);
}

export async function listAttachmentsHandler(ctx: CommandContext, request: HttpRequest, params: Params): Promise<HttpResponse> {
  queryParams(request, []);
  return json(200, await listAttachments(ctx, parseWikiId(params.user, params.wiki), params.page!));
}

/** POST: `{"files": [{"name", "content" (base64)}], "message"?}`, several files in one commit. */
export async function uploadAttachmentsHandler(ctx: CommandContext, request: HttpRequest, params: Params): Promise<HttpResponse> {
  queryParams(request, []);
  const id = parseWikiId(params.user, params.wiki);
  if (!isJson(request)) throw new InvalidInputError('POST attachments as JSON; to send raw bytes, PUT to .../-/attachments/{name}.');
  const body = readUploadBody(ctx, request, ['files', 'message']);
  if (!Array.isArray(body.files) || body.files.length === 0 || body.files.length > MAX_FILES) {
    throw new InvalidInputError(`"files" must be a list of 1 to ${MAX_FILES} {"name", "content"} objects.`);
  }
  const files: AttachmentUpload[] = body.files.map((entry: unknown, i) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw new InvalidInputError(`files[${i}] must be an object with "name" and "content" (base64).`);
    }
    const file = onlyFields(entry as Record<string, unknown>, ['name', 'content']);
    return { name: parseAttachmentName(file.name), content: decodeBase64(file.content, `files[${i}].content`, ctx.limits.maxAttachmentBytes) };
  });
  const result = await uploadAttachments(ctx, id, params.page!, files, cleanCommitMessage(body.message));
  return json(result.created ? 201 : 200, result);
}

/** PUT one attachment: a raw body of any non-JSON type (message in `?message=`), or JSON `{"content", "message"?}`. */
export async function putAttachmentHandler(ctx: CommandContext, request: HttpRequest, params: Params): Promise<HttpResponse> {
  const id = parseWikiId(params.user, params.wiki);
  const name = parseAttachmentName(params.name);
  let file: AttachmentUpload;
  let message: string | undefined;
  if (isJson(request)) {
    queryParams(request, []);
    const body = readUploadBody(ctx, request, ['content', 'message']);
    file = { name, content: decodeBase64(body.content, 'content', ctx.limits.maxAttachmentBytes) };
    message = cleanCommitMessage(body.message);
  } else {
    const query = queryParams(request, ['message']);
    const bytes = request.bodyBytes;
    if (!bytes || bytes.length === 0) throw new InvalidInputError('The request body is empty: send the file as the body.');
    if (bytes.length > ctx.limits.maxAttachmentBytes) throw tooLarge(ctx.limits.maxAttachmentBytes);
    file = { name, content: bytes };
    message = cleanCommitMessage(query.message);
  }
  const result = await uploadAttachments(ctx, id, params.page!, [file], message);
  return json(result.created ? 201 : 200, result);
}

export async function getAttachmentHandler(ctx: CommandContext, request: HttpRequest, params: Params): Promise<HttpResponse> {
  queryParams(request, []);
  return json(200, await getAttachment(ctx, parseWikiId(params.user, params.wiki), params.page!, parseAttachmentName(params.name)));
}

export async function deleteAttachmentHandler(ctx: CommandContext, request: HttpRequest, params: Params): Promise<HttpResponse> {
  queryParams(request, []);
  const id = parseWikiId(params.user, params.wiki);
  const name = parseAttachmentName(params.name);
  const body = readOptionalBody(request, SMALL_BODY_BYTES, ['message']);
  return json(200, await deleteAttachment(ctx, id, params.page!, name, cleanCommitMessage(body.message)));
}
