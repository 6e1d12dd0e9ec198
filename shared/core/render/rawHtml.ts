import type { CompileContext, HtmlExtension, Token } from 'micromark-util-types';
import { escapeHtml } from '../html';
import type { HtmlAllowlist } from './htmlAllowlist';
import { isAllowedHtml } from './htmlChunk';

declare module 'micromark-util-types' {
  interface CompileData {
    /** Source offsets `[start, end)` of image labels, whose output is an `alt` attribute. */
    rawHtmlImageLabels?: Array<readonly [number, number]>;
    /** How many opening tags of each name were escaped and still wait for their closing tag. */
    rawHtmlEscapedOpen?: Map<string, number>;
  }
}

/**
 * Raw HTML the Otter Wiki way: each chunk micromark finds (an HTML block, or one inline tag) goes
 * out as written when it passes the allow-list, and is escaped whole otherwise. Inside an image's
 * alt text, where the output sits in an attribute, tags are dropped (Otter Wiki strips them).
 * The closing tag of an escaped opening tag is escaped too, so `<span onclick=…>x</span>` shows
 * as text instead of leaving a lone `</span>` that closes some other element.
 */
// A chunk that is exactly one opening tag (not self-closing), or exactly one closing tag.
const OPENING_TAG = /^\s*<([a-z][a-z0-9-]*)(?:\s[^<>]*?)?(?<!\/)>\s*$/i;
const CLOSING_TAG = /^\s*<\/([a-z][a-z0-9-]*)\s*>\s*$/i;

export function rawHtml(allowlist: HtmlAllowlist): HtmlExtension {
  function data(this: CompileContext, token: Token): undefined {
    this.raw(this.sliceSerialize(token));
  }
  function close(this: CompileContext, token: Token): undefined {
    const chunk = this.resume();
    const at = token.start.offset;
    if (this.getData('rawHtmlImageLabels')?.some(([start, end]) => start <= at && at < end)) return;
    const open = OPENING_TAG.exec(chunk)?.[1]?.toLowerCase();
    const closing = CLOSING_TAG.exec(chunk)?.[1]?.toLowerCase();
    const escaped = this.getData('rawHtmlEscapedOpen') ?? new Map<string, number>();
    this.setData('rawHtmlEscapedOpen', escaped);
    const pairsAnEscapedTag = closing !== undefined && (escaped.get(closing) ?? 0) > 0;
    if (!pairsAnEscapedTag && isAllowedHtml(chunk, allowlist)) {
      this.raw(chunk);
      return;
    }
    if (open) escaped.set(open, (escaped.get(open) ?? 0) + 1);
    if (pairsAnEscapedTag) escaped.set(closing, escaped.get(closing)! - 1);
    this.raw(escapeHtml(chunk));
  }
  return {
    enter: {
      htmlFlow(this: CompileContext) {
        this.lineEndingIfNeeded();
        this.buffer();
      },
      htmlText(this: CompileContext) {
        this.buffer();
      },
      // Same as micromark's own handler (buffer the label), plus noting where image labels are.
      label(this: CompileContext, token: Token) {
        this.buffer();
        if (this.sliceSerialize(token).startsWith('!')) {
          const labels = this.getData('rawHtmlImageLabels') ?? [];
          labels.push([token.start.offset, token.end.offset]);
          this.setData('rawHtmlImageLabels', labels);
        }
      },
    },
    exit: {
      htmlFlowData: data,
      htmlTextData: data,
      htmlFlow: close,
      htmlText: close,
    },
  };
}
