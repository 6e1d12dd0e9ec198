import { InvalidInputError, NotFoundError } from '../../shared/core/errors';
import type { WikiHistory } from '../../shared/ports/wikiHistory';

const REVISION = /^[0-9a-f]{4,40}$/i;

/** A revision from a request (full or abbreviated commit id): 400 when malformed, 404 when unknown. */
export async function resolveRevision(history: WikiHistory, value: string, field: string): Promise<string> {
  if (!REVISION.test(value)) throw new InvalidInputError(`"${field}" must be a commit id (4 to 40 hex digits).`);
  const revision = await history.resolveRevision(value);
  if (!revision) throw new NotFoundError(`There is no revision ${value} in this wiki.`);
  return revision;
}

/** A pagination cursor: the full commit id a previous page returned as `nextCursor`. */
export async function resolveCursor(history: WikiHistory, value: string | undefined): Promise<string | undefined> {
  if (value === undefined) return undefined;
  if (!/^[0-9a-f]{40}$/.test(value) || !(await history.resolveRevision(value))) {
    throw new InvalidInputError('"cursor" is not a cursor this listing returned.');
  }
  return value;
}
