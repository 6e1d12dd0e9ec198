import { InvalidInputError } from '../../../shared/core/errors';
import type { WikiHistory } from '../../../shared/ports/wikiHistory';
import { resolveRevision } from '../revisions';

/** The first parent of a commit (undefined for the first commit): the second entry of its first-parent log. */
export async function parentOf(history: WikiHistory, revision: string): Promise<string | undefined> {
  const { entries } = await history.log({ from: revision, limit: 2 });
  return entries[1]?.revision;
}

/** A revision from a query parameter (4–40 hex digits, 400/404 like the API), or undefined when absent. */
export async function optionalRevision(history: WikiHistory, value: string | undefined, field: string): Promise<string | undefined> {
  if (value === undefined) return undefined;
  return resolveRevision(history, value, field);
}

export function requireValue<T>(value: T | undefined, message: string): T {
  if (value === undefined) throw new InvalidInputError(message);
  return value;
}
