import { micromark } from 'micromark';
import { gfmAutolinkLiteral, gfmAutolinkLiteralHtml } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote, gfmFootnoteHtml } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough, gfmStrikethroughHtml } from 'micromark-extension-gfm-strikethrough';
import { gfmTable, gfmTableHtml } from 'micromark-extension-gfm-table';
import { gfmTaskListItem, gfmTaskListItemHtml } from 'micromark-extension-gfm-task-list-item';

const SYNTAX = [gfmAutolinkLiteral(), gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmTaskListItem()];
const HTML = [gfmAutolinkLiteralHtml(), gfmFootnoteHtml(), gfmStrikethroughHtml(), gfmTableHtml(), gfmTaskListItemHtml()];

/**
 * The renderer's baseline: micromark with every GFM extension (as `micromark-extension-gfm`
 * assembles them, e-mail and www autolinks included) and raw HTML passed through, nothing of
 * the wiki dialect. The budget compares our renderer with this on the same page, in the same run.
 */
export function renderBaseline(markdown: string): string {
  return micromark(markdown, { allowDangerousHtml: true, extensions: SYNTAX, htmlExtensions: HTML });
}
