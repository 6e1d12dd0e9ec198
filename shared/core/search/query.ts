import { InvalidInputError } from '../errors';

export const MAX_QUERY_LENGTH = 500;
export const MAX_TERMS = 8;

/**
 * The words of a plain (not regex) query: split at whitespace, `"quoted phrases"` kept whole,
 * duplicates dropped. Lowercased unless `matchCase`. At most MAX_TERMS; an empty query is a 400.
 */
export function parseTerms(text: string, matchCase: boolean): string[] {
  const terms: string[] = [];
  const pattern = /"([^"]*)"|(\S+)/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const raw = (match[1] ?? match[2] ?? '').replace(/\s+/g, ' ').trim();
    if (raw === '') continue;
    const term = matchCase ? raw : raw.toLowerCase();
    if (!terms.includes(term)) terms.push(term);
  }
  if (terms.length === 0) throw new InvalidInputError('Give some words to search for.');
  if (terms.length > MAX_TERMS) throw new InvalidInputError(`A search may have at most ${MAX_TERMS} words or phrases.`);
  return terms;
}

/** Checks the raw query text: present, not too long, no control characters. */
export function checkQueryText(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') throw new InvalidInputError('Give some words to search for ("q").');
  if (trimmed.length > MAX_QUERY_LENGTH) throw new InvalidInputError(`A search may be at most ${MAX_QUERY_LENGTH} characters long.`);
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(trimmed)) throw new InvalidInputError('The search contains control characters.');
  return trimmed;
}
