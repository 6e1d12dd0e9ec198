import { PEERS_END, PEERS_START, coldVerdict, keepPeersSection, peersMarkdown, saveVerdicts, withPeersSection } from '../../../bench/peers/report';
import type { SideBySideRun } from '../../../bench/peers/sideBySide';
import { summarize } from '../../../bench/stats';

// Pure parts of the optional side-by-side run: nothing here starts Otter Wiki or wikibot.
const run = (pages: number, wikibotSave: number, otterSave: number): SideBySideRun => ({
  pages, mode: 'functions', commits: pages + 20, importSeconds: 1, loadAverage: 0, saveCpuMs: { wikibot: 12, emulators: 3 },
  rows: [
    { name: 'save (new content)', wikibot: summarize([wikibotSave]), otterWiki: summarize([otterSave]), wikibotBytes: 10, otterWikiBytes: 10 },
    { name: 'page view (cache off)', wikibot: summarize([5]), otterWiki: summarize([50]), wikibotBytes: 1024, otterWikiBytes: 4096 },
  ],
});

describe('side-by-side report', () => {
  it('judges each size\'s save against 0.7× Otter Wiki\'s median', () => {
    expect(saveVerdicts([run(101, 14, 20), run(10_001, 15, 20)]).map((v) => v.met)).toEqual([true, false]);
  });

  it('prints a table per size with the ratio', () => {
    const md = peersMarkdown([run(101, 10, 40)], { otterWikiVersion: '2.18.2', date: new Date('2026-01-02'), rounds: 1 });
    expect(md).toContain('### 101 pages, 121 commits (wikibot: functions)');
    expect(md).toContain('| save (new content) | 10.0 | 10.0 | 40.0 | 40.0 | 0.25× |');
    expect(md).toContain('101 pages (functions) 0.25× (met)');
    expect(md).toContain('**wikibot: functions**');
    expect(md).toContain('CPU per save (mean, from /proc): 12.0 ms in wikibot\'s process (the handlers), 3.0 ms in s3rver and dynalite\'s.');
    expect(md).not.toContain('**wikibot: platform**');
  });

  it('compares wikibot\'s load + first save with Otter Wiki\'s import alone, when the cold start ran', () => {
    const cold = { runs: 3, wikibot: summarize([180, 190, 200]), otterWiki: summarize([1000, 1100, 1200]), nodeStart: summarize([30]) };
    expect(coldVerdict(cold)).toEqual({ ratio: 190 / 1100, met: true });
    expect(coldVerdict({ ...cold, wikibot: summarize([1100]) }).met).toBe(false);
    const context = { otterWikiVersion: '2.18.2', date: new Date('2026-01-02'), rounds: 1 };
    const md = peersMarkdown([run(101, 10, 40)], context, cold);
    expect(md).toContain('| wikibot: load + first save | 190 | ');
    expect(md).toContain('| Otter Wiki: import alone | 1100 | ');
    expect(md).toContain('190 ms vs 1100 ms, 0.17× (met)');
    expect(peersMarkdown([run(101, 10, 40)], context)).not.toContain('### Cold start');
  });

  it('replaces its own section and leaves the rest of the docs alone', () => {
    const first = withPeersSection('# Benchmarks\n\nintro\n', 'old table');
    expect(first).toBe(`# Benchmarks\n\nintro\n\n${PEERS_START}\nold table\n${PEERS_END}\n`);
    const second = withPeersSection(`${first}\n## After\n`, 'new table');
    expect(second).toContain(`${PEERS_START}\nnew table\n${PEERS_END}\n\n## After`);
    expect(second).not.toContain('old table');
  });

  it('carries the section over a rewrite of the docs (npm run bench)', () => {
    const previous = withPeersSection('# old run\n', 'figures');
    expect(keepPeersSection('# new run\n', previous)).toBe(`# new run\n\n${PEERS_START}\nfigures\n${PEERS_END}\n`);
    expect(keepPeersSection('# new run\n', '# no section\n')).toBe('# new run\n');
  });
});
