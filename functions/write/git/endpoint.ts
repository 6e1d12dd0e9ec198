import type { Identity } from '../../../shared/auth/identity';
import type { Permission } from '../../../shared/core/access';
import { NotFoundError, UnauthorizedError, WikibotError } from '../../../shared/core/errors';
import { parseWikiId, type WikiId } from '../../../shared/core/slugs';
import type { HttpRequest } from '../../../shared/http/request';
import { errorToJson, statusOf, type HttpResponse } from '../../../shared/http/response';
import type { Limits } from '../config';
import type { CommandContext, WriteDeps } from '../context';
import { resolveIdentity, type IdentityOptions } from '../identity';
import { openWiki } from '../wikiAccess';
import { withGitCredentials } from './basicAuth';
import { pkt, sideBand, FLUSH } from './pktLine';
import { advertiseReceivePack, receivePack } from './receivePack';
import { advertiseUploadPack, UploadPackError, uploadPackV0, uploadPackV2 } from './uploadPack';
import { gitResponse, gitText, MAX_GIT_PAYLOAD, wantsV2 } from './wire';

export interface GitDeps {
  readonly deps: WriteDeps;
  readonly limits: Limits;
  readonly identity: IdentityOptions;
}

const SERVICES = { 'git-upload-pack': 'read', 'git-receive-pack': 'write' } as const satisfies Record<string, Permission>;
type Service = keyof typeof SERVICES;
const BASIC = { 'www-authenticate': 'Basic realm="wikibot", charset="UTF-8"' };

function serviceOf(name: string | null | undefined): Service | undefined {
  return name === 'git-upload-pack' || name === 'git-receive-pack' ? name : undefined;
}

/**
 * `/{user}/{wiki}.git/…`: git's smart HTTP protocol (docs/git.md). `info/refs?service=…`
 * advertises, `POST git-upload-pack` serves clones and fetches (protocol v0 and v2, shallow),
 * `POST git-receive-pack` takes pushes. Readers fetch, editors push; public wikis clone anonymously.
 */
export async function handleGitRequest(raw: HttpRequest, git: GitDeps): Promise<HttpResponse> {
  const request = withGitCredentials(raw);
  const [user, repoName, ...rest] = request.segments;
  const action = rest.join('/');
  const service = action === 'info/refs' ? serviceOf(request.query.get('service')) : serviceOf(action);
  const isAdvert = action === 'info/refs';
  if (!service || (isAdvert ? request.method !== 'GET' && request.method !== 'HEAD' : request.method !== 'POST')) {
    return gitText(404, 'Not a git endpoint: this server speaks git\'s smart HTTP protocol only (info/refs?service=…, git-upload-pack, git-receive-pack).');
  }
  let id: WikiId;
  let identity: Identity | undefined;
  try {
    id = parseWikiId(user, repoName!.slice(0, -'.git'.length));
    identity = await resolveIdentity(request, git.identity);
  } catch (error) {
    return failure(error, git.deps.log);
  }
  const ctx: CommandContext = { deps: git.deps, limits: git.limits, identity: () => Promise.resolve(identity) };
  try {
    await openWiki(ctx, id, SERVICES[service]);
  } catch (error) {
    // An unknown wiki answers an anonymous caller like a private one: it tells nothing.
    if (error instanceof NotFoundError && !identity) return failure(new UnauthorizedError(), git.deps.log);
    if (error instanceof UnauthorizedError && service === 'git-receive-pack' && !identity) {
      return gitText(401, 'Pushing needs a sign-in: use your handle as the user name and a token as the password (docs/git.md).', BASIC);
    }
    return failure(error, git.deps.log);
  }
  const repo = git.deps.git.open(id);
  const v2 = wantsV2(request.headers['git-protocol']) && service === 'git-upload-pack';
  if (isAdvert) {
    const body = service === 'git-upload-pack' ? await advertiseUploadPack(repo, v2) : await advertiseReceivePack(repo);
    return gitResponse(`application/x-${service}-advertisement`, body);
  }
  // A browser cannot send this type without a CORS preflight (which nothing here answers), so a
  // cached Basic credential cannot be used from another site.
  if (request.headers['content-type'] !== `application/x-${service}-request`) {
    return gitText(415, `Send the body as application/x-${service}-request.`);
  }
  const body = request.bodyBytes ?? new Uint8Array();
  if (body.length > MAX_GIT_PAYLOAD) {
    return gitText(413, `The request is ${(body.length / 1048576).toFixed(1)} MB; one request carries at most ${(MAX_GIT_PAYLOAD / 1048576).toFixed(1)} MB. Push fewer commits at a time (docs/git.md).`);
  }
  const type = `application/x-${service}-result`;
  if (service === 'git-receive-pack') return gitResponse(type, await receivePack(ctx, id, repo, body));
  try {
    return gitResponse(type, v2 ? await uploadPackV2(repo, body) : await uploadPackV0(repo, body));
  } catch (error) {
    if (!(error instanceof UploadPackError)) throw error;
    // git prints "remote error: …" for ERR, and the message of the error band as is.
    return gitResponse(type, v2 ? Buffer.concat([pkt('packfile\n'), sideBand(3, `${error.message}\n`), FLUSH]) : pkt(`ERR ${error.message}\n`));
  }
}

function failure(error: unknown, log: (entry: Record<string, unknown>) => void): HttpResponse {
  if (!(error instanceof WikibotError)) return errorToJson(error, log);
  const status = statusOf(error);
  if (status === 401) {
    return gitText(401, 'This wiki needs a sign-in: use your handle as the user name and a token as the password (docs/git.md).', BASIC);
  }
  return gitText(status, error.message);
}
