import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { benchColdStart } from '../coldStart';
import type { Summary } from '../stats';
import { otterWikiImportProbe } from './otterwikiServer';

export interface ColdStartSideBySide {
  /** Fresh processes of each kind measured (after 2 warm-up rounds). */
  readonly runs: number;
  /** wikibot's write bundle imported, then its first request: a page save against s3rver and dynalite. */
  readonly wikibot: Summary;
  /** `import otterwiki.server` in a fresh interpreter. */
  readonly otterWiki: Summary;
  /** `node -e 0`, spawn to exit: the runtime start neither figure counts. */
  readonly nodeStart: Summary;
}

/**
 * Issue 14 item 5, side by side: a fresh wikibot process answering its first save (load + first
 * request, bench/coldStart.ts) against Otter Wiki's import alone, the samples interleaved in one
 * rotation so a busy moment of the machine hits both. Otter Wiki imports against a one-page
 * repository: its import does not read the pages.
 */
export async function coldStartSideBySide(options: { python: string; tmp: string; runs: number; log: (line: string) => void }): Promise<ColdStartSideBySide> {
  const repo = path.join(options.tmp, 'cold-otterwiki');
  const git = (...args: string[]) => execFileSync('git', ['-C', repo, '-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', ...args], { stdio: 'ignore' });
  fs.mkdirSync(repo, { recursive: true });
  git('init', '-q');
  fs.writeFileSync(path.join(repo, 'home.md'), '# Home\n');
  git('add', 'home.md');
  git('commit', '-q', '-m', 'Initial commit');
  const probe = otterWikiImportProbe({ python: options.python, repo, dir: path.join(options.tmp, 'cold-otterwiki-run') });
  options.log(`cold start: ${options.runs} fresh processes of each kind, interleaved…`);
  const result = await benchColdStart({ runs: options.runs, alongside: probe });
  const save = result.rows.find((row) => row.kind === 'save')!;
  return { runs: options.runs, wikibot: save.cold, otterWiki: result.alongside!, nodeStart: result.baseline };
}
