import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { authHeaders, benchToken } from '../fixture';
import { KeepAliveClient, expectStatus, type Timed } from '../client';
import { HISTORY_PAGE_INDEX, makeFixtureRepo, pageFile, scalePageContent } from '../fixtureRepo';
import { processCpuSeconds } from '../scale';
import { summarize, type Summary } from '../stats';
import { startOtterWiki } from './otterwikiServer';
import { startWikibot } from './wikibotServer';
import type { WikibotMode } from './wikibotSides';

export interface SideBySideOptions {
  /** Pages besides home.md, as `npm run bench -- --pages` counts them. */
  readonly pages: number;
  /** How wikibot's side runs (wikibotSides.ts). */
  readonly mode: WikibotMode;
  readonly rounds: number;
  readonly warmup: number;
  readonly python: string;
  /** Scratch space: both repositories, wikibot's data, Otter Wiki's settings and log. */
  readonly tmp: string;
  readonly log: (line: string) => void;
}

export interface SideBySideRow {
  readonly name: string;
  readonly wikibot: Summary;
  readonly otterWiki: Summary;
  /** Body bytes of the last response of each. */
  readonly wikibotBytes: number;
  readonly otterWikiBytes: number;
}

export interface SideBySideRun {
  readonly pages: number;
  readonly mode: WikibotMode;
  readonly commits: number;
  readonly importSeconds: number;
  readonly loadAverage: number;
  /**
   * CPU milliseconds per measured save (mean; /proc, 10 ms ticks summed over the saves; 0 without
   * /proc): wikibot's process, and in `functions` mode the emulators' process besides.
   */
  readonly saveCpuMs: { readonly wikibot: number; readonly emulators?: number };
  readonly rows: readonly SideBySideRow[];
}

type Request = () => Promise<Timed>;

/**
 * One size: the scale run's repository (bench/fixtureRepo.ts: N pages in folders of 100, one
 * commit each, 20 edits of the history page), imported into wikibot (in `mode`: wikibotSides.ts)
 * and cloned as Otter Wiki's work tree, then each request kind on both, interleaved: the kinds rotate per
 * round and the two servers swap turns every round, so drift on a shared machine hits both alike.
 * Both run in processes of their own; this process only sends requests.
 */
export async function sideBySide(options: SideBySideOptions): Promise<SideBySideRun> {
  const { pages, mode, log } = options;
  const source = path.join(options.tmp, `source-${pages}-${mode}.git`);
  const otterRepo = path.join(options.tmp, `otterwiki-${pages}-${mode}`);
  log(`${pages} pages: writing the repository with git fast-import…`);
  makeFixtureRepo(source, { pages, edits: 20 });
  // Otter Wiki keeps a work tree; a plain clone of the same commits, as its users have.
  execFileSync('git', ['clone', '--quiet', source, otterRepo]);
  const commits = Number(execFileSync('git', ['-C', otterRepo, 'rev-list', '--count', 'HEAD'], { encoding: 'utf8' }).trim());

  log(`${pages} pages: importing into wikibot (${mode})…`);
  const wikibot = await startWikibot({ mode, repo: source, wiki: `peers-${pages}`, dataDir: path.join(options.tmp, `wikibot-${pages}-${mode}`) });
  let otter: Awaited<ReturnType<typeof startOtterWiki>> | undefined;
  const wb = new KeepAliveClient(wikibot.url);
  let ow: KeepAliveClient | undefined;
  try {
    log(`${pages} pages: wikibot imported in ${wikibot.importSeconds.toFixed(1)} s; starting Otter Wiki (gunicorn, 1 worker)…`);
    otter = await startOtterWiki({ python: options.python, repo: otterRepo, dir: path.join(options.tmp, `otterwiki-${pages}-${mode}-run`) });
    ow = new KeepAliveClient(otter.url);
    const o = ow;

    const token = await benchToken();
    const viewed = encodeURI(pageFile(Math.min(pages - 1, 57)).slice(0, -3));
    const history = encodeURI(pageFile(HISTORY_PAGE_INDEX).slice(0, -3));
    const api = `/api/wikis/bench/peers-${pages}/pages/${viewed}`;
    let version = 0;
    const content = () => scalePageContent(57, 1000 + version);
    const saveWikibot: Request = async () => {
      const r = expectStatus(await wb.request({ method: 'PUT', path: api, headers: authHeaders(token), body: JSON.stringify({ content: content() }) }), 200, `wikibot PUT ${api}`);
      if (!(JSON.parse(r.body.toString('utf8')) as { changed: boolean }).changed) throw new Error('wikibot answered changed=false to a new content.');
      return r;
    };
    // Otter Wiki's editor form: content and commit message; it answers with a redirect to the page.
    const saveOtter: Request = async () => {
      const body = new URLSearchParams({ content: content(), commit: `Side by side ${version}` }).toString();
      return expectStatus(await o.request({ method: 'POST', path: `/${viewed}/save`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }), 302, 'Otter Wiki save');
    };
    const viewWikibot: Request = async () => expectStatus(await wb.request({ path: `${wikibot.prefix}/${viewed}` }), 200, 'wikibot view');
    const viewOtter: Request = async () => expectStatus(await o.request({ path: `/${viewed}` }), 200, 'Otter Wiki view');
    const then = (first: Request, second: Request): Request => async () => {
      const a = await first();
      const b = await second();
      return { ...b, ms: a.ms + b.ms };
    };
    const kinds: [string, Request, Request][] = [
      ['save (new content)', saveWikibot, saveOtter],
      // What a person waits for: Otter Wiki's browser follows the redirect and renders the page;
      // wikibot's page is already rendered and published when the save answers.
      ['save, then the saved page', then(saveWikibot, viewWikibot), then(saveOtter, viewOtter)],
      ['page view (cache off)', viewWikibot, viewOtter],
      ['page history', async () => expectStatus(await wb.request({ path: `${wikibot.prefix}/-/history/${history}` }), 200, 'wikibot history'),
        async () => expectStatus(await o.request({ path: `/${history}/history` }), 200, 'Otter Wiki history')],
      ['changelog', async () => expectStatus(await wb.request({ path: `${wikibot.prefix}/-/changelog` }), 200, 'wikibot changelog'),
        async () => expectStatus(await o.request({ path: '/-/changelog' }), 200, 'Otter Wiki changelog')],
    ];
    const samples = kinds.map(() => ({ wikibot: [] as number[], otterWiki: [] as number[], wikibotBytes: 0, otterWikiBytes: 0 }));
    const loadAverage = os.loadavg()[0]!;
    log(`${pages} pages: ${options.warmup} warm-up + ${options.rounds} rounds of ${kinds.length} requests on each…`);
    let saves = 0;
    const saveCpu = { wikibot: 0, emulators: 0 };
    const cpu = () => ({ wikibot: processCpuSeconds(wikibot.pid), emulators: wikibot.emulatorsPid ? processCpuSeconds(wikibot.emulatorsPid) : 0 });
    for (let round = -options.warmup; round < options.rounds; round++) {
      for (let k = 0; k < kinds.length; k++) {
        const index = (k + Math.max(0, round)) % kinds.length;
        const [, onWikibot, onOtter] = kinds[index]!;
        const s = samples[index]!;
        if (kinds[index]![0].startsWith('save')) {
          version++;
          saves++;
        }
        const wikibotFirst = round % 2 === 0;
        for (const side of wikibotFirst ? ['w', 'o'] : ['o', 'w']) {
          const before = side === 'w' && index === 0 && round >= 0 ? cpu() : undefined;
          const r = await (side === 'w' ? onWikibot : onOtter)();
          if (before) {
            const after = cpu();
            saveCpu.wikibot += after.wikibot - before.wikibot;
            saveCpu.emulators += after.emulators - before.emulators;
          }
          if (side === 'w') s.wikibotBytes = r.body.length;
          else s.otterWikiBytes = r.body.length;
          if (round >= 0) (side === 'w' ? s.wikibot : s.otterWiki).push(r.ms);
        }
      }
    }
    // Otter Wiki's redirect says nothing of the commit: count them.
    const after = Number(execFileSync('git', ['-C', otterRepo, 'rev-list', '--count', 'HEAD'], { encoding: 'utf8' }).trim());
    if (after !== commits + saves) throw new Error(`Otter Wiki made ${after - commits} commits for ${saves} saves.`);
    return {
      pages: pages + 1, mode, commits, importSeconds: wikibot.importSeconds, loadAverage,
      saveCpuMs: {
        wikibot: (saveCpu.wikibot * 1000) / options.rounds,
        ...(wikibot.emulatorsPid ? { emulators: (saveCpu.emulators * 1000) / options.rounds } : {}),
      },
      rows: kinds.map(([name], i) => ({
        name, wikibot: summarize(samples[i]!.wikibot), otterWiki: summarize(samples[i]!.otterWiki),
        wikibotBytes: samples[i]!.wikibotBytes, otterWikiBytes: samples[i]!.otterWikiBytes,
      })),
    };
  } finally {
    wb.close();
    ow?.close();
    await otter?.close();
    await wikibot.close();
    fs.rmSync(source, { recursive: true, force: true });
  }
}
