import { micromark } from 'micromark';
import { combineExtensions } from 'micromark-util-combine-extensions';
import { abbreviationHtml, abbreviationSyntax, applyAbbreviations } from './abbreviations';
import { alertHtml, alertSyntax } from './alerts';
import { codeBlockHtml } from './codeBlock';
import { codeTextHtml } from './codeText';
import { fillEmptyLinks } from './emptyLinks';
import { fancyBlockHtml, fancyBlockSyntax } from './fancyBlock';
import { foldHtml, foldSyntax } from './fold';
import { frontmatterHtml, frontmatterSyntax, placeFrontmatter } from './frontmatter';
import { gfmHtmlExtension, gfmSyntax } from './gfm';
import { neutralizeHarmfulLinks } from './harmfulLinks';
import { addHeadingIds, headingHtml, type TocEntry } from './headings';
import { DEFAULT_HTML_ALLOWLIST, htmlAllowlist } from './htmlAllowlist';
import { markHtml, markSyntax } from './mark';
import { mathHtml, mathSyntax } from './math';
import { quoteContainerEndSyntax } from './quoteContainer';
import { rawHtml } from './rawHtml';
import { checkRenderBudget } from './renderBudget';
import { createRenderState } from './renderState';
import { scopeRootLinks } from './rootLinks';
import { spoilerHtml, spoilerSyntax } from './spoiler';
import { wikilinkHtml, wikilinkSyntax, type WikilinkStyle } from './wikilink';
import { protectWikilinkPipes, restoreWikilinkPipes } from './wikilinkPipes';

export interface RenderOptions {
  /** The wiki's URL prefix, `/{user}/{wiki}`, without a trailing slash. */
  readonly basePath: string;
  readonly wikilinkStyle?: WikilinkStyle;
  /** The wiki's RENDERER_HTML_ALLOWLIST: raw HTML tags (and `tag[attr …]`) it allows beyond Otter Wiki's list. */
  readonly htmlAllowlist?: string;
}

export interface RenderedPage {
  readonly html: string;
  /** Text of the first heading (or the frontmatter title shown as one), which Otter Wiki uses as the page title. */
  readonly title: string | undefined;
  readonly toc: TocEntry[];
  /** Client libraries the page needs (`mermaid`, `mathjax`); the assembler loads only these. */
  readonly libraries: string[];
}

// Combined once: the syntax is the same for every page and wiki.
const SYNTAX = combineExtensions([
  frontmatterSyntax, gfmSyntax, mathSyntax, markSyntax, alertSyntax, spoilerSyntax, foldSyntax,
  fancyBlockSyntax, abbreviationSyntax, wikilinkSyntax, quoteContainerEndSyntax,
]);

/**
 * Renders one page of Otter Wiki markdown to an HTML fragment, at save time: micromark with GFM
 * and our dialect extensions (each construct in its own module), then post-steps on the HTML
 * micromark wrote: harmful URLs, links under the wiki, abbreviations, heading ids, frontmatter.
 * A page over a render limit (./renderBudget.ts) throws PageTooComplexError before any work.
 */
export function renderPage(markdown: string, options: RenderOptions): RenderedPage {
  checkRenderBudget(markdown);
  const state = createRenderState();
  const allowlist = options.htmlAllowlist?.trim() ? htmlAllowlist(options.htmlAllowlist) : DEFAULT_HTML_ALLOWLIST;
  const raw = micromark(protectWikilinkPipes(markdown), {
    // Every URL is kept here and checked by neutralizeHarmfulLinks, so `javascript:` and friends
    // become `#harmful-link` as in Otter Wiki, while other schemes (ftp:, tel:…) keep working.
    allowDangerousProtocol: true,
    extensions: [SYNTAX],
    htmlExtensions: [
      gfmHtmlExtension, headingHtml, wikilinkHtml(options.wikilinkStyle ?? 'TITLELINK'), markHtml,
      mathHtml(state), codeTextHtml(state), codeBlockHtml(state), alertHtml, spoilerHtml, foldHtml,
      fancyBlockHtml, frontmatterHtml(state), abbreviationHtml(state), rawHtml(allowlist),
    ],
  });
  const linked = scopeRootLinks(neutralizeHarmfulLinks(fillEmptyLinks(restoreWikilinkPipes(raw))), options.basePath);
  const { html, toc } = addHeadingIds(applyAbbreviations(linked, state.abbreviations));
  const hasH1 = toc.some((entry) => entry.level === 1);
  const frontmatterH1 = !hasH1 ? state.frontmatter?.title : undefined;
  return {
    html: placeFrontmatter(html, state, hasH1),
    title: frontmatterH1 ?? toc[0]?.text,
    toc,
    libraries: [...state.libraries].sort(),
  };
}
