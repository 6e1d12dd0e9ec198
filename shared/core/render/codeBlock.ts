import type { CompileContext, HtmlExtension, Token } from 'micromark-util-types';
import { escapeHtml, htmlToText } from '../html';
import { numberLines } from './codeLines';
import { highlightCode } from './highlight';
import { mathHtmlFor } from './math';
import { renderMermaid } from './mermaid';
import { LIBRARY, type RenderState } from './renderState';

declare module 'micromark-util-types' {
  interface CompileData {
    codeInfo?: string;
  }
}

/**
 * A fenced or indented code block, by its info string: ```` ```math ```` typesets each line as
 * display math, ```` ```mermaid ```` becomes a diagram, a known language is highlighted (with line
 * numbers when it ends in `=`, as in ```` ```python= ````), anything else is plain escaped text.
 */
export function renderCodeBlock(code: string, info: string, state: RenderState): string {
  const word = info.trim().split(/\s+/, 1)[0] ?? '';
  if (word === 'math') {
    return code.split(/\r?\n/).filter((line) => line.trim()).map((line) => mathHtmlFor(state, line, true, true)).join('\n');
  }
  if (word === 'mermaid') {
    state.libraries.add(LIBRARY.mermaid);
    return renderMermaid(code);
  }
  const numbered = word.endsWith('=');
  const language = numbered ? word.slice(0, -1) : word;
  const highlighted = language ? highlightCode(code, language) : undefined;
  const body = highlighted ?? escapeHtml(code);
  const langAttr = language ? ` data-lang="${escapeHtml(language)}"` : '';
  const codeClass = highlighted ? ` class="hljs language-${escapeHtml(language.toLowerCase())}"` : '';
  const pre = numbered ? '<pre class="wb-numbered">' : '<pre>';
  // A browser shows no line for the newline that ends preformatted text: code that ends with
  // blank lines needs one more newline to show them.
  const tail = code.endsWith('\n') ? '\n' : '';
  return `<div class="wb-code"${langAttr}>${pre}<code${codeClass}>${numbered ? numberLines(body) : body}${tail}</code></pre></div>`;
}

/** micromark HTML extension: collects each code block's text and writes `renderCodeBlock`. */
export function codeBlockHtml(state: RenderState): HtmlExtension {
  function start(this: CompileContext): undefined {
    this.lineEndingIfNeeded();
    this.buffer();
  }
  function end(this: CompileContext): undefined {
    const code = this.resume().replace(/\r?\n$/, '');
    const info = this.getData('codeInfo') ?? '';
    this.setData('codeInfo');
    this.setData('fencesCount');
    this.setData('flowCodeSeenData');
    this.setData('slurpOneLineEnding');
    this.tag(renderCodeBlock(code, info, state));
  }
  return {
    enter: {
      codeFenced(this: CompileContext) {
        start.call(this);
        this.setData('fencesCount', 0);
      },
      codeIndented: start,
    },
    exit: {
      // micromark has compiled the info string (escapes and character references decoded, then
      // HTML-encoded); its text is the language name CommonMark means.
      codeFencedFenceInfo(this: CompileContext) {
        this.setData('codeInfo', htmlToText(this.resume()));
      },
      codeFencedFence(this: CompileContext) {
        const count = this.getData('fencesCount') ?? 0;
        if (count === 0) this.setData('slurpOneLineEnding', true);
        this.setData('fencesCount', count + 1);
      },
      // The text as written: it is escaped (or highlighted) as a whole at the end.
      codeFlowValue(this: CompileContext, token: Token) {
        this.raw(this.sliceSerialize(token));
      },
      codeFenced: end,
      codeIndented: end,
    },
  };
}
