import { execFileSync } from 'node:child_process';

/** Where the scale fixture's pages are: `folder {n}/page {i}.md`, 100 to a folder, after home.md. */
export const pageFile = (i: number) => `folder ${Math.floor(i / 100)}/page ${i}.md`;
export const HISTORY_PAGE_INDEX = 0;

/** A realistic page: headings (a TOC), a table, code, a task list, wikilinks. */
export function scalePageContent(i: number, version = 0): string {
  return `# Page ${i}

Part of the scale benchmark (version ${version}). See [[Home]], [[Folder ${Math.floor((i + 1) / 100)}/Page ${i + 1}]] and [[the index|Index]].

## Details

| key | value | note |
|-----|-------|------|
| id | ${i} | unique |
| folder | ${Math.floor(i / 100)} | a hundred a folder |

- [x] committed by git fast-import
- [ ] edited by hand

\`\`\`ts
export const page${i} = { id: ${i}, links: ['Home', 'Index'] };
\`\`\`

## More

${'Some prose with *emphasis*, **strong** text, \`code\` and a [link](https://example.com). '.repeat(4)}
`;
}

export interface FixtureRepoOptions {
  /** Pages besides home.md, each added by a commit of its own. */
  readonly pages: number;
  /** Extra commits editing the first page, on top (its history then has this many + 1 entries). */
  readonly edits?: number;
}

/**
 * A bare Otter-Wiki-shaped repository written by `git fast-import` in one process: 10,000
 * commits take about a second, where committing them one by one would take minutes. One commit
 * per page (as the issue's measurements), then `edits` commits on page 0, so that page has a
 * long history in a long repository.
 */
export function makeFixtureRepo(gitdir: string, options: FixtureRepoOptions): void {
  execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', gitdir]);
  const chunks: string[] = [];
  let time = Date.UTC(2025, 0, 1) / 1000;
  let mark = 0;
  const commit = (message: string, file: string, content: string) => {
    const body = Buffer.byteLength(content);
    const who = `Bench <bench@example.com> ${time++} +0000`;
    chunks.push(
      `commit refs/heads/main\nmark :${++mark}\nauthor ${who}\ncommitter ${who}\ndata ${Buffer.byteLength(message)}\n${message}\n` +
      (mark > 1 ? `from :${mark - 1}\n` : '') +
      `M 100644 inline ${file}\ndata ${body}\n${content}\n`,
    );
  };
  commit('Initial commit', 'home.md', '# Scale bench\n\nSee [[Index]].\n');
  for (let i = 0; i < options.pages; i++) commit(`Added Page ${i}.`, pageFile(i), scalePageContent(i));
  for (let v = 1; v <= (options.edits ?? 0); v++) commit(`Updated Page ${HISTORY_PAGE_INDEX}.`, pageFile(HISTORY_PAGE_INDEX), scalePageContent(HISTORY_PAGE_INDEX, v));
  execFileSync('git', ['--git-dir', gitdir, 'fast-import', '--quiet'], { input: chunks.join(''), maxBuffer: 1 << 30 });
}
