import { parseSessionKeys } from '../shared/auth/sessionKeys';
import { signSessionToken } from '../shared/auth/sessionToken';
import settings from '../local/settings.json';
import { expectStatus, type KeepAliveClient } from './client';

/** The wiki the benchmark creates in its fresh data directory. */
export const BENCH_WIKI = { user: 'bench', wiki: 'perf', title: 'Benchmark wiki' } as const;
/** The page the read benchmark fetches: wikilinks, headings (a TOC), tables, code, a task list. */
export const READ_PAGE = 'Docs/Architecture';
/** The page the write benchmark saves over and over. */
export const WRITE_PAGE = 'Scratch/Write Bench';

/** A session token for the benchmark user, signed with the first key of local/settings.json. */
export async function benchToken(): Promise<string> {
  const [key] = parseSessionKeys(settings.sessionKeys);
  return signSessionToken({ sub: BENCH_WIKI.user, name: 'Benchmark' }, key!, {
    issuer: settings.issuer, audience: settings.audience, ttlSeconds: 3600,
  });
}

export function authHeaders(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
}

export function pageApiPath(page: string): string {
  return `/api/wikis/${BENCH_WIKI.user}/${BENCH_WIKI.wiki}/pages/${encodeURI(page)}`;
}

export function pageUrlPath(page: string): string {
  return `/${BENCH_WIKI.user}/${BENCH_WIKI.wiki}/${encodeURI(page)}`;
}

const READ_CONTENT = `# Architecture

This page is the read benchmark's fixture. It links to [[Home]], [[Getting Started]],
[[the glossary|Reference/Glossary]] and [[Operations#backups]], like a real wiki page would.

## Read path

Readers get pre-rendered HTML: the shell, the sidebar and this content fragment are fetched in
parallel and stitched together. See [[Operations]] for what runs where.

| Component | Runs on | Reads | Writes |
|-----------|---------|-------|--------|
| assemble | Lambda (no VPC) | S3 fragments | nothing |
| write | Lambda (VPC + EFS) | git, wiki.db | git, S3 |
| edge-auth | CloudFront | KeyValueStore | nothing |
| edge-sync | Lambda | DynamoDB stream | KeyValueStore |

### Cache behaviour

- [x] pages cached 30 s at the edge
- [x] static assets immutable for a year
- [ ] per-user caches

## Write path

1. Validate the request and the session.
2. Commit to the bare repository (objects + ref, no work tree).
3. Render and publish the fragment.

\`\`\`ts
const [shell, sidebar, content] = await Promise.all([get(shell), get(sidebar), get(page)]);
\`\`\`

### Failure modes

| Failure | Effect | Repair |
|---------|--------|--------|
| S3 PUT fails | stale fragment | reconcile pass |
| ref lock lost | retry | optimistic loop |

## Glossary

A **fragment** is a piece of HTML in S3; a **shell** wraps every page of a wiki.
More in [[Reference/Glossary]] and [[Reference/FAQ]].
`;

const OTHER_PAGES: Record<string, string> = {
  'Getting Started': '# Getting Started\n\nSee [[Docs/Architecture]].\n',
  Operations: '# Operations\n\n## Backups\n\nGit is the source of truth.\n',
  'Reference/Glossary': '# Glossary\n\nTerms used in [[Docs/Architecture]].\n',
  'Reference/FAQ': '# FAQ\n\nAsk in [[Home]].\n',
  [WRITE_PAGE]: '# Write Bench\n\nVersion 0.\n',
};

/** Pages in the benchmark wiki: home (made by the wiki's creation), the read page and the others. */
export const WIKI_PAGE_COUNT = 2 + Object.keys(OTHER_PAGES).length;

/** Creates the benchmark wiki and its pages through the public API, as a user would. */
export async function seedBenchWiki(client: KeepAliveClient, token: string): Promise<void> {
  const headers = authHeaders(token);
  expectStatus(
    await client.request({ method: 'POST', path: '/api/wikis', headers, body: JSON.stringify(BENCH_WIKI) }),
    201, 'Creating the benchmark wiki',
  );
  const pages = { [READ_PAGE]: READ_CONTENT, ...OTHER_PAGES };
  for (const [page, content] of Object.entries(pages)) {
    const put = await client.request({ method: 'PUT', path: pageApiPath(page), headers, body: JSON.stringify({ content }) });
    expectStatus(put, [200, 201], `Seeding ${page}`);
    const result = JSON.parse(put.body.toString('utf8')) as { unpublished?: string[] };
    if (result.unpublished?.length) throw new Error(`Seeding ${page}: could not publish ${result.unpublished.join(', ')}.`);
  }
}
