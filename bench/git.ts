import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { startPlatform } from '../local/platform';
import { gitRepoProvider } from '../shared/adapters/gitWikiRepo';
import { systemClock } from '../shared/ports/clock';
import { TEST_KEYS_SETTING, TOKEN_OPTIONS, tokenFor } from '../test/helpers/tokens';
import { tempDir } from '../test/helpers/peers';
import { summarize, type Summary } from './stats';

const run = promisify(execFile);
const encoder = new TextEncoder();

export interface GitBenchResult {
  readonly pages: number;
  /** `git clone` over HTTP from the platform. */
  readonly clone: Summary;
  /** Baseline: `git clone` of the same bare repository straight from disk (git's own pack code). */
  readonly localClone: Summary;
  /** Edit one page, commit, `git push`, until the read path (page cache on) shows the edit. */
  readonly pushVisible: Summary;
  /** Baseline: the same edit saved through the JSON API, until the read path shows it. */
  readonly saveVisible: Summary;
  /** One push that changes every page: time to the end of `git push`, and what it published or deferred. */
  readonly pushAll: { readonly ms: number; readonly output: string };
}

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/**
 * git over HTTP at 1,000 pages: clone against a local `git clone` of the same repository, and a
 * push of one changed page (until readers see it) against the same edit saved through the API.
 */
export async function benchGit(options: { pages: number; runs: number }, log: (m: string) => void): Promise<GitBenchResult> {
  const dataDir = tempDir('wikibot-bench-git-');
  const work = tempDir('wikibot-bench-git-work-');
  const platform = await startPlatform({
    port: 0, s3Port: 0, dynamoPort: 0, dataDir, persistent: false, cache: true, quiet: true,
    region: 'us-east-1', bucket: 'wikibot-bench-git', tenantsTable: 'wikibot-bench-git-tenants', sessionKeys: TEST_KEYS_SETTING, ...TOKEN_OPTIONS,
  });
  try {
    const token = await tokenFor('bench');
    const api = (method: string, url: string, body: unknown) => fetch(`${platform.url}${url}`, {
      method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    if ((await api('POST', '/api/wikis', { user: 'bench', wiki: 'git', title: 'Git bench' })).status !== 201) throw new Error('Could not create the bench wiki.');
    log(`git: writing ${options.pages} pages`);
    const repo = gitRepoProvider({ fs, root: path.join(dataDir, 'efs'), clock: systemClock, fsyncObjects: false }).open({ user: 'bench', wiki: 'git' });
    await repo.commit({
      changes: Array.from({ length: options.pages }, (_, i) => ({
        path: `section ${i % 20}/page ${i}.md`, content: encoder.encode(`# Page ${i}\n\n${'Some words about the page. '.repeat(40)}\n`),
      })),
      message: `Added ${options.pages} pages.`,
      author: { name: 'Bench', email: 'bench@example.com' },
    });
    const gitdir = path.join(dataDir, 'efs', 'wikis', 'bench', 'git', 'repo.git');
    const url = new URL(`${platform.url}/bench/git.git`);
    [url.username, url.password] = ['bench', token];
    const git = (cwd: string, ...args: string[]) => run('git', args, { cwd, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', HOME: work }, maxBuffer: 64 << 20 });

    const clone: number[] = [];
    const localClone: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      let start = process.hrtime.bigint();
      await git(work, 'clone', '-q', url.href, `http-${i}`);
      clone.push(ms(start));
      start = process.hrtime.bigint();
      await git(work, 'clone', '-q', '--no-local', gitdir, `disk-${i}`);
      localClone.push(ms(start));
    }
    log(`git: clone ${clone.map((t) => t.toFixed(0)).join(', ')} ms`);

    const checkout = path.join(work, 'http-0');
    await git(checkout, 'config', 'user.name', 'Bench');
    await git(checkout, 'config', 'user.email', 'bench@example.com');
    const until = async (page: string, text: string) => {
      for (let i = 0; i < 2000; i++) {
        if ((await (await fetch(`${platform.url}/bench/git/${page}`)).text()).includes(text)) return;
        await new Promise((r) => setTimeout(r, 5));
      }
      throw new Error(`${page} never showed "${text}".`);
    };
    const pushVisible: number[] = [];
    const saveVisible: number[] = [];
    for (let i = 0; i < options.runs * 3; i++) {
      await git(checkout, 'pull', '-q', '--ff-only'); // the API saves below moved the branch
      await until('Section 1/Page 1', 'Page 1'); // warm the cache entry, so visibility needs the invalidation
      fs.writeFileSync(path.join(checkout, 'section 1', 'page 1.md'), `# Page 1\n\nPushed ${i}.\n`);
      await git(checkout, 'commit', '-qam', `Push ${i}`);
      let start = process.hrtime.bigint();
      await git(checkout, 'push', '-q', 'origin', 'HEAD');
      await until('Section 1/Page 1', `Pushed ${i}.`);
      pushVisible.push(ms(start));

      await until('Section 2/Page 2', 'Page 2');
      start = process.hrtime.bigint();
      const saved = await api('PUT', '/api/wikis/bench/git/pages/Section 2/Page 2', { content: `# Page 2\n\nSaved ${i}.\n` });
      if (saved.status !== 200) throw new Error(`Save answered ${saved.status}.`);
      await until('Section 2/Page 2', `Saved ${i}.`);
      saveVisible.push(ms(start));
    }
    await git(checkout, 'pull', '-q', '--ff-only');
    for (let i = 0; i < options.pages; i++) {
      fs.writeFileSync(path.join(checkout, `section ${i % 20}`, `page ${i}.md`), `# Page ${i}\n\nChanged by one big push.\n`);
    }
    await git(checkout, 'commit', '-qam', `Change all ${options.pages} pages`);
    const start = process.hrtime.bigint();
    const pushed = await git(checkout, '-c', 'http.postBuffer=16777216', 'push', 'origin', 'HEAD');
    const pushAll = { ms: ms(start), output: pushed.stderr.split('\n').filter((l) => l.startsWith('remote: wikibot:')).map((l) => l.replace(/^remote: /, '').trim()).join('; ') };
    log(`git: push of all pages ${pushAll.ms.toFixed(0)} ms: ${pushAll.output}`);
    return {
      pages: options.pages, clone: summarize(clone), localClone: summarize(localClone),
      pushVisible: summarize(pushVisible), saveVisible: summarize(saveVisible), pushAll,
    };
  } finally {
    await platform.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  }
}

export function gitMarkdown(r: GitBenchResult): string {
  const ratio = (a: Summary, b: Summary) => (a.median / b.median).toFixed(2);
  return `## git over HTTP (${r.pages.toLocaleString('en')} pages)

| | median | p90 | baseline (same run) | ratio |
|---|---|---|---|---|
| \`git clone\` over HTTP | ${r.clone.median.toFixed(0)} ms | ${r.clone.p90.toFixed(0)} ms | \`git clone --no-local\` from disk: ${r.localClone.median.toFixed(0)} ms | ${ratio(r.clone, r.localClone)}× |
| push of one changed page → visible on the read path | ${r.pushVisible.median.toFixed(0)} ms | ${r.pushVisible.p90.toFixed(0)} ms | API save of one page → visible: ${r.saveVisible.median.toFixed(0)} ms | ${ratio(r.pushVisible, r.saveVisible)}× |

One push changing all ${r.pages.toLocaleString('en')} pages took ${(r.pushAll.ms / 1000).toFixed(1)} s (the HTTP API allows 29 s; past 15 s of publishing the rest is left to backfill): ${r.pushAll.output || 'no summary'}.
`;
}

export async function runGitBench(options: { quick: boolean; docs?: string }, log: (m: string) => void): Promise<GitBenchResult> {
  const result = await benchGit({ pages: options.quick ? 200 : 1_000, runs: options.quick ? 2 : 5 }, log);
  console.log(gitMarkdown(result));
  if (options.docs) fs.appendFileSync(options.docs, `\n${gitMarkdown(result)}`);
  return result;
}

if (require.main === module) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  benchGit({ pages: Number(process.argv[2] ?? 1000), runs: 5 }, (m) => process.stderr.write(`[bench] ${m}\n`)).then(
    (r) => console.log(gitMarkdown(r)),
    (error: Error) => {
      console.error(error.stack ?? error.message);
      process.exit(1);
    },
  );
}
