import type { HttpResponse } from '../../../shared/http/response';

/** What one Lambda request or response can carry once base64-encoded (6 MB): see docs/git.md. */
export const MAX_GIT_PAYLOAD = Math.floor(4.4 * 1024 * 1024);

export const AGENT = 'agent=wikibot/1';

/** A binary git response (API Gateway and the gateway base64-decode it), never cached. */
export function gitResponse(contentType: string, body: Uint8Array, status = 200, headers: Record<string, string> = {}): HttpResponse {
  return {
    statusCode: status,
    headers: { 'content-type': contentType, 'cache-control': 'no-cache, max-age=0, must-revalidate', ...headers },
    body: Buffer.from(body).toString('base64'),
    isBase64Encoded: true,
  };
}

/** A plain-text answer git shows the user as is (`fatal: …` on their terminal). */
export function gitText(status: number, message: string, headers: Record<string, string> = {}): HttpResponse {
  return { statusCode: status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers }, body: `${message}\n` };
}

/** Whether the client asked for protocol v2 (`Git-Protocol: version=2`, possibly among other keys). */
export function wantsV2(header: string | undefined): boolean {
  return (header ?? '').split(':').includes('version=2');
}
