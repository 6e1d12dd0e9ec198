import { renderHistory } from '../../../shared/core/views/history';
import { pageHistory } from '../commands/pageHistory';
import { openFrame, type ViewHandler } from './frame';
import { param, titleOf } from './pageInfo';

/** GET /{user}/{wiki}/-/history/{page}: the page's commits, newest first, 50 at a time, with "Compare selected". */
export const historyView: ViewHandler = async (view) => {
  const frame = await openFrame(view, 'read');
  const page = frame.page();
  const cursor = param(frame, 'cursor');
  const [result, title] = await Promise.all([
    pageHistory(frame.ctx, frame.id, page.name, { cursor, limit: 50 }),
    titleOf(frame, page),
  ]);
  return frame.respond(200, {
    title: `History of ${title}`,
    label: 'History',
    current: 'history',
    page: page.name,
    pageTitle: title,
    noindex: cursor !== undefined,
    wide: true,
    content: renderHistory({
      basePath: frame.base, page: page.name, entries: result.entries, nextCursor: result.nextCursor ?? undefined,
      paged: cursor !== undefined, canEdit: frame.canEdit,
    }),
  });
};
