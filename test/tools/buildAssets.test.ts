import * as fs from 'node:fs';
import * as path from 'node:path';
import { STATIC_ORIGIN_PREFIX, buildAssets, contentTypeOf } from '../../tools/buildAssets';
import { ASSET } from '../../shared/core/fragments/assets';
import { tempDir } from '../helpers/peers';

describe('buildAssets', () => {
  const out = tempDir('wikibot-assets-');
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it('builds every asset of the manifest under a content-hashed path, and a manifest.json', () => {
    const built = buildAssets(out);
    for (const name of Object.values(ASSET)) {
      expect(built.manifest[name]).toMatch(new RegExp(`^/static/[0-9a-f]{12}/${name.replace('.', '\\.')}$`));
    }
    for (const file of built.files) expect(fs.existsSync(file.file)).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'))).toEqual(built.manifest);
  });

  it('is deterministic, so every machine publishes the same URLs', () => {
    expect(buildAssets(out).manifest).toEqual(buildAssets(tempDir('wikibot-assets-again-')).manifest);
  });

  it('bundles the highlighter theme and KaTeX (woff2 fonts beside it) into our stylesheet', () => {
    const built = buildAssets(out);
    const css = fs.readFileSync(built.files.find((f) => f.key.endsWith('/wikibot.css'))!.file, 'utf8');
    expect(css).toContain('.hljs-keyword');
    expect(css).toContain('.katex');
    expect(css).toContain('[data-theme="dark"]');
    expect(css).not.toContain('.ttf');
    const fonts = built.files.filter((f) => f.key.includes('/fonts/KaTeX_'));
    expect(fonts.length).toBeGreaterThan(10);
    // Keys are the static origin's prefix (its OriginPath) followed by the URL path.
    expect(path.dirname(fonts[0]!.key)).toBe(`${STATIC_ORIGIN_PREFIX}${path.dirname(built.manifest['wikibot.css']!)}/fonts`);
  });

  it('keeps MathJax\'s layout so it finds its fonts and extensions', () => {
    const keys = buildAssets(out).files.map((f) => f.key);
    expect(keys.some((k) => /\/output\/chtml\/fonts\/woff-v2\/MathJax_Main-Regular\.woff$/.test(k))).toBe(true);
    expect(keys.some((k) => /\/input\/tex\/extensions\/bbox\.js$/.test(k))).toBe(true);
  });

  it('knows the content types it publishes', () => {
    expect(['a.css', 'a.js', 'a.svg', 'a.woff2', 'a.woff', 'a.bin'].map(contentTypeOf)).toEqual([
      'text/css; charset=utf-8', 'text/javascript; charset=utf-8', 'image/svg+xml', 'font/woff2', 'font/woff', 'application/octet-stream',
    ]);
  });
});
