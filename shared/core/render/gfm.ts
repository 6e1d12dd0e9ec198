import type { Construct, Extension } from 'micromark-util-types';
import { combineExtensions, combineHtmlExtensions } from 'micromark-util-combine-extensions';
import { gfmAutolinkLiteral, gfmAutolinkLiteralHtml } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote, gfmFootnoteHtml } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough, gfmStrikethroughHtml } from 'micromark-extension-gfm-strikethrough';
import { gfmTableHtml } from 'micromark-extension-gfm-table';
import { gfmTaskListItem, gfmTaskListItemHtml } from 'micromark-extension-gfm-task-list-item';
import { linearGfmTable } from './tableResolve';

/**
 * Otter Wiki links bare `http://` and `https://` URLs, not `www.` or e-mail addresses. GFM's
 * e-mail autolink is tried at the start of every word, so leaving it out also makes the
 * renderer markedly faster.
 */
function httpAutolinks(): Extension {
  const text = gfmAutolinkLiteral().text ?? {};
  const protocol = (code: number) =>
    ([] as Construct[]).concat(text[code] ?? []).filter((construct) => construct.name === 'protocolAutolink');
  return { text: { 72: protocol(72), 104: protocol(104) } }; // `H`, `h`
}

/**
 * GitHub Flavored Markdown as Otter Wiki has it: tables (micromark checks the delimiter row as
 * strictly as Otter Wiki's plugin does; our resolver keeps big tables linear, see ./tableResolve.ts), `~~strikethrough~~` with two tildes only (`~a~` stays
 * text), task lists, footnotes and URL autolinks.
 */
export const gfmSyntax = combineExtensions([
  httpAutolinks(), gfmFootnote(), gfmStrikethrough({ singleTilde: false }), linearGfmTable(), gfmTaskListItem(),
]);

/** GFM's HTML, without its tag filter: the raw HTML allow-list supersedes it. */
export const gfmHtmlExtension = combineHtmlExtensions([
  gfmAutolinkLiteralHtml(), gfmFootnoteHtml(), gfmStrikethroughHtml(), gfmTableHtml(), gfmTaskListItemHtml(),
]);
