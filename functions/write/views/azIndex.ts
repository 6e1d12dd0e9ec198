import { escapeHtml } from '../../../shared/core/html';
import { renderAzIndex } from '../../../shared/core/views/azIndex';
import { viewHref } from '../../../shared/core/views/format';
import { openFrame, type ViewHandler } from './frame';
import { listIndexedPages } from '../commands/search';
import { plural } from '../../../shared/core/plural';

/** `?folder=` as a lowercase page-key prefix without outer slashes; empty or absent → no filter. */
function folderOf(raw: string | null): string | undefined {
  const folder = raw?.trim().replace(/^\/+|\/+$/g, '').toLowerCase();
  return folder || undefined;
}

/**
 * GET /{user}/{wiki}/-/index[?headings=1][&folder=a/b]: every page A–Z (or those under one
 * folder: where the sidebar's folders without a page of their own lead), from the page index
 * (one read, no page walk), with a link that toggles each page's headings (no JavaScript needed).
 */
export const azIndexView: ViewHandler = async (view) => {
  const frame = await openFrame(view, 'read');
  const headings = view.request.query.get('headings') === '1';
  const folder = folderOf(view.request.query.get('folder'));
  const all = await listIndexedPages(frame.ctx, frame.id);
  const pages = folder ? all.filter((page) => page.path.toLowerCase().startsWith(`${folder}/`)) : all;
  const here = (extra: { headings?: number }) => viewHref(frame.base, 'index', undefined, { folder, ...extra });
  const toggle = `<p class="wb-toolbar"><a class="wb-button" href="${escapeHtml(here({ headings: headings ? undefined : 1 }))}" aria-pressed="${headings}">${headings ? 'Hide page headings' : 'Show page headings'}</a>
<span class="wb-faint">${plural(pages.length, 'page')}${folder ? ` in ${escapeHtml(folder)}/ · <a href="${escapeHtml(viewHref(frame.base, 'index'))}">all pages</a>` : ''}</span>${frame.canEdit ? ` <a class="wb-button" href="${escapeHtml(viewHref(frame.base, 'create'))}">Create page</a>` : ''}</p>`;
  return frame.respond(200, {
    title: folder ? `Pages in ${folder}/` : 'Page index',
    label: 'A–Z',
    current: 'index',
    content: toggle + renderAzIndex({ basePath: frame.base, pages, headings, canEdit: frame.canEdit }),
  });
};
