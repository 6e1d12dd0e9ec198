import { z } from 'zod';
import { cleanCommitMessage } from '../../../shared/core/commitMessage';
import { parseWikiId } from '../../../shared/core/slugs';
import { deletePage } from '../commands/deletePage';
import { getPage } from '../commands/getPage';
import { listMyWikis } from '../commands/listMyWikis';
import { listPages } from '../commands/listPages';
import { pageDiff } from '../commands/pageDiff';
import { pageHistory } from '../commands/pageHistory';
import { putPage } from '../commands/putPage';
import { renamePage } from '../commands/renamePage';
import { searchWiki } from '../commands/search';
import type { CommandContext } from '../context';

/** One MCP tool: its schema (validated before `run`), what clients are told about it, and the command it runs. */
export interface ToolSpec<S extends z.ZodObject = z.ZodObject> {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly input: S;
  /** MCP tool annotations: hints for clients (e.g. to ask before destructive calls). */
  readonly annotations: { readonly readOnlyHint: boolean; readonly destructiveHint?: boolean; readonly idempotentHint?: boolean };
  run(ctx: CommandContext, args: z.infer<S>): Promise<unknown>;
}

const user = z.string().min(1).max(64).describe('The wiki\'s namespace (its owner), e.g. "alice".');
const wiki = z.string().min(1).max(64).describe('The wiki\'s name within the namespace, e.g. "notes".');
const path = z.string().min(1).max(2048).describe('A page path, e.g. "Docs/Getting Started" (case-insensitive; slashes make folders).');
const revision = z.string().regex(/^[0-9a-fA-F]{4,40}$/, 'a commit id (4 to 40 hex digits)');
const message = z.string().max(1000).describe('Commit message; the wiki\'s default when omitted.');
const cursor = z.string().min(1).max(4096).describe('The nextCursor of the previous call, to get the next batch.');

const at = <S extends z.ZodRawShape>(shape: S) => z.object({ user, wiki, ...shape }).strict();
const idOf = (args: { user: string; wiki: string }) => parseWikiId(args.user, args.wiki);

function tool<S extends z.ZodObject>(spec: ToolSpec<S>): ToolSpec {
  return spec as unknown as ToolSpec;
}

/** The tools of the `/mcp` endpoint (docs/mcp.md): each calls the same command as the JSON API, with the same roles. */
export const TOOLS: readonly ToolSpec[] = [
  tool({
    name: 'list_wikis',
    title: 'List my wikis',
    description: 'The wikis you own or are a member of, with your role in each. Needs a bearer token.',
    input: z.object({}).strict(),
    annotations: { readOnlyHint: true },
    run: (ctx) => listMyWikis(ctx),
  }),
  tool({
    name: 'list_pages',
    title: 'List pages',
    description: 'A wiki\'s pages sorted by path: path, title, size and last change. Paginated with cursor/nextCursor.',
    input: at({ cursor: cursor.optional(), limit: z.number().int().min(1).max(500).optional().describe('Pages per batch (default 100).') }),
    annotations: { readOnlyHint: true },
    run: (ctx, a) => listPages(ctx, idOf(a), { cursor: a.cursor, limit: a.limit ?? 100 }),
  }),
  tool({
    name: 'read_page',
    title: 'Read a page',
    description: 'A page\'s markdown at the head (or at `revision`), with the revision it was read at: pass that as baseRevision to write_page.',
    input: at({ path, revision: revision.optional().describe('Read the page as it was at this commit.') }),
    annotations: { readOnlyHint: true },
    run: (ctx, a) => getPage(ctx, idOf(a), a.path, a.revision),
  }),
  tool({
    name: 'write_page',
    title: 'Write a page',
    description:
      'Creates or replaces a page with markdown (Otter Wiki dialect: [[Wikilinks]], GFM, math, mermaid). One git commit; ' +
      'unchanged content makes none. Pass the revision you read as baseRevision: if the page changed since, nothing is ' +
      'written and the error is stale_revision with currentRevision, so you can merge and retry. Needs the editor role.',
    input: at({
      path,
      content: z.string().describe('The whole page as markdown (at most 1 MiB).'),
      message: message.optional(),
      baseRevision: revision.optional().describe('The revision your edit is based on (from read_page).'),
    }),
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true },
    run: (ctx, a) => putPage(ctx, idOf(a), a.path, { content: a.content, message: cleanCommitMessage(a.message), baseRevision: a.baseRevision }),
  }),
  tool({
    name: 'delete_page',
    title: 'Delete a page',
    description: 'Deletes a page with its attachments and subpages in one commit (git keeps the history). Needs the editor role.',
    input: at({ path, message: message.optional(), baseRevision: revision.optional().describe('Refuse if the page changed since this revision.') }),
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false },
    run: (ctx, a) => deletePage(ctx, idOf(a), a.path, { message: cleanCommitMessage(a.message), baseRevision: a.baseRevision }),
  }),
  tool({
    name: 'rename_page',
    title: 'Rename a page',
    description: 'Moves a page (and its attachments and subpages) to a new path in one commit and rewrites every link to it (unless updateBacklinks is false). Needs the editor role.',
    input: at({
      path,
      newPath: path.describe('The new page path.'),
      message: message.optional(),
      updateBacklinks: z.boolean().optional().describe('Rewrite [[links]] and /links to the page in other pages (default true).'),
    }),
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false },
    run: (ctx, a) => renamePage(ctx, idOf(a), a.path, { newPath: a.newPath, message: cleanCommitMessage(a.message), updateBacklinks: a.updateBacklinks }),
  }),
  tool({
    name: 'search',
    title: 'Search a wiki',
    description:
      'Full-text search over the current pages, best first, with snippets (HTML, matches in <mark>). Every word or ' +
      '"quoted phrase" must occur; case-insensitive unless matchCase. With regex, query is an RE2 regular expression matched line by line.',
    input: at({
      query: z.string().min(1).max(500).describe('Words, "phrases", or a regular expression with regex.'),
      matchCase: z.boolean().optional(),
      regex: z.boolean().optional(),
      limit: z.number().int().min(1).max(200).optional().describe('Hits to return (default 20).'),
    }),
    annotations: { readOnlyHint: true },
    run: (ctx, a) => searchWiki(ctx, idOf(a), { q: a.query, matchCase: a.matchCase, regex: a.regex, limit: a.limit }),
  }),
  tool({
    name: 'page_history',
    title: 'Page history',
    description: 'The commits that changed a page, newest first: revision, author, date, message. Paginated with cursor/nextCursor.',
    input: at({ path, cursor: cursor.optional(), limit: z.number().int().min(1).max(200).optional().describe('Entries per batch (default 50).') }),
    annotations: { readOnlyHint: true },
    run: (ctx, a) => pageHistory(ctx, idOf(a), a.path, { cursor: a.cursor, limit: a.limit ?? 50 }),
  }),
  tool({
    name: 'read_revision',
    title: 'Read a page at a revision',
    description: 'A page\'s markdown as it was at a commit (from page_history).',
    input: at({ path, revision: revision.describe('A commit id from page_history.') }),
    annotations: { readOnlyHint: true },
    run: (ctx, a) => getPage(ctx, idOf(a), a.path, a.revision),
  }),
  tool({
    name: 'diff',
    title: 'Diff a page',
    description: 'How a page changed between two revisions (to defaults to the head): a unified diff and its hunks.',
    input: at({ path, from: revision.describe('The older revision.'), to: revision.optional().describe('The newer revision (default: the head).') }),
    annotations: { readOnlyHint: true },
    run: (ctx, a) => pageDiff(ctx, idOf(a), a.path, { from: a.from, to: a.to }),
  }),
];

/** A tool's input schema as the JSON Schema MCP clients get (from the zod schema that validates it). */
export function inputJsonSchema(spec: ToolSpec): { type: 'object'; [key: string]: unknown } {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(spec.input) as Record<string, unknown>;
  return { ...schema, type: 'object' };
}
