import type {
  Code, CompileContext, Construct, Effects, Event, Extension, HtmlExtension, Resolver, State, TokenizeContext,
} from 'micromark-util-types';
import { codes } from 'micromark-util-symbol';
import { splice } from 'micromark-util-chunked';
import { classifyCharacter } from 'micromark-util-classify-character';
import { resolveAll } from 'micromark-util-resolve-all';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    mark: 'mark';
    markSequence: 'markSequence';
    markSequenceTemporary: 'markSequenceTemporary';
    markText: 'markText';
  }
}

/**
 * `==highlighted==`, paired like GFM strikethrough pairs `~~` (so `==**bold**==` nests). As in
 * Otter Wiki, exactly two `=` on each side, no space just inside them, and no bare `=` between.
 */
const resolveAllMark: Resolver = (events, context) => {
  let index = -1;
  while (++index < events.length) {
    const closer = events[index]!;
    if (closer[0] !== 'enter' || closer[1].type !== 'markSequenceTemporary' || !closer[1]._close) continue;
    let open = index;
    while (open--) {
      const opener = events[open]!;
      if (opener[0] !== 'exit' || opener[1].type !== 'markSequenceTemporary' || !opener[1]._open) continue;
      const between = context.sliceSerialize({ start: opener[1].end, end: closer[1].start });
      if (/(^|[^\\])=/.test(between)) break;
      opener[1].type = 'markSequence';
      closer[1].type = 'markSequence';
      const mark = { type: 'mark' as const, start: { ...opener[1].start }, end: { ...closer[1].end } };
      const text = { type: 'markText' as const, start: { ...opener[1].end }, end: { ...closer[1].start } };
      const next: Event[] = [
        ['enter', mark, context], ['enter', opener[1], context], ['exit', opener[1], context], ['enter', text, context],
      ];
      const insideSpan = context.parser.constructs.insideSpan.null;
      if (insideSpan) splice(next, next.length, 0, resolveAll(insideSpan, events.slice(open + 1, index), context));
      splice(next, next.length, 0, [
        ['exit', text, context], ['enter', closer[1], context], ['exit', closer[1], context], ['exit', mark, context],
      ]);
      splice(events, open - 1, index - open + 3, next);
      index = open + next.length - 2;
      break;
    }
  }
  for (const event of events) {
    if (event[1].type === 'markSequenceTemporary') event[1].type = 'data';
  }
  return events;
};

function tokenizeMark(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const previous = this.previous;
  const events = this.events;
  let size = 0;
  return start;

  function start(code: Code): State | undefined {
    if (previous === codes.equalsTo && events[events.length - 1]?.[1].type !== 'characterEscape') return nok(code);
    effects.enter('markSequenceTemporary');
    return more(code);
  }
  function more(code: Code): State | undefined {
    if (code === codes.equalsTo) {
      if (size > 1) return nok(code);
      effects.consume(code);
      size++;
      return more;
    }
    if (size < 2) return nok(code);
    const token = effects.exit('markSequenceTemporary');
    const before = classifyCharacter(previous);
    const after = classifyCharacter(code);
    // Whitespace (group 1) just inside the markers is what matters: `== a==` is not a mark.
    token._open = after !== 1;
    token._close = before !== 1;
    return ok(code);
  }
}

const construct: Construct = { name: 'mark', tokenize: tokenizeMark, resolveAll: resolveAllMark };

/** micromark syntax extension for `==mark==`. */
export const markSyntax: Extension = {
  text: { [codes.equalsTo]: construct },
  insideSpan: { null: [construct] },
  attentionMarkers: { null: [codes.equalsTo] },
};

/** micromark HTML extension for `==mark==`. */
export const markHtml: HtmlExtension = {
  enter: {
    mark(this: CompileContext) {
      this.tag('<mark>');
    },
  },
  exit: {
    mark(this: CompileContext) {
      this.tag('</mark>');
    },
  },
};
