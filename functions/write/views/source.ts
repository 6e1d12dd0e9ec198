import { NotFoundError } from '../../../shared/core/errors';
import { renderSource } from '../../../shared/core/views/source';
import { openFrame, type ViewHandler } from './frame';
import { param, readPage, titleOf } from './pageInfo';
import { textResponse } from './respond';
import { optionalRevision } from './revisions';

/**
 * GET /{user}/{wiki}/-/source/{page}[?revision=][&raw]: the page's markdown, with line numbers, or
 * with `?raw` as `text/plain` (never sniffed as anything else).
 */
export const sourceView: ViewHandler = async (view) => {
  const frame = await openFrame(view, 'read');
  const page = frame.page();
  const history = frame.ctx.deps.history.open(frame.id);
  const revision = await optionalRevision(history, param(frame, 'revision'), 'revision');
  const content = await readPage(frame, page, revision);
  if (content === undefined) throw new NotFoundError(`There is no page "${page.name}"${revision ? ` at ${revision}` : ''}.`);
  if (frame.view.request.query.has('raw')) {
    return textResponse(200, content, 'text/plain; charset=utf-8', { 'x-content-type-options': 'nosniff', ...(revision ? { 'x-robots-tag': 'noindex' } : {}) });
  }
  const title = await titleOf(frame, page);
  return frame.respond(200, {
    title: `Source of ${title}`,
    label: 'Source',
    current: 'source',
    page: page.name,
    pageTitle: title,
    noindex: revision !== undefined,
    wide: true,
    content: renderSource({ basePath: frame.base, page: page.name, content, revision }),
  });
};
