import { micromark } from 'micromark';
import { gfmTable, gfmTableHtml } from 'micromark-extension-gfm-table';
import { linearGfmTable } from '../../../../shared/core/render/tableResolve';

const upstream = (md: string) => micromark(md, { extensions: [gfmTable()], htmlExtensions: [gfmTableHtml()] });
const ours = (md: string) => micromark(md, { extensions: [linearGfmTable()], htmlExtensions: [gfmTableHtml()] });

// Upstream's resolver is the oracle: ours must build the same events, only in linear time.
const CASES: Record<string, string> = {
  simple: '| a | b |\n|---|---|\n| 1 | 2 |\n',
  alignment: '| l | c | r | n |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n',
  'no outer pipes': 'a | b\n--- | ---\n1 | 2\n3 | 4\n',
  'ragged rows': '| a | b | c |\n|---|---|---|\n| 1 |\n| 1 | 2 | 3 | 4 | 5 |\n|\n',
  'empty cells': '| | |\n|-|-|\n| | x |\n||\n',
  'escaped pipes and code': '| a \\| b | `c | d` |\n|---|---|\n| **x** | [l](http://e) |\n',
  'two tables': '| a |\n|---|\n| 1 |\n\npara\n\n| b | c |\n|:-:|--:|\n| 2 | 3 |\n',
  'adjacent tables': '| a |\n|---|\n| 1 |\n| b |\n|---|\n',
  'in a list and a quote': '- | a | b |\n  |---|---|\n  | 1 | 2 |\n\n> | q |\n> |---|\n> | 1 |\n',
  'lazy line ends it': '> | a |\n> |---|\nlazy | x\n',
  'not a table': '| a |\n| b |\n\n|---|\n',
  'head only': '| a | b |\n|---|---|\n',
  'trailing spaces and tabs': '|\ta\t|  b  |\n| --- |\t---\t|\n|  1  |\t2\t|\n',
  'big': `${'| h '.repeat(20)}|\n${'|---'.repeat(20)}|\n${`${'| c *e* '.repeat(20)}|\n`.repeat(50)}`,
};

describe('linearGfmTable', () => {
  it.each(Object.entries(CASES))('renders %s exactly as upstream', (_name, md) => {
    expect(ours(md)).toBe(upstream(md));
  });

  it('renders generated tables of every small shape exactly as upstream', () => {
    let checked = 0;
    for (let cols = 1; cols <= 4; cols++) for (let rows = 0; rows <= 3; rows++) for (const align of [':--', ':-:', '--:', '---']) {
      const row = (r: number) => `|${Array.from({ length: cols }, (_, c) => ` ${r}${c} `).join('|')}|\n`;
      const md = `${row(0)}|${Array(cols).fill(align).join('|')}|\n${Array.from({ length: rows }, (_, r) => row(r + 1)).join('')}`;
      expect(ours(md)).toBe(upstream(md));
      checked++;
    }
    expect(checked).toBe(64);
  });
});
