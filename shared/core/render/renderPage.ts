import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { addHeadingIds, type TocEntry } from './headings';
import { scopeRootLinks } from './rootLinks';
import { wikilinkHtml, wikilinkSyntax, type WikilinkStyle } from './wikilink';

export interface RenderOptions {
  /** The wiki's URL prefix, `/{user}/{wiki}`, without a trailing slash. */
  readonly basePath: string;
  readonly wikilinkStyle?: WikilinkStyle;
}

export interface RenderedPage {
  readonly html: string;
  /** Text of the first heading, which Otter Wiki uses as the page title. */
  readonly title: string | undefined;
  readonly toc: TocEntry[];
  /** Client libraries the page needs (e.g. `mermaid`); the assembler loads only these. */
  readonly libraries: string[];
}

/**
 * Renders one page of Otter Wiki markdown to an HTML fragment. Raw HTML is escaped (micromark's
 * safe default); the dialect grows by adding syntax + HTML extensions here and post-steps below.
 */
export function renderPage(markdown: string, options: RenderOptions): RenderedPage {
  const style = options.wikilinkStyle ?? 'TITLELINK';
  const raw = micromark(markdown, {
    extensions: [wikilinkSyntax, gfm()],
    htmlExtensions: [wikilinkHtml(style), gfmHtml()],
  });
  const { html, toc } = addHeadingIds(scopeRootLinks(raw, options.basePath));
  return { html, title: toc[0]?.text, toc, libraries: [] };
}
