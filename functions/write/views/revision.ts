import { NotFoundError } from '../../../shared/core/errors';
import { renderToc } from '../../../shared/core/fragments/toc';
import { pageHref } from '../../../shared/core/render/pageHref';
import { parseWikilinkStyle } from '../../../shared/core/render/wikilink';
import { renderRevision } from '../../../shared/core/views/source';
import { openFrame, type ViewHandler } from './frame';
import { param, readPage } from './pageInfo';
import { redirect } from './respond';
import { optionalRevision } from './revisions';
import { once } from '../../../shared/core/once';

// Loaded on the first call only: most requests of an instance never need it.
const loadRenderer = once(() => import('../../../shared/core/render/renderPage'));

/**
 * GET /{user}/{wiki}/-/view/{page}?revision=: the page as it was at a revision, rendered by the
 * real renderer, marked `noindex` (robots meta and X-Robots-Tag). Without a revision: the page itself.
 */
export const revisionView: ViewHandler = async (view) => {
  const frame = await openFrame(view, 'read');
  const page = frame.page();
  const history = frame.ctx.deps.history.open(frame.id);
  const revision = await optionalRevision(history, param(frame, 'revision'), 'revision');
  if (revision === undefined) return redirect(pageHref(frame.base, page.name));
  const [markdown, commit, current] = await Promise.all([
    readPage(frame, page, revision),
    history.log({ from: revision, limit: 1 }).then((log) => log.entries[0]),
    readPage(frame, page),
  ]);
  if (markdown === undefined || !commit) throw new NotFoundError(`There was no page "${page.name}" at ${revision}.`);
  // The renderer (micromark, KaTeX, highlight.js) loads on first use only.
  const { renderPage } = await loadRenderer();
  const rendered = renderPage(markdown, {
    basePath: frame.base,
    wikilinkStyle: parseWikilinkStyle(frame.prefs.WIKILINK_STYLE),
    htmlAllowlist: frame.prefs.RENDERER_HTML_ALLOWLIST,
  });
  const title = rendered.title ?? page.name;
  return frame.respond(200, {
    title: `${title} (revision ${revision.slice(0, 7)})`,
    label: `Revision ${revision.slice(0, 7)}`,
    page: page.name,
    pageTitle: title,
    noindex: true,
    toc: renderToc(rendered.toc),
    libraries: rendered.libraries,
    content: renderRevision({ basePath: frame.base, page: page.name, commit, html: rendered.html, current: current !== undefined }),
  });
};
