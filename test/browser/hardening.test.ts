import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'parse5';
import type { BrowserContext, Page } from 'playwright-core';
import { startPlatform, type Platform } from '../../local/platform';
import { sqlWikiDbProvider } from '../../shared/adapters/sqlWikiDb';
import { tempDir } from '../helpers/peers';
import { tokenFor } from '../helpers/tokens';
import { launchChromium, openPage } from './chromium';
import { testPlatformOptions } from '../helpers/testPlatform';

/**
 * Issue 11, checked where it matters: the page a reader gets from the local platform (shell +
 * sidebar + content, assembled), parsed with parse5's full-document parser as a browser builds it,
 * and the click-to-run cases clicked in chromium. Every payload names `evil.example` or sets
 * `window.__pwned`, so the oracle is simple: neither may reach an attribute, nor run.
 */
const ID = { user: 'alice', wiki: 'attack' };
const BASE = `/api/wikis/${ID.user}/${ID.wiki}`;
// What an imported Otter Wiki wiki.db could hold: every dangerous entry the setting itself refuses.
const HOSTILE_ALLOWLIST = 'svg, a[href], animate[attributename values begin], set[attributename to begin], animatemotion, '
  + 'circle[r cx cy], rect[width height], text, foreignobject, body[onload style], html[style], math[href], maction[actiontype], use[href]';

const PAGES: Record<string, string> = {
  Baseline: '# Baseline\n\nPlain text.',
  Document: [
    '# Document-level tags', '',
    '<body onload="void(window.__pwned=1)" style="background:url(https://evil.example/b.png)">', '',
    'text <html style="filter:invert(1)" data-evil="evil.example"> more', '',
    '<BODY\tclass="evil.example">', '', '<body/style="display:none" title="evil.example">', '',
    '</p><body bgcolor="red" title="evil.example">', '', '<head><base href="https://evil.example/"></head>', '',
    '> <body title="evil.example">', '', '- <html lang="evil.example">', '',
    '| a | b |', '|---|---|', '| <body title="evil.example"> | x |', '',
    '<frameset onload="void(window.__pwned=1)" title="evil.example">', '',
    '<div><svg><body title="evil.example"></svg></div>',
  ].join('\n'),
  Css: [
    '# CSS that fetches', '',
    ...[
      'background:url(https://evil.example/t.png)', 'background:u\\72l(https://evil.example/t.png)', 'background:\\75 rl(//evil.example/t)',
      'background-image:image-set("https://evil.example/a.png" 1x)', 'background:-webkit-image-set(url(//evil.example/a) 1x)',
      'list-style:url(https://evil.example/l.png)', 'content:url(https://evil.example/c.png)', 'cursor:url(https://evil.example/c.cur),auto',
      'background:url(/\\2f evil.example/x)', "background:url('//evil.example/q')", 'background:URL( "https://evil.example" )',
      'background:u/**/rl(https://evil.example)', 'mask:url(https://evil.example/m.svg)', 'border-image:url(https://evil.example/b) 30',
      'background:cross-fade(url(https://evil.example/a), red 50%)', 'font-family:x;src:url(https://evil.example/f.woff)',
      'position:fixed;inset:0;z-index:9999;background:white', 'position:\\66ixed;top:0;left:0;width:100%;height:100%',
      '@import url(https://evil.example/s.css)', 'background:paint(evil)', 'width:expression(void(window.__pwned=1))',
    ].map((css, i) => `<p style="${css.replace(/"/g, '&quot;')}">style ${i}</p>\n`),
  ].join('\n'),
  Svg: [
    '# SVG and MathML that run on click', '',
    '<svg width="200" height="100"><a href="#ok"><animate attributeName="href" values="javascript:void(window.__pwned=1)" begin="0s"/><rect width="200" height="100"/></a></svg>', '',
    '<svg width="200" height="100"><a><set attributeName="href" to="javascript:void(window.__pwned=1)" begin="0s"/><text>evil.example</text><rect width="200" height="100"/></a></svg>', '',
    '<svg width="200" height="100"><a href="javascript:void(window.__pwned=1)"><circle r="40" cx="50" cy="50"/></a></svg>', '',
    '<svg width="200" height="100"><a href="jav&#x09;ascript:void(window.__pwned=1)"><rect width="200" height="100"/></a></svg>', '',
    '<svg><use href="data:image/svg+xml,&lt;svg id=x&gt;&lt;/svg&gt;#x"/></svg>', '',
    '<math href="javascript:void(window.__pwned=1)"><maction actiontype="statusline">evil.example</maction></math>', '',
    '<svg><foreignobject><body onload="void(window.__pwned=1)"></body></foreignobject></svg>',
  ].join('\n'),
  Math: [
    '# Math fallback', '',
    'A formula only MathJax can typeset: $\\bbox[yellow]{x^2}$.', '',
    'Links in a rejected formula: $\\href{javascript:void(window.__pwned=1)}{\\bbox{click}}$ and $$\\url{javascript:void(window.__pwned=1)}\\bbox{y}$$', '',
    '<div class="wb-math-fallback">\\(\\href{javascript:void(window.__pwned=1)}{\\text{click me}}\\)</div>', '',
    '<div class="wb-math-fallback">\\(\\href{java\tscript:void(window.__pwned=1)}{\\text{tab}} \\href{https://evil.example/}{\\text{out}}\\)</div>', '',
    '<div class="wb-math-fallback">\\[\\class{wb-evil}{\\cssId{evil}{\\style{position:fixed;inset:0}{x}}}\\]</div>',
  ].join('\n'),
  Mermaid: [
    '# Diagram links', '',
    '```mermaid', 'graph TD', '  A[Click A] --> B[Click B]', '  B --> C["<img src=x onerror=void(window.__pwned=1)>"]',
    '  click A href "javascript:void(window.__pwned=1)"', '  click B call eval("void(window.__pwned=1)")', '```', '',
    '<pre class="mermaid">graph LR\n  X[raw] --> Y\n  click X href "javascript:void(window.__pwned=1)"</pre>',
  ].join('\n'),
};

type Node = { nodeName: string; tagName?: string; attrs?: { name: string; value: string }[]; childNodes?: Node[]; content?: { childNodes: Node[] } };
const elements = (node: Node, out: Node[] = []): Node[] => {
  if (node.tagName) out.push(node);
  for (const child of node.childNodes ?? []) elements(child, out);
  for (const child of node.content?.childNodes ?? []) elements(child, out);
  return out;
};
const attrsOf = (doc: Node, tag: string) => JSON.stringify(elements(doc).filter((e) => e.tagName === tag).map((e) => e.attrs));

describe('issue 11: assembled pages (parse5 full document) and clicks (chromium)', () => {
  let platform: Platform;
  let dataDir: string;
  let token: string;
  let browser: BrowserContext;
  let closeBrowser: () => Promise<void>;
  const documents: Record<string, { html: string; doc: Node }> = {};

  const api = (method: string, url: string, body?: unknown) => fetch(`${platform.url}${url}`, {
    method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
  });

  beforeAll(async () => {
    dataDir = tempDir('wikibot-hardening-');
    platform = await startPlatform(testPlatformOptions('wikibot-hardening', dataDir, { cache: false }));
    token = await tokenFor(ID.user);
    expect((await api('POST', '/api/wikis', ID)).status).toBe(201);
    // As if imported: the setting would refuse this list, so it goes into wiki.db directly.
    await sqlWikiDbProvider({ fs, root: path.join(dataDir, 'efs') }).open(ID)
      .update((db) => db.setPreference('RENDERER_HTML_ALLOWLIST', HOSTILE_ALLOWLIST));
    for (const [name, content] of Object.entries(PAGES)) {
      expect((await api('PUT', `${BASE}/pages/${name}`, { content })).status).toBeLessThan(300);
      const response = await fetch(`${platform.url}/${ID.user}/${ID.wiki}/${name}`);
      expect(response.status).toBe(200);
      const html = await response.text();
      documents[name] = { html, doc: parse(html) as unknown as Node };
    }
    ({ context: browser, close: closeBrowser } = await launchChromium());
  }, 120_000);
  afterAll(async () => {
    await closeBrowser?.();
    await platform?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it.each(Object.keys(PAGES).filter((p) => p !== 'Baseline'))('%s: html, head and body carry only the shell\'s attributes', (name) => {
    const { doc } = documents[name]!;
    const baseline = documents.Baseline!.doc;
    for (const tag of ['html', 'head', 'body']) expect([tag, attrsOf(doc, tag)]).toEqual([tag, attrsOf(baseline, tag)]);
    expect(elements(doc).filter((e) => ['base', 'frameset', 'frame', 'meta', 'link'].includes(e.tagName!)).length)
      .toBe(elements(baseline).filter((e) => ['base', 'frameset', 'frame', 'meta', 'link'].includes(e.tagName!)).length);
  });

  it.each(Object.keys(PAGES))('%s: no payload reaches an attribute, and no element can run or animate', (name) => {
    const { doc, html } = documents[name]!;
    expect(html).toMatch(/<h1[^>]*>/);
    for (const element of elements(doc)) {
      for (const { name: attr, value } of element.attrs ?? []) {
        expect([element.tagName, attr, /evil\.example|__pwned/.test(value)]).toEqual([element.tagName, attr, false]);
        expect([element.tagName, attr, /^on/i.test(attr)]).toEqual([element.tagName, attr, false]);
      }
      expect(['animate', 'set', 'animatemotion', 'foreignobject', 'use', 'maction', 'frameset']).not.toContain(element.tagName);
    }
    // The shell's own scripts only: every script is a static asset or the shell's inline code.
    const scripts = elements(doc).filter((e) => e.tagName === 'script');
    for (const script of scripts) {
      const src = script.attrs?.find((a) => a.name === 'src')?.value;
      if (src !== undefined) expect(src).toMatch(/^\/static\//);
      else expect((script.childNodes ?? []).map((n) => (n as { value?: string }).value ?? '').join('')).not.toMatch(/__pwned|evil\.example/);
    }
  });

  /**
   * A tab on a page of the wiki that stays there: a clicked link that would leave the page is
   * cancelled (so every element gets its click), while a `javascript:` one still runs.
   */
  async function openWikiPage(name: string, requests: string[] = []): Promise<Page> {
    const page = await openPage(browser, { width: 1000, height: 800 }, 'light');
    page.on('request', (r) => requests.push(r.url()));
    await page.addInitScript(() => {
      document.addEventListener('click', (event) => {
        const link = (event.target as Element | null)?.closest?.('a');
        if (!link) return;
        const url = link instanceof SVGAElement ? link.href.animVal : (link as HTMLAnchorElement).href;
        if (!/^javascript:/i.test(String(url).replace(/[\t\n\r]/g, '').trim())) event.preventDefault();
      }, true);
    });
    await page.goto(`${platform.url}/${ID.user}/${ID.wiki}/${name}`);
    return page;
  }

  /** Clicks everything in the content (and in what MathJax made), then reports whether a payload ran. */
  async function clickEverything(page: Page): Promise<{ clicked: number; pwned: unknown; dialogs: number }> {
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    const targets = page.locator('main a, main svg *, main math *, main mjx-container, main mjx-container *, main [class*="wb-math"], main pre.mermaid *');
    const count = await targets.count();
    let clicked = 0;
    for (let i = 0; i < count; i++) {
      const target = targets.nth(i);
      if (!(await target.isVisible().catch(() => false))) continue;
      await target.click({ timeout: 2000, force: true, noWaitAfter: true }).then(() => clicked++, () => undefined);
    }
    await page.waitForTimeout(300);
    return { clicked, pwned: await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), dialogs };
  }

  it('chromium: the click harness catches a javascript: link (positive control)', async () => {
    const page = await openWikiPage('Baseline');
    await page.evaluate(() => {
      const a = document.createElement('a');
      a.href = 'javascript:void(window.__pwned=1)';
      a.textContent = 'control';
      document.querySelector('main')!.append(a);
    });
    expect((await clickEverything(page)).pwned).toBe(1);
    await page.close();
  }, 60_000);

  it('chromium: clicking every SVG and MathML element runs nothing', async () => {
    const page = await openWikiPage('Svg');
    await page.waitForTimeout(500); // let any animation begin
    const result = await clickEverything(page);
    expect(result).toMatchObject({ pwned: undefined, dialogs: 0 });
    expect(await page.locator('main [href^="javascript" i]').count()).toBe(0);
    await page.close();
  }, 60_000);

  it('chromium: MathJax typesets the fallback in safe mode, with no link to click', async () => {
    const requests: string[] = [];
    const page = await openWikiPage('Math', requests);
    // The page needs MathJax (\bbox), which typesets the fallback elements, hostile ones included.
    await page.waitForFunction(() => document.querySelectorAll('mjx-container').length >= 3, undefined, { timeout: 30_000 });
    expect(requests.some((url) => /\/ui\/safe\.js$/.test(url))).toBe(true);
    expect(await page.locator('main mjx-container a, main mjx-container [href]').count()).toBe(0);
    expect(await page.locator('main .wb-evil, main #evil').count()).toBe(0);
    const result = await clickEverything(page);
    expect(result.clicked).toBeGreaterThan(0);
    expect(result).toMatchObject({ pwned: undefined, dialogs: 0 });
    expect(requests.filter((url) => url.includes('evil.example'))).toEqual([]);
    await page.close();
  }, 90_000);

  it('chromium: mermaid diagrams (strict) run no click handler, link or HTML label', async () => {
    const page = await openWikiPage('Mermaid');
    await page.waitForFunction(() => document.querySelectorAll('pre.mermaid svg').length >= 1, undefined, { timeout: 30_000 });
    await page.waitForTimeout(300);
    const result = await clickEverything(page);
    expect(result.clicked).toBeGreaterThan(0);
    expect(result).toMatchObject({ pwned: undefined, dialogs: 0 });
    expect(await page.locator('main [href^="javascript" i], main [onerror], main [onclick]').count()).toBe(0);
    await page.close();
  }, 90_000);

  it('chromium: styles fetch nothing from elsewhere and cover nothing', async () => {
    const requests: string[] = [];
    const page = await openWikiPage('Css', requests);
    await page.waitForLoadState('networkidle');
    expect(requests.filter((url) => !url.startsWith(platform.url))).toEqual([]);
    const fixed = await page.evaluate(() => Array.from(document.querySelectorAll('main *')).filter((e) => getComputedStyle(e).position === 'fixed').length);
    expect(fixed).toBe(0);
    await page.close();
  }, 60_000);
});
