import * as fs from 'node:fs';
import * as path from 'node:path';

/** The demo wiki `npm start` creates on first start: a few pages that link to each other. */
export const DEMO = { user: 'demo', wiki: 'welcome', title: 'Welcome to wikibot' } as const;

const PAGES: Record<string, string> = {
  Home: `# Welcome to wikibot

This demo wiki lives in a git repository; every page you read here was rendered when it was saved.

- [[Getting Started]] shows how to write pages through the API.
- [[Syntax]] shows every construct of the dialect: math, diagrams, alerts, blocks and more.
- [[Markdown Tour|Docs/Markdown Tour]] is a shorter tour of the basics.
- [[About]] says where the pieces run.
`,
  'Getting Started': `# Getting Started

Write a page with \`PUT /api/wikis/demo/welcome/pages/{path}\` and a JSON body \`{"content": "…"}\`.
Pages link to each other with wikilinks such as [[Home]] or [[Back home|Home]].
`,
  'Docs/Markdown Tour': `# Markdown Tour

## Tables

| Syntax | Result |
|--------|--------|
| \`**bold**\` | **bold** |
| \`~~strike~~\` | ~~strike~~ |

## Lists

- [x] task lists
- [ ] footnotes[^1]

[^1]: Like this one.

Back to [[Home]].
`,
  // Every construct of the Otter Wiki dialect, kept as a markdown file to read and edit easily.
  Syntax: fs.readFileSync(path.join(__dirname, 'demo', 'syntax.md'), 'utf8'),
  'Docs/Math Fallback': `# Math Fallback

KaTeX typesets formulas when a page is saved. The few it cannot handle, such as this
\`multline\` environment, are typeset in the browser by MathJax, on this page only:

$$
\\begin{multline}
a + b + c + d + e + f \\\\
+ g + h + i = z
\\end{multline}
$$

Everything else on the page, like $a^2 + b^2 = c^2$, was typeset at save time.
`,
  About: `# About

Reads are assembled from three fragments in S3; writes commit to git on EFS. See [[Home]].
`,
};

/** Creates the demo wiki through the public API unless it exists. Returns whether it did. */
export async function seedDemo(baseUrl: string, token: string): Promise<boolean> {
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const exists = await fetch(`${baseUrl}/api/wikis/${DEMO.user}/${DEMO.wiki}/pages/home`);
  if (exists.status === 200) return false;
  const created = await fetch(`${baseUrl}/api/wikis`, {
    method: 'POST', headers: auth, body: JSON.stringify(DEMO),
  });
  if (created.status !== 201) throw new Error(`Could not create the demo wiki: ${created.status} ${await created.text()}`);
  for (const [path, content] of Object.entries(PAGES)) {
    const put = await fetch(`${baseUrl}/api/wikis/${DEMO.user}/${DEMO.wiki}/pages/${encodeURI(path)}`, {
      method: 'PUT', headers: auth, body: JSON.stringify({ content, message: `Seeded ${path}.` }),
    });
    if (put.status >= 300) throw new Error(`Could not seed ${path}: ${put.status} ${await put.text()}`);
  }
  return true;
}
