import type { CompileContext, HtmlExtension } from 'micromark-util-types';
import { htmlToText } from '../html';
import { mathHtmlFor } from './math';
import type { RenderState } from './renderState';

/**
 * Inline code, plus Otter Wiki's `` `$…$` ``: a code span that starts and ends with a dollar is
 * inline math (so TeX with backticks-proof content can be written safely).
 */
export function codeTextHtml(state: RenderState): HtmlExtension {
  return {
    enter: {
      codeText(this: CompileContext) {
        this.setData('inCodeText', true);
        this.buffer();
      },
    },
    exit: {
      codeText(this: CompileContext) {
        this.setData('inCodeText');
        const html = this.resume();
        const text = htmlToText(html);
        if (text.length >= 3 && text.startsWith('$') && text.endsWith('$')) {
          this.tag(mathHtmlFor(state, text.slice(1, -1), false));
          return;
        }
        this.tag('<code>');
        this.raw(html);
        this.tag('</code>');
      },
    },
  };
}
