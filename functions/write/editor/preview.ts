import { json } from '../../../shared/http/response';
import { renderToc } from '../../../shared/core/fragments/toc';
import { parseWikilinkStyle } from '../../../shared/core/render/wikilink';
import { PayloadTooLargeError } from '../../../shared/core/errors';
import { openFrame, type ViewHandler } from '../views/frame';
import { readPage } from '../views/pageInfo';
import { wantsJson } from '../views/respond';
import { normaliseContent, pageFormLimit, postedForm } from './common';
import { editorPage } from './edit';
import { once } from '../../../shared/core/once';

// Loaded on the first call only: most requests of an instance never need it.
const loadRenderer = once(() => import('../../../shared/core/render/renderPage'));

/**
 * POST /{user}/{wiki}/-/preview/{page}: markdown → HTML by the real renderer (the one that
 * publishes pages), with the wiki's settings. The editor script asks for JSON (`{html, toc,
 * libraries, title}`) and shows it beside the text; without JavaScript the Preview button posts
 * the form here and gets the editor back with the preview filled in.
 */
export const previewView: ViewHandler = async (view) => {
  const frame = await openFrame(view, 'write');
  const page = frame.page();
  const form = await postedForm(frame, pageFormLimit(frame.ctx));
  const content = normaliseContent(form.get('content') ?? '');
  if (Buffer.byteLength(content, 'utf8') > frame.ctx.limits.maxPageBytes) {
    throw new PayloadTooLargeError(`A page may be at most ${frame.ctx.limits.maxPageBytes} bytes.`);
  }
  const { renderPage } = await loadRenderer();
  const rendered = renderPage(content, {
    basePath: frame.base,
    wikilinkStyle: parseWikilinkStyle(frame.prefs.WIKILINK_STYLE),
    htmlAllowlist: frame.prefs.RENDERER_HTML_ALLOWLIST,
  });
  if (wantsJson(view.request.headers)) {
    return json(200, { html: rendered.html, toc: renderToc(rendered.toc), libraries: rendered.libraries, title: rendered.title ?? null }, frame.headers());
  }
  const exists = (await readPage(frame, page)) !== undefined;
  return editorPage(frame, {
    content, baseRevision: form.get('base') ?? '', exists, message: form.get('message'), previewHtml: rendered.html,
  });
};
