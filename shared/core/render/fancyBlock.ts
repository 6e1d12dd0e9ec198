import type {
  Code, CompileContext, Construct, Effects, Extension, HtmlExtension, State, Token, TokenizeContext,
} from 'micromark-util-types';
import { codes } from 'micromark-util-symbol';
import { markdownLineEnding } from 'micromark-util-character';
import { factorySpace } from 'micromark-factory-space';
import { escapeHtml } from '../html';
import { takeLeadingHeading } from './headings';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    fancyBlock: 'fancyBlock';
    fancyBlockFence: 'fancyBlockFence';
    fancyBlockFamily: 'fancyBlockFamily';
    fancyBlockContent: 'fancyBlockContent';
  }
  interface CompileData {
    fancyBlockFamilies?: string[];
  }
}

const nonLazyLine: Construct = { partial: true, tokenize: tokenizeNonLazyLine };

/**
 * Otter Wiki's `::: info` … `:::` block. The content between the fences is parsed as markdown
 * of its own (a nested document, as micromark's directive containers do). A closing fence has
 * at least as many colons; without one the block runs to the end of the page.
 */
function tokenizeFancyBlock(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this;
  const tail = self.events[self.events.length - 1];
  const indent = tail && tail[1].type === 'linePrefix' ? tail[2].sliceSerialize(tail[1], true).length : 0;
  let sizeOpen = 0;
  let previous: Token | undefined;
  const closingFence: Construct = { partial: true, tokenize: tokenizeClosingFence };
  return start;

  function start(code: Code): State | undefined {
    effects.enter('fancyBlock');
    effects.enter('fancyBlockFence');
    return sequence(code);
  }
  function sequence(code: Code): State | undefined {
    if (code === codes.colon) {
      effects.consume(code);
      sizeOpen++;
      return sequence;
    }
    if (sizeOpen < 3) return nok(code);
    return factorySpace(effects, familyStart, 'whitespace')(code);
  }
  function familyStart(code: Code): State | undefined {
    if (code === null || markdownLineEnding(code)) return openEnd(code);
    effects.enter('fancyBlockFamily');
    return family(code);
  }
  function family(code: Code): State | undefined {
    if (code === null || markdownLineEnding(code)) {
      effects.exit('fancyBlockFamily');
      return openEnd(code);
    }
    if (code === codes.colon) return nok(code);
    effects.consume(code);
    return family;
  }
  function openEnd(code: Code): State | undefined {
    effects.exit('fancyBlockFence');
    if (code === null) return after(code);
    if (self.interrupt) return ok(code);
    return effects.attempt(nonLazyLine, contentStart, after)(code);
  }
  function contentStart(code: Code): State | undefined {
    if (code === null) return after(code);
    if (markdownLineEnding(code)) return effects.check(nonLazyLine, contentOpen, after)(code);
    return contentOpen(code);
  }
  function contentOpen(code: Code): State | undefined {
    effects.enter('fancyBlockContent');
    return lineStart(code);
  }
  function lineStart(code: Code): State | undefined {
    const next = indent ? factorySpace(effects, chunkStart, 'linePrefix', indent + 1) : chunkStart;
    return effects.attempt(closingFence, contentEnd, next)(code);
  }
  function chunkStart(code: Code): State | undefined {
    if (code === null) return contentEnd(code);
    if (markdownLineEnding(code)) return effects.check(nonLazyLine, chunkOpen, contentEnd)(code);
    return chunkOpen(code);
  }
  function chunkOpen(code: Code): State | undefined {
    const token = effects.enter('chunkDocument', { contentType: 'document', previous });
    if (previous) previous.next = token;
    previous = token;
    return chunk(code);
  }
  function chunk(code: Code): State | undefined {
    if (code === null) {
      closeChunk();
      return contentEnd(code);
    }
    if (markdownLineEnding(code)) return effects.check(nonLazyLine, chunkLineEnding, chunkLastLine)(code);
    effects.consume(code);
    return chunk;
  }
  function chunkLineEnding(code: Code): State | undefined {
    effects.consume(code);
    closeChunk();
    return lineStart;
  }
  function chunkLastLine(code: Code): State | undefined {
    closeChunk();
    return contentEnd(code);
  }
  function closeChunk() {
    const token = effects.exit('chunkDocument');
    self.parser.lazy[token.start.line] = false;
  }
  function contentEnd(code: Code): State | undefined {
    effects.exit('fancyBlockContent');
    return after(code);
  }
  function after(code: Code): State | undefined {
    effects.exit('fancyBlock');
    return ok(code);
  }

  function tokenizeClosingFence(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
    let size = 0;
    return factorySpace(effects, closeStart, 'linePrefix', 4);
    function closeStart(code: Code): State | undefined {
      effects.enter('fancyBlockFence');
      return closeSequence(code);
    }
    function closeSequence(code: Code): State | undefined {
      if (code === codes.colon || (size >= sizeOpen && code === codes.tilde)) {
        effects.consume(code);
        size++;
        return closeSequence;
      }
      if (size < sizeOpen) return nok(code);
      return factorySpace(effects, closeEnd, 'whitespace')(code);
    }
    function closeEnd(code: Code): State | undefined {
      if (code !== null && !markdownLineEnding(code)) return nok(code);
      effects.exit('fancyBlockFence');
      return ok(code);
    }
  }
}

function tokenizeNonLazyLine(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const self = this;
  return (code: Code) => {
    effects.enter('lineEnding');
    effects.consume(code);
    effects.exit('lineEnding');
    return (next: Code) => (self.parser.lazy[self.now().line] ? nok(next) : ok(next));
  };
}

const construct: Construct = { name: 'fancyBlock', tokenize: tokenizeFancyBlock, concrete: true };

export const fancyBlockSyntax: Extension = { flow: { [codes.colon]: construct } };

// Otter Wiki's colour families and their synonyms.
const FAMILIES: Record<string, string> = {
  info: 'info', blue: 'info', warning: 'warning', yellow: 'warning', danger: 'danger', red: 'danger',
  success: 'success', green: 'success', none: 'plain', empty: 'plain', '': 'plain',
};

/** The CSS class suffix of a family: a known one, or the author's word reduced to safe letters. */
export function fancyBlockFamily(raw: string): string {
  const word = raw.trim().toLowerCase();
  return FAMILIES[word] ?? (word.replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'plain');
}

/** A `<div role="alert">` in the family's colours, its leading heading shown as the title. */
export const fancyBlockHtml: HtmlExtension = {
  enter: {
    fancyBlock(this: CompileContext) {
      this.lineEndingIfNeeded();
      const families = this.getData('fancyBlockFamilies') ?? [];
      families.push('');
      this.setData('fancyBlockFamilies', families);
      this.buffer();
    },
  },
  exit: {
    fancyBlockFamily(this: CompileContext, token: Token) {
      const families = this.getData('fancyBlockFamilies')!;
      families[families.length - 1] = this.sliceSerialize(token);
    },
    fancyBlock(this: CompileContext) {
      const { heading, rest } = takeLeadingHeading(this.resume().trim());
      const family = fancyBlockFamily(this.getData('fancyBlockFamilies')?.pop() ?? '');
      const title = heading === undefined ? '' : `<p class="wb-block-title">${heading}</p>`;
      this.tag(`<div class="wb-block wb-block-${escapeHtml(family)}" role="alert">${title}${rest.trim()}</div>`);
    },
  },
};
