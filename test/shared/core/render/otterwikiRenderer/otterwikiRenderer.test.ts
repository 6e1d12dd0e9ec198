import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderPage } from '../../../../../shared/core/render/renderPage';
import { parseWikilinkStyle } from '../../../../../shared/core/render/wikilink';
import { CHECK_KINDS, failure, QUERY_KEYS, type Check } from './meaning';

/**
 * Otter Wiki's renderer tests (tests/test_renderer.py, and the rendering assertions of its other
 * tests), restated by us as data: markdown in, meaning expected. `index.json` names every test
 * function and where it is restated (or why it has no rendering meaning); each case that differs
 * from Otter Wiki on purpose says why in `deliberate`, and its checks state what we do instead.
 */
const DIR = path.resolve(__dirname, '../../../../fixtures/otterwiki-renderer');
const BASE = '/alice/notes';

interface Case {
  readonly test: string;
  readonly case: string;
  readonly markdown: string;
  readonly config?: { readonly WIKILINK_STYLE?: string; readonly RENDERER_HTML_ALLOWLIST?: string };
  readonly expect: readonly Check[];
  readonly deliberate?: string;
}
interface Index {
  readonly source: string;
  readonly tests: Readonly<Record<string, string>>;
}

const index = JSON.parse(fs.readFileSync(path.join(DIR, 'index.json'), 'utf8')) as Index;
const files = fs.readdirSync(DIR).filter((name) => name.endsWith('.json') && name !== 'index.json').sort();
const cases: (Case & { file: string })[] = files.flatMap((file) =>
  (JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')) as Case[]).map((c) => ({ ...c, file })));

/** Keys a check has beyond its one kind (and, for element checks, the query's fields). */
function unknownKeys(check: Check): string[] {
  const keys = Object.keys(check);
  if ('element' in check || 'noElement' in check) return keys.filter((key) => key !== 'element' && key !== 'noElement' && key !== 'count' && !QUERY_KEYS.includes(key));
  return keys.length === 1 && (CHECK_KINDS as readonly string[]).includes(keys[0]!) ? [] : keys;
}

describe("Otter Wiki's renderer tests, restated by meaning", () => {
  it('restates every test function the index names, and names every restated one', () => {
    const restated = new Set(cases.map((c) => c.test));
    const missing = Object.entries(index.tests).filter(([name, where]) => !where.startsWith('no rendering meaning') && !restated.has(name)).map(([n]) => n);
    expect(missing).toEqual([]);
    expect([...restated].filter((name) => !(name in index.tests))).toEqual([]);
  });

  it('writes every case with known checks and a reason for each deliberate difference', () => {
    for (const c of cases) {
      expect(c.expect.length).toBeGreaterThan(0);
      for (const check of c.expect) expect(unknownKeys(check)).toEqual([]);
      if ('deliberate' in c) expect((c.deliberate ?? '').length).toBeGreaterThan(20);
    }
  });

  it.each(cases.map((c) => [`${c.test} › ${c.case}`, c]))('%s', (_name, c) => {
    const page = renderPage(c.markdown, {
      basePath: BASE,
      wikilinkStyle: parseWikilinkStyle(c.config?.WIKILINK_STYLE),
      htmlAllowlist: c.config?.RENDERER_HTML_ALLOWLIST,
    });
    const problems = c.expect.map((check) => failure(check, page, BASE)).filter(Boolean);
    expect({ problems, html: problems.length ? page.html : '' }).toEqual({ problems: [], html: '' });
  });
});
