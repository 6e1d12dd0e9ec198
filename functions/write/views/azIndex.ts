import { escapeHtml } from '../../../shared/core/html';
import { renderAzIndex } from '../../../shared/core/views/azIndex';
import { viewHref } from '../../../shared/core/views/format';
import { openFrame, type ViewHandler } from './frame';
import { listIndexedPages } from '../commands/search';

/**
 * GET /{user}/{wiki}/-/index[?headings=1]: every page A–Z, from the page index (one read, no
 * page walk), with a link that toggles each page's headings (no JavaScript needed).
 */
export const azIndexView: ViewHandler = async (view) => {
  const frame = await openFrame(view, 'read');
  const headings = view.request.query.get('headings') === '1';
  const pages = await listIndexedPages(frame.ctx, frame.id);
  const toggle = `<p class="wb-toolbar"><a class="wb-button" href="${escapeHtml(viewHref(frame.base, 'index', undefined, { headings: headings ? undefined : 1 }))}" aria-pressed="${headings}">${headings ? 'Hide page headings' : 'Show page headings'}</a>
<span class="wb-faint">${pages.length} page${pages.length === 1 ? '' : 's'}</span>${frame.canEdit ? ` <a class="wb-button" href="${escapeHtml(viewHref(frame.base, 'create'))}">Create page</a>` : ''}</p>`;
  return frame.respond(200, {
    title: 'Page index',
    label: 'A–Z',
    current: 'index',
    content: toggle + renderAzIndex({ basePath: frame.base, pages, headings, canEdit: frame.canEdit }),
  });
};
