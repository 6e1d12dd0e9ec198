import type { Code, Construct, ContainerState, Effects, Extension, State, Token, TokenizeContext, TokenType } from 'micromark-util-types';
import { codes } from 'micromark-util-symbol';
import { markdownSpace } from 'micromark-util-character';
import { factorySpace } from 'micromark-factory-space';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    spoiler: 'spoiler';
    spoilerPrefix: 'spoilerPrefix';
    fold: 'fold';
    foldPrefix: 'foldPrefix';
    alert: 'alert';
    alertPrefix: 'alertPrefix';
    alertType: 'alertType';
  }
  interface ContainerState {
    /** The line a spoiler, fold or alert last continued on (see `quoteContainerEnd`). */
    wbLine?: number;
  }
}

// The quote containers open in a document, innermost last, each with the line it last continued
// on. Kept on the document tokenizer; a token entered while micromark only checked a line is
// dropped again, as micromark drops it from the document's events.
interface OpenQuote {
  readonly token: Token;
  readonly index: number;
  readonly state: ContainerState;
}
type QuoteTracking = TokenizeContext & { wbOpenQuotes?: OpenQuote[] };

function openQuotes(self: QuoteTracking): OpenQuote[] {
  const open = (self.wbOpenQuotes ??= []);
  while (open.length && self.events[open[open.length - 1]!.index]?.[1] !== open[open.length - 1]!.token) open.pop();
  return open;
}

/**
 * Otter Wiki needs the marker on every line of a spoiler, fold or alert: a line without it ends
 * the container, where a block quote would take it in as a lazy continuation. micromark gives a
 * container no say in laziness, so this document construct, tried on every line that not all
 * containers continued, claims such a line for "a new container": micromark then closes the
 * containers that did not continue, and after that this construct no longer matches.
 */
export const quoteContainerEnd: Construct = {
  name: 'quoteContainerEnd',
  tokenize(this: TokenizeContext, _effects, ok, nok) {
    const self = this as QuoteTracking;
    return (code: Code) => {
      if (!self.wbOpenQuotes?.length) return nok(code);
      const open = openQuotes(self);
      const innermost = open[open.length - 1];
      return innermost && innermost.state.wbLine !== self.now().line ? ok(code) : nok(code);
    };
  },
};

/** Ends spoilers, folds and alerts at the first line without their marker (see above). */
export const quoteContainerEndSyntax: Extension = { document: { null: [quoteContainerEnd] } };

/** Tokenizes what follows `>` on a line that opens (or repeats) the container; `ok` after it. */
export type MarkerTokenizer = (effects: Effects, ok: State, nok: State) => State;

export interface QuoteContainerSpec {
  readonly name: 'spoiler' | 'fold' | 'alert';
  readonly prefix: TokenType;
  readonly marker: MarkerTokenizer;
  /** `>!` and `>|` repeat their marker on every line; alerts continue with plain `>` lines. */
  readonly repeatMarker: boolean;
}

/**
 * A block-quote-like container (micromark "document" construct): `>!` spoilers, `>|` folds and
 * `> [!NOTE]` alerts. Their content is parsed as markdown of its own, like a block quote's, and
 * the container closes at the first line that does not continue it.
 */
export function quoteContainer(spec: QuoteContainerSpec): Construct {
  const prefixOf = (marker: MarkerTokenizer): Construct => ({
    partial: true,
    tokenize(effects, ok, nok) {
      return (code: Code) => {
        if (code !== codes.greaterThan) return nok(code);
        effects.enter(spec.prefix);
        effects.consume(code);
        return marker(effects, (after: Code) => {
          if (markdownSpace(after)) {
            effects.consume(after);
            effects.exit(spec.prefix);
            return ok;
          }
          effects.exit(spec.prefix);
          return ok(after);
        }, nok);
      };
    },
  });
  const opening = prefixOf(spec.marker);
  const plain = prefixOf((_effects, ok) => ok);

  const construct: Construct = {
    name: spec.name,
    tokenize(this: TokenizeContext, effects, ok, nok) {
      const self = this;
      return (code: Code) => {
        if (code !== codes.greaterThan) return nok(code);
        // Check first: the container token may only be entered once the whole marker is there.
        return effects.check(opening, (start: Code) => {
          const state = self.containerState!;
          if (!state.open) {
            const token = effects.enter(spec.name, { _container: true });
            const tracking = self as QuoteTracking;
            openQuotes(tracking).push({ token, index: self.events.length - 1, state });
            state.open = true;
          }
          state.wbLine = self.now().line;
          return effects.attempt(opening, ok, nok)(start);
        }, nok)(code);
      };
    },
    continuation: {
      tokenize(this: TokenizeContext, effects, ok, nok) {
        const self = this;
        const continued = (code: Code) => {
          self.containerState!.wbLine = self.now().line;
          return ok(code);
        };
        const next = effects.attempt(spec.repeatMarker ? opening : plain, continued, nok);
        return (code: Code) => (markdownSpace(code) ? factorySpace(effects, next, 'linePrefix', 4)(code) : next(code));
      },
    },
    exit(this: TokenizeContext, effects) {
      const token = effects.exit(spec.name);
      const open = (this as QuoteTracking).wbOpenQuotes ?? [];
      const at = open.findIndex((entry) => entry.token === token);
      if (at >= 0) open.splice(at);
    },
  };
  return construct;
}

/** A marker that is one character, such as `!` for spoilers. */
export function singleCharMarker(char: NonNullable<Code>): MarkerTokenizer {
  return (effects, ok, nok) => (code: Code) => {
    if (code !== char) return nok(code);
    effects.consume(code);
    return ok;
  };
}
