import { NotFoundError } from '../../../shared/core/errors';
import { escapeHtml } from '../../../shared/core/html';
import { diffLines, renderLineDiff, type DiffMode } from '../../../shared/core/views/diff';
import { shortRevision, viewHref } from '../../../shared/core/views/format';
import { openFrame, type ViewHandler } from './frame';
import { param, readPage, titleOf } from './pageInfo';
import { optionalRevision, parentOf } from './revisions';

/**
 * GET /{user}/{wiki}/-/diff/{page}?from=&to=&mode=split|unified: how the page changed between two
 * revisions (`to` defaults to the page's last change, `from` to the parent of `to`, so a bare
 * /-/diff/{page} shows the page's latest edit whatever changed since), side by side or unified,
 * with the changed words marked. A side where the page does not exist counts as empty.
 */
export const diffView: ViewHandler = async (view) => {
  const frame = await openFrame(view, 'read');
  const page = frame.page();
  const history = frame.ctx.deps.history.open(frame.id);
  const repo = frame.ctx.deps.repos.open(frame.id);
  const mode: DiffMode = param(frame, 'mode') === 'unified' ? 'unified' : 'split';
  const to = (await optionalRevision(history, param(frame, 'to'), 'to'))
    ?? (await history.lastChanges([page.file])).get(page.file)?.revision
    ?? (await repo.head());
  const from = (await optionalRevision(history, param(frame, 'from'), 'from')) ?? (await parentOf(history, to));
  const [before, after, title] = await Promise.all([
    from === undefined ? Promise.resolve('') : readPage(frame, page, from),
    readPage(frame, page, to),
    titleOf(frame, page),
  ]);
  if (before === undefined && after === undefined) throw new NotFoundError(`There is no page "${page.name}" at either revision.`);
  const diff = diffLines(before ?? '', after ?? '');
  const toggle = (m: DiffMode, label: string) => m === mode
    ? `<strong aria-current="true">${label}</strong>`
    : `<a href="${escapeHtml(viewHref(frame.base, 'diff', page.name, { from, to, mode: m === 'unified' ? 'unified' : undefined }))}">${label}</a>`;
  const rev = (r: string | undefined) => (r ? `<a class="wb-rev" href="${escapeHtml(viewHref(frame.base, 'view', page.name, { revision: r }))}">${escapeHtml(shortRevision(r))}</a>` : 'nothing');
  const header = `<p class="wb-toolbar"><span>From ${rev(from)} to ${rev(to)}: <span class="wb-diff-stat"><span class="wb-added">+${diff.added}</span> <span class="wb-removed">−${diff.removed}</span></span></span>
<span class="wb-toggle">${toggle('split', 'Side by side')} · ${toggle('unified', 'Unified')}</span></p>`;
  const approximate = diff.approximate ? '<p class="wb-faint">These versions differ too much to compare line by line; the whole text is shown as replaced.</p>' : '';
  return frame.respond(200, {
    title: `Changes to ${title}`,
    label: 'Diff',
    current: 'history',
    page: page.name,
    pageTitle: title,
    noindex: true,
    wide: true,
    content: header + approximate + renderLineDiff(diff, mode),
  });
};

