import type { HLJSApi } from 'highlight.js';
import { memoize } from './memo';

let hljs: HLJSApi | undefined;
// highlight.js with all its ~190 languages takes ~150 ms to load, so it loads on the first code
// block rather than with the write function.
const engine = () => (hljs ??= require('highlight.js') as HLJSApi);

/**
 * Highlights code at save time (highlight.js, classes `hljs-*` styled by our theme for light and
 * dark). Returns undefined for a language highlight.js does not know, so the caller shows the
 * code as plain, escaped text.
 */
export function highlightCode(code: string, language: string): string | undefined {
  const name = language.trim().toLowerCase();
  if (!name || !engine().getLanguage(name)) return undefined;
  return highlighted(`${name}\n${code}`);
}

// Keyed by language and code; the first line is the language (names have no line breaks).
const highlighted = memoize((key) => {
  const newline = key.indexOf('\n');
  return engine().highlight(key.slice(newline + 1), { language: key.slice(0, newline), ignoreIllegals: true }).value;
});
