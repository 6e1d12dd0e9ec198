/**
 * The optional side-by-side run with Otter Wiki (issue 14 item 6). Not part of `npm test`,
 * `.ci/run` or `npm run bench`: it needs an Otter Wiki installation, which wikibot does not
 * depend on. See bench/peers/README.md.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../build-bundles';
import { OTTER_WIKI_VERSION, otterWikiVersion } from './otterwikiServer';
import { coldStartSideBySide, type ColdStartSideBySide } from './coldStartSideBySide';
import { coldVerdict, peersMarkdown, saveVerdicts, withPeersSection } from './report';
import { sideBySide, type SideBySideRun } from './sideBySide';
import { WIKIBOT_MODES, type WikibotMode } from './wikibotSides';

const HELP = `Usage: npx tsx bench/peers/otterwiki.ts [--pages N,N…] [--rounds N] [--wikibot MODE,…] [--otterwiki-python PATH] [--docs]

Runs wikibot and Otter Wiki (gunicorn, 1 worker) side by side on the same
repository and prints the medians of a save, a page view (cache off), page history and the
changelog, with the ratio wikibot / Otter Wiki; then the cold start of each.

  --pages N,N             wiki sizes (pages besides home.md), default 100,10000
  --rounds N              measured rounds per size (default 30; 10 warm-up rounds before)
  --wikibot MODE,…        how wikibot runs (default functions; both: functions,platform):
                            functions  the write and assemble handlers alone in their process,
                                       s3rver and dynalite in another (as in AWS, where S3 and
                                       DynamoDB do not run on the function's CPU)
                            platform   the whole local platform in one process (gateway,
                                       emulators, invalidations, handlers on one event loop)
  --otterwiki-python PATH a Python that imports otterwiki and gunicorn
                          (default: $OTTERWIKI_PYTHON, else python3)
  --cold-runs N           fresh processes of each side for the cold start (default 10; 0: none):
                            wikibot's load + first save against Otter Wiki's import alone
  --docs                  also replace the "Side by side with Otter Wiki" section of docs/benchmarks.md
  -h, --help`;

const DOCS = path.join(ROOT, 'docs', 'benchmarks.md');

function log(message: string) {
  process.stderr.write(`[peers] ${message}\n`);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      pages: { type: 'string', default: '100,10000' },
      rounds: { type: 'string', default: '30' },
      wikibot: { type: 'string', default: 'functions' },
      'otterwiki-python': { type: 'string' },
      'cold-runs': { type: 'string', default: '10' },
      docs: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const sizes = values.pages.split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 60 || n > 100_000)) throw new Error('--pages takes sizes of 60-100000, e.g. 100,10000.');
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds takes a positive whole number.');
  const coldRuns = Number(values['cold-runs']);
  if (!Number.isInteger(coldRuns) || coldRuns < 0) throw new Error('--cold-runs takes a whole number (0: no cold start).');
  const modes = [...new Set(values.wikibot.split(','))] as WikibotMode[];
  if (modes.some((m) => !WIKIBOT_MODES.includes(m))) throw new Error(`--wikibot takes ${WIKIBOT_MODES.join(', ')} or both, comma-separated.`);
  const python = values['otterwiki-python'] ?? process.env.OTTERWIKI_PYTHON ?? 'python3';
  // First, before minutes of fixture building: is there an Otter Wiki to compare with?
  const version = otterWikiVersion(python);
  if (version !== OTTER_WIKI_VERSION) log(`note: Otter Wiki ${version}; the issue's figures are for ${OTTER_WIKI_VERSION}`);
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wikibot-peers-'));
  const runs: SideBySideRun[] = [];
  let cold: ColdStartSideBySide | undefined;
  try {
    for (const pages of sizes) {
      for (const mode of modes) runs.push(await sideBySide({ pages, mode, rounds, warmup: 10, python, tmp, log }));
    }
    if (coldRuns > 0) cold = await coldStartSideBySide({ python, tmp, runs: coldRuns, log });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const markdown = peersMarkdown(runs, { otterWikiVersion: version, date: new Date(), rounds }, cold);
  console.log(markdown);
  if (values.docs) {
    fs.writeFileSync(DOCS, withPeersSection(fs.existsSync(DOCS) ? fs.readFileSync(DOCS, 'utf8') : '', markdown));
    log(`wrote the side-by-side section of ${path.relative(ROOT, DOCS)}`);
  }
  return saveVerdicts(runs).every((v) => v.met) && (!cold || coldVerdict(cold).met) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`bench/peers/otterwiki.ts failed: ${error.message}`);
    process.exit(2);
  },
);
