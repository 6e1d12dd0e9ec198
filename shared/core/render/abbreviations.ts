import type {
  Code, CompileContext, Construct, Effects, Extension, HtmlExtension, State, Token, TokenizeContext,
} from 'micromark-util-types';
import { codes } from 'micromark-util-symbol';
import { markdownLineEnding, markdownSpace } from 'micromark-util-character';
import { escapeHtml } from '../html';
import type { RenderState } from './renderState';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    abbrDefinition: 'abbrDefinition';
    abbrDefinitionKey: 'abbrDefinitionKey';
    abbrDefinitionValue: 'abbrDefinitionValue';
  }
  interface CompileData {
    abbrKey?: string;
  }
}

/** `*[HTML]: Hyper Text Markup Language` on a line of its own (not interrupting a paragraph). */
function tokenizeAbbrDefinition(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this;
  let size = 0;
  return start;

  function start(code: Code): State | undefined {
    if (self.interrupt) return nok(code);
    effects.enter('abbrDefinition');
    effects.consume(code); // `*`
    return open;
  }
  function open(code: Code): State | undefined {
    if (code !== codes.leftSquareBracket) return nok(code);
    effects.consume(code);
    effects.enter('abbrDefinitionKey');
    return key;
  }
  function key(code: Code): State | undefined {
    if (code === codes.rightSquareBracket && size > 0) {
      effects.exit('abbrDefinitionKey');
      effects.consume(code);
      return colon;
    }
    if (code === null || markdownLineEnding(code) || code === codes.leftSquareBracket || code === codes.rightSquareBracket) {
      return nok(code);
    }
    size++;
    effects.consume(code);
    return key;
  }
  function colon(code: Code): State | undefined {
    if (code !== codes.colon) return nok(code);
    effects.consume(code);
    return space;
  }
  function space(code: Code): State | undefined {
    if (markdownSpace(code)) {
      effects.consume(code);
      return space;
    }
    if (code === null || markdownLineEnding(code)) return end(code);
    effects.enter('abbrDefinitionValue');
    return value(code);
  }
  function value(code: Code): State | undefined {
    if (code === null || markdownLineEnding(code)) {
      effects.exit('abbrDefinitionValue');
      return end(code);
    }
    effects.consume(code);
    return value;
  }
  function end(code: Code): State | undefined {
    effects.exit('abbrDefinition');
    return ok(code);
  }
}

const construct: Construct = { name: 'abbrDefinition', tokenize: tokenizeAbbrDefinition };

export const abbreviationSyntax: Extension = { flow: { [codes.asterisk]: construct } };

/** Collects the definitions (they may come after their uses); they write nothing themselves. */
export function abbreviationHtml(state: RenderState): HtmlExtension {
  return {
    enter: {
      abbrDefinition(this: CompileContext) {
        this.buffer();
      },
    },
    exit: {
      abbrDefinitionKey(this: CompileContext, token: Token) {
        this.setData('abbrKey', this.sliceSerialize(token).trim());
      },
      abbrDefinitionValue(this: CompileContext, token: Token) {
        const key = this.getData('abbrKey');
        if (key && !state.abbreviations.has(key)) state.abbreviations.set(key, this.sliceSerialize(token).trim());
      },
      abbrDefinition(this: CompileContext) {
        this.resume();
        this.setData('abbrKey');
        this.setData('slurpOneLineEnding', true);
      },
    },
  };
}

// A tag, its quoted attribute values taken whole (they may hold `>`), or a comment.
const TAG = /<!--[\s\S]*?-->|<\/?[a-zA-Z][^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>/g;
// Text inside these is left as it is: code, math, existing abbreviations, raw text.
const SKIP = new Set(['code', 'pre', 'abbr', 'script', 'style', 'textarea', 'svg', 'math', 'title']);

/** Wraps every whole-word use of a defined abbreviation in page text with `<abbr title>`. */
export function applyAbbreviations(html: string, abbreviations: ReadonlyMap<string, string>): string {
  if (abbreviations.size === 0) return html;
  const keys = [...abbreviations.keys()].sort((a, b) => b.length - a.length).map((k) => escapeRegExp(escapeHtml(k)));
  const word = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${keys.join('|')})(?![\\p{L}\\p{N}_])`, 'gu');
  const titles = new Map([...abbreviations].map(([k, v]) => [escapeHtml(k), escapeHtml(v)]));
  const skipping: string[] = [];
  let katexDepth = 0;
  let out = '';
  let last = 0;
  const plainKeys = [...titles.keys()];
  const text = (segment: string) =>
    skipping.length > 0 || katexDepth > 0 || !plainKeys.some((key) => segment.includes(key))
      ? segment
      : segment.replace(word, (key) => `<abbr title="${titles.get(key) ?? ''}">${key}</abbr>`);
  for (const match of html.matchAll(TAG)) {
    out += text(html.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
    const tag = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)/.exec(match[0]);
    if (!tag) continue;
    const [, closing, rawName] = tag;
    const name = rawName!.toLowerCase();
    if (name === 'span' && (katexDepth > 0 || /class="(?:katex|wb-math-fallback)/.test(match[0]))) {
      katexDepth += closing ? -1 : 1;
    } else if (SKIP.has(name)) {
      if (closing) skipping.pop();
      else if (!match[0].endsWith('/>')) skipping.push(name);
    }
  }
  return out + text(html.slice(last));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
