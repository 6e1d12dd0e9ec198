import { computeBlame, renderBlame, type BlameCommit } from '../../../../shared/core/views/blame';

const commit = (revision: string, name = 'Ann'): BlameCommit => ({
  revision: revision.padEnd(40, '0'), author: { name, email: `${name.toLowerCase()}@x` }, date: '2026-01-01T00:00:00Z', message: `msg ${revision}`,
});

describe('computeBlame', () => {
  it('keeps each line with the commit that last changed it', () => {
    const [a, b, c] = [commit('a'), commit('b', 'Bob'), commit('c')];
    const result = computeBlame([
      { commit: a, text: 'one\ntwo\nthree\n' },
      { commit: b, text: 'one\nTWO\nthree\nfour\n' },
      { commit: c, text: 'zero\none\nTWO\nfour\n' },
    ]);
    expect(result.lines.map((l) => [l.text, l.commit.revision[0]])).toEqual([
      ['zero', 'c'], ['one', 'a'], ['TWO', 'b'], ['four', 'b'],
    ]);
    expect(result.approximate).toBe(false);
  });

  it('survives deletion and re-creation (an empty version in between)', () => {
    const result = computeBlame([
      { commit: commit('a'), text: 'x\n' },
      { commit: commit('b'), text: '' },
      { commit: commit('c'), text: 'x\ny\n' },
    ]);
    expect(result.lines.map((l) => l.commit.revision[0])).toEqual(['c', 'c']);
  });

  it('attributes a version it cannot diff in time to the newer commit, and says so', () => {
    const a = Array.from({ length: 5000 }, (_, i) => `a${i}`).join('\n');
    const b = Array.from({ length: 5000 }, (_, i) => `b${i}`).join('\n');
    const result = computeBlame([{ commit: commit('a'), text: a }, { commit: commit('b'), text: b }], { timeoutMs: 5 });
    expect(result.approximate).toBe(true);
    expect(result.lines.every((l) => l.commit.revision.startsWith('b'))).toBe(true);
  });
});

describe('renderBlame', () => {
  it('shows each run of lines from one commit under one header, escaped', () => {
    const a = commit('a', '<Ann>');
    const html = renderBlame({
      basePath: '/u/w', page: 'P', truncated: true,
      result: { approximate: false, lines: [{ text: '<b>', commit: a }, { text: 'y', commit: a }, { text: 'z', commit: commit('b') }] },
    });
    expect(html.match(/wb-blame-first/g)).toHaveLength(2);
    expect(html).toContain('&lt;b&gt;');
    expect(html).toContain('&lt;Ann&gt;');
    expect(html).toContain('/u/w/-/commit?revision=a000');
    expect(html).toContain('long history');
  });
});
