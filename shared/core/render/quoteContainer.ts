import type { Code, Construct, Effects, State, TokenizeContext, TokenType } from 'micromark-util-types';
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
}

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
            effects.enter(spec.name, { _container: true });
            state.open = true;
          }
          return effects.attempt(opening, ok, nok)(start);
        }, nok)(code);
      };
    },
    continuation: {
      tokenize(effects, ok, nok) {
        const next = effects.attempt(spec.repeatMarker ? opening : plain, ok, nok);
        return (code: Code) => (markdownSpace(code) ? factorySpace(effects, next, 'linePrefix', 4)(code) : next(code));
      },
    },
    exit(effects) {
      effects.exit(spec.name);
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
