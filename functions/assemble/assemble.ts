import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { WikibotError } from '../../shared/core/errors';
import { escapeHtml } from '../../shared/core/html';
import { parsePagePath } from '../../shared/core/pagePath';
import { isUserSlug, isWikiSlug, type WikiId } from '../../shared/core/slugs';
import { decodeContentFragment } from '../../shared/core/fragments/contentEnvelope';
import { pageFragmentKey, shellKey, sidebarKey, sidebarTreeKey, SIDEBAR_TREE_HASH, SIDEBAR_TREE_SEGMENT } from '../../shared/core/fragments/keys';
import { renderBreadcrumb } from '../../shared/core/fragments/breadcrumb';
import { decodeShellFragment, libraryScripts } from '../../shared/core/fragments/shellEnvelope';
import { sidebarForPage } from '../../shared/core/fragments/sidebarEnvelope';
import { fillSlots } from '../../shared/core/fragments/slots';
import { renderToc } from '../../shared/core/fragments/toc';
import { pageHref } from '../../shared/core/render/pageHref';
import { decodeSegments } from '../../shared/http/request';
import type { HttpResponse } from '../../shared/http/response';
import type { BlobReader } from '../../shared/ports/blobReader';

/** CloudFront keeps pages 30 s; browsers revalidate so a reader sees a save within that window. */
export const PAGE_CACHE_CONTROL = 'public, max-age=0, s-maxage=30';
/** A page tree's URL names its content, so browsers and CloudFront keep it as long as they like. */
export const TREE_CACHE_CONTROL = 'public, max-age=31536000, immutable';
const HOME = 'home';

export interface AssembleDeps {
  readonly blobs: BlobReader;
  readonly log: (entry: Record<string, unknown>) => void;
}

/**
 * Sent by the edge gate (shared/core/edgePolicy.ts) on every request it passes: `private` means the
 * page belongs to a private wiki, and then no browser or shared cache may keep it (docs/auth.md).
 */
export const ACCESS_HEADER = 'x-wikibot-access';
export const PRIVATE_CACHE_CONTROL = 'private, no-store';

/**
 * GET /{user}/{wiki}/{Page} → shell + sidebar + content, fetched in parallel, stitched.
 * GET /{user}/{wiki}/-/sidebar/{hash} → the wiki's page tree (one GET), which pages fetch.
 */
export function createAssembleHandler(deps: AssembleDeps) {
  const assemble = assembler(deps);
  return async (event: APIGatewayProxyEventV2): Promise<HttpResponse> => {
    const response = await assemble(event);
    if (event.headers?.[ACCESS_HEADER] !== 'private') return response;
    return { ...response, headers: { ...response.headers, 'cache-control': PRIVATE_CACHE_CONTROL } };
  };
}

function assembler({ blobs, log }: AssembleDeps) {
  return async (event: APIGatewayProxyEventV2): Promise<HttpResponse> => {
    const method = event.requestContext?.http?.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      return page(405, 'Method not allowed', 'Pages can only be read here.', { allow: 'GET, HEAD' });
    }
    try {
      const rawPath = event.rawPath ?? '/';
      const [user = '', wiki = '', ...rest] = decodeSegments(rawPath);
      if (!isUserSlug(user) || !isWikiSlug(wiki)) {
        return page(404, 'Not found', 'There is no wiki at this address.');
      }
      if (rest.length === 0 && !rawPath.endsWith('/')) {
        return { statusCode: 301, headers: { location: `/${user}/${wiki}/`, 'cache-control': PAGE_CACHE_CONTROL }, body: '' };
      }
      const id: WikiId = { user, wiki };
      if (rest[0] === '-') return await sidebarTree(blobs, id, rest);
      const requested = rest.length ? rest.join('/') : HOME;
      const pageKey = parsePagePath(requested).key;
      const [shellFragment, sidebar, content] = await Promise.all([
        blobs.getText(shellKey(id)),
        blobs.getText(sidebarKey(id)),
        blobs.getText(pageFragmentKey(id, pageKey)),
      ]);
      if (shellFragment === undefined) return page(404, 'Not found', `There is no wiki ${user}/${wiki}.`);
      const { libraries, html: shell } = decodeShellFragment(shellFragment);
      const base = `/${user}/${wiki}`;
      const path = escapeHtml(rest.length ? pageHref(base, pageKey) : `${base}/`);
      if (content === undefined) {
        const body = `<h1>Page not found</h1><p>There is no page <strong>${escapeHtml(requested)}</strong> in this wiki.</p>`;
        return html(404, fillSlots(shell, { title: 'Page not found', path, sidebar: sidebarForPage(sidebar, base), content: body }));
      }
      const { meta, html: contentHtml } = decodeContentFragment(content);
      const title = meta?.title ?? requested;
      return html(200, fillSlots(shell, {
        title: escapeHtml(title),
        path,
        breadcrumb: renderBreadcrumb(base, rest, title),
        sidebar: sidebarForPage(sidebar, base, pageKey, title),
        content: contentHtml,
        toc: meta ? renderToc(meta.toc) : '',
        // Client libraries (mermaid, MathJax) only on the pages that need them.
        scripts: libraryScripts(libraries, meta?.libraries),
      }));
    } catch (error) {
      if (error instanceof WikibotError && error.code === 'invalid_input') {
        return page(400, 'Bad request', error.message);
      }
      log({ level: 'ERROR', message: 'Assembly failed', error: String((error as Error)?.stack ?? error) });
      return page(502, 'Temporarily unavailable', 'This page could not be assembled; please retry in a moment.');
    }
  };
}

/** Only `-/sidebar/{hash}` reaches the assembler under `-` (the distribution sends the rest to the views). */
async function sidebarTree(blobs: BlobReader, id: WikiId, rest: readonly string[]): Promise<HttpResponse> {
  const [, segment, hash = '', ...more] = rest;
  if (segment !== SIDEBAR_TREE_SEGMENT || more.length > 0 || !SIDEBAR_TREE_HASH.test(hash)) {
    return page(404, 'Not found', 'There is nothing at this address.');
  }
  const tree = await blobs.getText(sidebarTreeKey(id, hash));
  if (tree === undefined) return page(404, 'Not found', 'This page tree is no longer published; reload the page.');
  return html(200, tree, { 'cache-control': TREE_CACHE_CONTROL, 'x-robots-tag': 'noindex' });
}

function html(statusCode: number, body: string, headers: Record<string, string> = {}): HttpResponse {
  return {
    statusCode,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': statusCode >= 500 ? 'no-store' : PAGE_CACHE_CONTROL,
      ...headers,
    },
    body,
  };
}

/** A bare page for requests that have no wiki shell to live in. */
function page(statusCode: number, title: string, message: string, headers?: Record<string, string>) {
  const body = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
    `<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>`;
  return html(statusCode, body, headers);
}
