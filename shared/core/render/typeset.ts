import type Katex from 'katex';
import { escapeHtml } from '../html';
import { memoize } from './memo';

let katex: typeof Katex | undefined;
// KaTeX takes tens of milliseconds to load; a write function that renders no math never pays.
const engine = () => (katex ??= require('katex') as typeof Katex);

export interface TypesetMath {
  readonly html: string;
  /** False when KaTeX could not typeset it: the HTML is the source, for MathJax in the browser. */
  readonly typeset: boolean;
}

/**
 * TeX commands that put links, classes, ids, styles or attributes into the output. A formula
 * KaTeX refuses that uses one never goes to MathJax in the browser (whose safe mode is the second
 * line): it is shown as source instead, as is `\csname` (which spells any command) and a
 * `\require` of anything but a plain extension name.
 */
const ACTIVE_TEX = /\\(?:href|url|class|cssId|style|htmlClass|htmlId|htmlStyle|htmlData|data|html|mmlToken|csname|includegraphics)(?![a-zA-Z])|\\require\s*(?!\{[a-zA-Z0-9-]+\})/;

/** Marks math left for the browser; the MathJax configuration processes only these elements. */
export const MATH_FALLBACK_CLASS = 'wb-math-fallback';

/**
 * Typesets TeX with KaTeX at save time, so readers download no math engine. What KaTeX cannot
 * handle (macros only MathJax knows, such as `\require` or `\bbox`) stays as `\(…\)` / `\[…\]`
 * source in a marked element, and the page then loads MathJax (Otter Wiki's own engine).
 */
export function typesetMath(tex: string, display: boolean): TypesetMath {
  return (display ? typesetDisplay : typesetInline)(tex);
}

const typesetInline = memoize((tex) => typeset(tex, false));
const typesetDisplay = memoize((tex) => typeset(tex, true));

function typeset(tex: string, display: boolean): TypesetMath {
  try {
    const html = engine().renderToString(tex, {
      displayMode: display,
      throwOnError: true,
      // No \href, \url, \htmlClass…: formulas cannot add links or attributes.
      trust: false,
      strict: 'ignore',
      output: 'htmlAndMathml',
      // Bounds the work a hostile formula can cause at save time.
      maxExpand: 1000,
      maxSize: 50,
    });
    return { html, typeset: true };
  } catch {
    const source = escapeHtml(tex);
    if (ACTIVE_TEX.test(tex)) {
      return { html: `<code class="wb-math-error" title="This formula uses a command that is not allowed here.">${source}</code>`, typeset: true };
    }
    const html = display
      ? `<span class="${MATH_FALLBACK_CLASS} wb-math-display">\\[${source}\\]</span>`
      : `<span class="${MATH_FALLBACK_CLASS}">\\(${source}\\)</span>`;
    return { html, typeset: false };
  }
}
