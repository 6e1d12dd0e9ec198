/**
 * Literal strings that every match of a regular expression must contain, found conservatively
 * (an empty list when unsure), so a regex search can skip most pages with a plain `indexOf`
 * before the regex engine runs. Only the top level of the pattern is read: no alternation there,
 * groups and classes are skipped, a quantified character ends the literal before it.
 *
 * With `caseInsensitive`, literals are lowercased and split at characters whose case folding
 * JavaScript's toLowerCase does not mirror (`s`/`ſ`, `k`/`K` and anything non-ASCII), so the
 * prefilter on lowercased text never drops a page the regex would match.
 */
export function requiredLiterals(pattern: string, caseInsensitive: boolean, minLength = 2): string[] {
  if (pattern.includes('(?') || pattern.includes('\\Q') || hasTopLevelAlternation(pattern)) return [];
  const runs: string[] = [];
  let run = '';
  const end = () => {
    if (run) runs.push(run);
    run = '';
  };
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    let literal: string | undefined;
    let width = 1;
    if (c === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) return [];
      // An escaped punctuation character is itself; letters and digits are classes (\w, \d, \b, \p…).
      if (/[A-Za-z0-9]/.test(next)) {
        end();
        if (next === 'p' || next === 'P' || next === 'x') return finish(runs, caseInsensitive, minLength);
        i = skipQuantifier(pattern, i + 2);
        continue;
      }
      literal = next;
      width = 2;
    } else if (c === '(') {
      end();
      const close = skipGroup(pattern, i);
      if (close < 0) return [];
      i = close + 1;
      i = skipQuantifier(pattern, i);
      continue;
    } else if (c === '[') {
      end();
      const close = skipClass(pattern, i);
      if (close < 0) return [];
      i = skipQuantifier(pattern, close + 1);
      continue;
    } else if ('.^$'.includes(c)) {
      end();
      i = skipQuantifier(pattern, i + 1);
      continue;
    } else if ('*+?{})]|'.includes(c)) {
      // A quantifier without a preceding literal we kept, or a stray bracket: stop being clever.
      return finish(runs, caseInsensitive, minLength);
    } else {
      literal = c;
    }
    const after = pattern[i + width];
    if (after === '*' || after === '?' || (after === '{' && /^\{0*(,|\})/.test(pattern.slice(i + width)))) {
      // The character is optional: the literal ends before it.
      end();
      i = skipQuantifier(pattern, i + width);
      continue;
    }
    run += literal;
    if (after === '+' || after === '{') {
      // Required at least once, but what follows may repeat it: the literal ends with it.
      end();
      i = skipQuantifier(pattern, i + width);
      continue;
    }
    i += width;
  }
  end();
  return finish(runs, caseInsensitive, minLength);
}

function finish(runs: string[], caseInsensitive: boolean, minLength: number): string[] {
  const out = caseInsensitive ? runs.flatMap((r) => r.toLowerCase().split(/[sk]|[^\x00-\x7f]/)) : runs;
  return [...new Set(out.filter((r) => r.length >= minLength))].sort((a, b) => b.length - a.length);
}

function hasTopLevelAlternation(pattern: string): boolean {
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '[') {
      const close = skipClass(pattern, i);
      if (close < 0) return true;
      i = close;
    } else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

/** Index of the `)` closing the group opened at `start`, or -1. */
function skipGroup(pattern: string, start: number): number {
  let depth = 0;
  for (let i = start; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '[') {
      const close = skipClass(pattern, i);
      if (close < 0) return -1;
      i = close;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/** Index of the `]` closing the class opened at `start`, or -1 (`[]a]` and `[^]a]` include `]`). */
function skipClass(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  for (; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '[' && pattern[i + 1] === ':') {
      const close = pattern.indexOf(':]', i + 2);
      if (close < 0) return -1;
      i = close + 1;
    } else if (c === ']') return i;
  }
  return -1;
}

function skipQuantifier(pattern: string, i: number): number {
  const c = pattern[i];
  if (c === '*' || c === '+' || c === '?') i++;
  else if (c === '{') {
    const close = pattern.indexOf('}', i);
    if (close > 0 && /^\{\d*(,\d*)?\}$/.test(pattern.slice(i, close + 1))) i = close + 1;
  }
  if (pattern[i] === '?') i++; // lazy
  return i;
}
