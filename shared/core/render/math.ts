import type { CompileContext, HtmlExtension, Token } from 'micromark-util-types';
import { math } from 'micromark-extension-math';
import { LIBRARY, type RenderState } from './renderState';
import { typesetMath } from './typeset';

declare module 'micromark-util-types' {
  interface CompileData {
    mathFlowOpen?: boolean;
  }
}

/** `$…$`, `$$…$$` inline and `$$` fenced blocks (micromark-extension-math's syntax). */
export const mathSyntax = math({ singleDollarTextMath: true });

/**
 * Writes math typeset by KaTeX, or its source for MathJax (noted in `state.libraries`). A block
 * (`$$` fence, ```` ```math ````) gets its own `<div>`; display math inside a paragraph stays a span.
 */
export function mathHtmlFor(state: RenderState, tex: string, display: boolean, block = false): string {
  const out = typesetMath(tex, display);
  if (!out.typeset) state.libraries.add(LIBRARY.mathjax);
  return block ? `<div class="wb-math-block">${out.html}</div>` : out.html;
}

function writeMath(context: CompileContext, state: RenderState, tex: string, display: boolean, block = false) {
  context.tag(mathHtmlFor(state, tex, display, block));
}

// Otter Wiki's inline `$…$` needs a non-space just inside both dollars, so prices such as
// "$5 and $10" stay text; micromark's rule (like code spans) would take them as math.
function isOtterInlineMath(raw: string): boolean {
  return !/^\$\s/.test(raw) && !/\s\$$/.test(raw);
}

/** micromark HTML extension: typesets math (our own, to add the fallback and Otter Wiki's rules). */
export function mathHtml(state: RenderState): HtmlExtension {
  return {
    enter: {
      mathFlow(this: CompileContext) {
        this.lineEndingIfNeeded();
      },
      mathFlowFenceMeta(this: CompileContext) {
        this.buffer();
      },
      mathText(this: CompileContext) {
        this.buffer();
      },
    },
    exit: {
      mathFlowFence(this: CompileContext) {
        if (this.getData('mathFlowOpen')) return;
        this.setData('mathFlowOpen', true);
        this.setData('slurpOneLineEnding', true);
        this.buffer();
      },
      mathFlowFenceMeta(this: CompileContext) {
        this.resume();
      },
      mathFlowValue(this: CompileContext, token: Token) {
        this.raw(this.sliceSerialize(token));
      },
      mathFlow(this: CompileContext) {
        const tex = this.resume().replace(/(?:\r?\n|\r)$/, '');
        writeMath(this, state, tex, true, true);
        this.setData('mathFlowOpen');
        this.setData('slurpOneLineEnding');
      },
      mathText(this: CompileContext, token: Token) {
        this.resume();
        const raw = this.sliceSerialize(token);
        const fence = /^\$+/.exec(raw)![0].length;
        const tex = raw.slice(fence, raw.length - fence);
        if (fence === 1 && !isOtterInlineMath(raw)) {
          this.raw(this.encode(raw));
          return;
        }
        // `$$…$$` inside a paragraph is display math in Otter Wiki.
        writeMath(this, state, tex.trim(), fence > 1);
      },
    },
  };
}
