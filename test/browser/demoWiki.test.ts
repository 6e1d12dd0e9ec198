import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { startPlatform, type Platform } from '../../local/platform';
import { DEMO, seedDemo } from '../../local/seed';
import { tempDir } from '../helpers/peers';
import { tokenFor } from '../helpers/tokens';
import { launchChromium, openPage, screenshot, watchProblems } from './chromium';
import { testPlatformOptions } from '../helpers/testPlatform';

const SIZES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const THEMES = ['light', 'dark'] as const;

describe('the demo wiki in chromium', () => {
  let platform: Platform;
  let dataDir: string;
  let browser: BrowserContext;
  let closeBrowser: () => Promise<void>;
  const wiki = () => `${platform.url}/${DEMO.user}/${DEMO.wiki}`;

  beforeAll(async () => {
    dataDir = tempDir('wikibot-browser-');
    platform = await startPlatform(testPlatformOptions('wikibot-browser', dataDir, { cache: false }));
    await seedDemo(platform.url, await tokenFor(DEMO.user));
    ({ context: browser, close: closeBrowser } = await launchChromium());
  }, 120_000);

  afterAll(async () => {
    await closeBrowser?.();
    await platform?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  for (const size of SIZES) {
    for (const theme of THEMES) {
      it(`renders the Syntax page at ${size.width}×${size.height} in ${theme} mode`, async () => {
        const page = await openPage(browser, size, theme);
        const problems = watchProblems(page);
        await page.goto(`${wiki()}/Syntax`, { waitUntil: 'load' });
        await page.waitForSelector('pre.mermaid svg', { timeout: 20_000 });
        await page.evaluate(() => document.fonts.ready);

        expect(await page.getAttribute('html', 'data-theme')).toBe(theme);
        expect(await page.locator('.wb-content .katex').count()).toBeGreaterThan(3);
        expect(await page.locator('.wb-content .hljs-keyword').count()).toBeGreaterThan(0);
        expect(await page.locator('.wb-content .wb-alert').count()).toBe(5);
        expect(await page.locator('.wb-sidebar a[aria-current="page"]').getAttribute('data-key')).toBe('syntax');

        if (size.name === 'desktop') {
          expect(await page.isVisible('.wb-aside')).toBe(true);
          expect(await page.isVisible('.wb-toc a[href="#math"]')).toBe(true);
        } else {
          expect(await page.isVisible('.wb-aside')).toBe(false);
          expect(await page.isVisible('.wb-toc')).toBe(false);
        }
        await screenshot(page, `syntax-${size.name}-${theme}`);

        if (size.name === 'phone') {
          // The diagram keeps its drawn size and scrolls sideways: its labels stay readable.
          await page.waitForFunction(() => (document.querySelector('pre.mermaid svg') as SVGElement | null)?.style.minWidth !== '');
          const label = await page.locator('pre.mermaid svg .nodeLabel, pre.mermaid svg text').first().evaluate((el) => el.getBoundingClientRect().height);
          expect(label).toBeGreaterThanOrEqual(10);
          await page.click('.wb-menu');
          await page.waitForTimeout(300);
          expect(await page.isVisible('.wb-aside')).toBe(true);
          await screenshot(page, `sidebar-${size.name}-${theme}`);
          await page.keyboard.press('Escape');
          await page.waitForTimeout(300);
          expect(await page.isVisible('.wb-aside')).toBe(false);
        }
        expect(problems).toEqual([]);
        await page.close();
      }, 60_000);
    }
  }

  it('loads mermaid only on pages with a diagram, and MathJax only where KaTeX gave up', async () => {
    const page = await openPage(browser, SIZES[0], 'light');
    const problems = watchProblems(page);
    const scripts = () => page.$$eval('script[src]', (tags) => tags.map((t) => (t as HTMLScriptElement).src));

    await page.goto(`${wiki()}/`, { waitUntil: 'load' });
    expect(await scripts()).toEqual([]);
    // The home page is titled like the wiki: its name once, not "Welcome to wikibot · Welcome to wikibot".
    expect(await page.title()).toBe(DEMO.title);
    await screenshot(page, 'home-desktop-light');

    await page.goto(`${wiki()}/Docs/Math%20Fallback`, { waitUntil: 'load' });
    await page.waitForSelector('.wb-math-fallback mjx-container', { timeout: 20_000 });
    expect((await scripts()).map((s) => path.basename(s))).toEqual(['safe.js', 'mathjax-config.js', 'tex-chtml.js']);
    expect(await page.locator('.wb-content .katex').count()).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('shows a diagram mermaid cannot parse as its source with a note, draws the others, and throws nothing', async () => {
    const token = await tokenFor(DEMO.user);
    const put = await fetch(`${platform.url}/api/wikis/${DEMO.user}/${DEMO.wiki}/pages/Broken%20Diagram`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ content: '# Broken\n\n```mermaid\ngraph TD;\n  A-->B;\n```\n\n```mermaid\nthis is -->> not [[ a diagram\n```\n' }),
    });
    expect(put.status).toBeLessThan(300);
    const page = await openPage(browser, SIZES[0], 'light');
    const problems = watchProblems(page);
    await page.goto(`${wiki()}/Broken%20Diagram`, { waitUntil: 'load' });
    await page.waitForSelector('pre.mermaid.wb-mermaid-error', { timeout: 20_000 });
    await page.waitForSelector('pre.mermaid svg', { timeout: 20_000 });
    expect(await page.locator('pre.mermaid.wb-mermaid-error').textContent()).toContain('this is -->> not [[ a diagram');
    expect(await page.locator('.wb-mermaid-note').textContent()).toMatch(/^This diagram could not be drawn: /);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('assembles a typical page in well under 60 KB of HTML', async () => {
    for (const page of ['', 'Getting%20Started', 'Docs/Markdown%20Tour']) {
      const body = await (await fetch(`${wiki()}/${page}`)).text();
      expect([page, Buffer.byteLength(body) < 60 * 1024]).toEqual([page, true]);
    }
  });

  it('shows the page\'s branch at once, then the whole tree, fetched once and reused from the browser cache', async () => {
    const page = await openPage(browser, SIZES[0], 'light');
    const problems = watchProblems(page);
    // What came over the network, as Chromium's DevTools protocol reports it (cache hits included).
    const cdp = await browser.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.clearBrowserCache'); // the pages above already fetched this tree
    const trees = new Map<string, 'network' | 'cache'>();
    cdp.on('Network.requestWillBeSent', (e) => { if (e.request.url.includes('/-/sidebar/')) trees.set(e.requestId, 'network'); });
    cdp.on('Network.requestServedFromCache', (e) => { if (trees.has(e.requestId)) trees.set(e.requestId, 'cache'); });
    cdp.on('Network.responseReceived', (e) => { if (trees.has(e.requestId) && e.response.fromDiskCache) trees.set(e.requestId, 'cache'); });

    // Before any script runs, the page carries its own branch and the way to every page (A–Z).
    const html = await (await fetch(`${wiki()}/Docs/Markdown%20Tour`)).text();
    expect(html).toContain('data-key="docs/markdown tour" aria-current="page"');
    expect(html).toContain('/-/index">All pages A–Z</a>');
    expect(html).not.toContain('data-key="syntax"');

    await page.goto(`${wiki()}/Docs/Markdown%20Tour`, { waitUntil: 'load' });
    await page.waitForSelector('.wb-sidebar a[data-key="syntax"]');
    expect(await page.locator('.wb-sidebar a[aria-current="page"]').getAttribute('data-key')).toBe('docs/markdown tour');
    expect(await page.locator('.wb-sidebar details[open] > summary a[data-key="docs"]').count()).toBe(1);
    expect(await page.locator('.wb-tree-fallback').count()).toBe(0);

    await page.goto(`${wiki()}/About`, { waitUntil: 'load' });
    await page.waitForSelector('.wb-sidebar a[data-key="syntax"]');
    expect(await page.locator('.wb-sidebar a[aria-current="page"]').getAttribute('data-key')).toBe('about');
    expect([...trees.values()]).toEqual(['network', 'cache']);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('keeps the reader\'s theme choice across pages', async () => {
    const page = await openPage(browser, SIZES[0], 'light');
    await page.goto(`${wiki()}/About`, { waitUntil: 'load' });
    await page.click('.wb-theme');
    expect(await page.getAttribute('html', 'data-theme')).toBe('dark');
    await page.goto(`${wiki()}/`, { waitUntil: 'load' });
    expect(await page.getAttribute('html', 'data-theme')).toBe('dark');
    await page.evaluate(() => localStorage.removeItem('wb-theme'));
    await page.close();
  }, 60_000);
});
