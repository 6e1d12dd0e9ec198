import { InvalidInputError } from './errors';

const USER = /^[a-z0-9][a-z0-9-]{0,38}$/;
const WIKI = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** First path segments the distribution routes elsewhere, so no namespace may take them. */
export const RESERVED_USERS: ReadonlySet<string> = new Set(['api', 'auth', 'mcp', 'static', '-']);

export interface WikiId {
  readonly user: string;
  readonly wiki: string;
}

export function isUserSlug(value: string): boolean {
  return USER.test(value) && !RESERVED_USERS.has(value);
}

export function isWikiSlug(value: string): boolean {
  return WIKI.test(value);
}

/** Validates both slugs of a wiki; throws InvalidInputError naming the bad one. */
export function parseWikiId(user: unknown, wiki: unknown): WikiId {
  if (typeof user !== 'string' || !isUserSlug(user)) {
    throw new InvalidInputError(
      `Invalid user "${String(user)}": use 1-39 lowercase letters, digits or '-', starting with a letter or digit (not api, auth, mcp or static).`,
    );
  }
  if (typeof wiki !== 'string' || !isWikiSlug(wiki)) {
    throw new InvalidInputError(
      `Invalid wiki "${String(wiki)}": use 1-63 lowercase letters, digits or '-', starting with a letter or digit.`,
    );
  }
  return { user, wiki };
}

export function wikiKey({ user, wiki }: WikiId): string {
  return `${user}/${wiki}`;
}
