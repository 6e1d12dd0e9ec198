import * as fs from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { startPlatform, type Platform } from '../../local/platform';
import { contentSecurityPolicy } from '../../tools/contentSecurityPolicy';
import { tempDir } from '../helpers/peers';
import { tokenFor } from '../helpers/tokens';
import { launchChromium, openPage, screenshot, watchProblems } from './chromium';
import { testPlatformOptions } from '../helpers/testPlatform';

// A real 2×2 PNG (red), so the browser can decode and show it.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==', 'base64');

/**
 * Issue 7's browser journey on the local platform (gateway with its 30 s page cache on): sign in,
 * create a page, edit it with a wikilink and math, preview, save, read it, history and diff,
 * rename, search, an image dropped and pasted into the editor shown inline, delete. Every page
 * runs under the distribution's Content-Security-Policy, and any console error, CSP violation or
 * failed request fails the test. `npm run screenshots` saves each view to docs/screenshots/views-*.png.
 */
describe('the editor journey in chromium', () => {
  let platform: Platform;
  let dataDir: string;
  let browser: BrowserContext;
  let closeBrowser: () => Promise<void>;
  const wiki = () => `${platform.url}/alice/journal`;

  beforeAll(async () => {
    dataDir = tempDir('wikibot-editor-browser-');
    platform = await startPlatform(testPlatformOptions('wikibot-editor-browser', dataDir, { cache: true }));
    const token = await tokenFor('alice');
    const created = await fetch(`${platform.url}/api/wikis`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'alice', wiki: 'journal', title: 'Journal' }),
    });
    expect(created.status).toBe(201);
    ({ context: browser, close: closeBrowser } = await launchChromium());
  }, 120_000);

  afterAll(async () => {
    await closeBrowser?.();
    await platform?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /**
   * Documents get the distribution's Content-Security-Policy (without upgrade-insecure-requests:
   * the local gateway speaks http), so inline script or eval anywhere would show as a violation.
   */
  async function enforceCsp(page: Page) {
    const csp = contentSecurityPolicy().replace(/;\s*upgrade-insecure-requests/, '');
    await page.route('**/*', async (route) => {
      const request = route.request();
      if (request.resourceType() !== 'document' || request.method() !== 'GET') return route.continue();
      const response = await route.fetch({ maxRedirects: 0 });
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': csp } });
    });
  }

  const shot = (page: Page, name: string) => screenshot(page, `views-${name}`);

  it('signs in, creates, edits with a wikilink and math, previews, saves, reads, diffs, renames, searches, attaches an image, deletes', async () => {
    const page = await openPage(browser, { width: 1280, height: 860 }, 'light');
    // The read path of the page before it exists: a 404 the gateway caches for 30 s.
    // Expected: the two 404s of the page's URL (before it exists, after it is deleted), and requests a navigation cut short.
    const problems = watchProblems(page, [/\/Journal\/Tea%20Notes$/, /\/Journal\/Green%20Tea$/, /status of 404/, /favicon\.svg net::ERR_ABORTED/,
      // A draft autosave whose answer the browser had read when the save navigated away.
      /\/-\/draft\/\S+ net::ERR_ABORTED/,
      // The page tree's fetch, cut short when the journey moves on before it arrived.
      /\/-\/sidebar\/[0-9a-f]+ net::ERR_ABORTED/, /\/-\/me net::ERR_ABORTED/]);
    await enforceCsp(page);
    const pageUrl = `${wiki()}/Journal/Tea%20Notes`;
    expect((await page.goto(pageUrl))!.status()).toBe(404);

    // Sign in with the dev sign-in, straight into "create page".
    await page.goto(`${platform.url}/auth/login?return_to=${encodeURIComponent('/alice/journal/-/create')}`);
    await page.fill('input[name="handle"]', 'alice');
    await page.fill('input[name="name"]', 'Alice Example');
    await Promise.all([page.waitForURL(`${wiki()}/-/create`), page.click('button[type="submit"]')]);
    expect(await page.locator('.wb-user-name').textContent()).toBe('Alice Example');
    await shot(page, 'create');

    // Create: the name leads to the editor of the new page.
    await page.fill('#wb-pagename', 'Journal/Tea Notes');
    await Promise.all([page.waitForURL(`${wiki()}/-/edit/Journal/Tea%20Notes`), page.click('button:has-text("Create")')]);
    await page.waitForSelector('.cm-editor .cm-content');
    expect(await page.isVisible('textarea[name="content"]')).toBe(false);

    // Type into CodeMirror: a heading, a wikilink and math; the live preview renders them with the real renderer.
    await page.click('.cm-content');
    await page.keyboard.type('# Tea Notes');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Green tea, see [[Home]]. Energy: $E = mc^2$.');
    const preview = page.locator('.wb-editor-preview');
    await preview.locator('.katex').first().waitFor();
    expect(await preview.locator('a[href="/alice/journal/Home"]').textContent()).toBe('Home');
    expect(await preview.locator('h1').textContent()).toContain('Tea Notes');
    await page.waitForSelector('.wb-editor-status:has-text("Draft saved")', { timeout: 10_000 });
    await page.fill('#wb-message', 'First tea notes');
    await shot(page, 'editor');

    // Save: the browser lands on the read path, which shows the new page at once (the cached 404 was invalidated).
    await Promise.all([page.waitForURL(pageUrl), page.click('button:has-text("Save")')]);
    expect(await page.locator('.wb-content h1').first().textContent()).toContain('Tea Notes');
    expect(await page.locator('.wb-content .katex').count()).toBeGreaterThan(0);
    expect(await page.locator('.wb-content a[href="/alice/journal/Home"]').count()).toBe(1);
    // The cached page's HTML has no edit controls; its script draws them for the signed-in editor.
    expect((await (await page.request.get(page.url())).text()).replace(/<script>[\s\S]*?<\/script>/g, '')).not.toContain('wb-actions');
    await page.locator('.wb-edit').waitFor();

    // A second version, edited with Ctrl+S.
    await page.goto(`${wiki()}/-/edit/Journal/Tea%20Notes`);
    await page.waitForSelector('.cm-editor .cm-content');
    expect(await page.locator('.wb-notice').count()).toBe(0); // the save dropped the draft
    await page.click('.cm-content');
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Brew for three minutes.');
    await page.locator('.wb-editor-preview :text("Brew for three minutes.")').waitFor();
    await Promise.all([page.waitForURL(pageUrl), page.keyboard.press('Control+s')]);
    expect(await page.locator('.wb-content').textContent()).toContain('Brew for three minutes.');

    // History, then "compare selected": the diff marks what changed.
    await page.goto(`${wiki()}/-/history/Journal/Tea%20Notes`);
    expect(await page.locator('.wb-history tbody tr').count()).toBe(2);
    expect(await page.locator('.wb-history').textContent()).toContain('First tea notes');
    await shot(page, 'history');
    await Promise.all([page.waitForURL(/\/-\/diff\/Journal\/Tea%20Notes\?/), page.click('button:has-text("Compare selected") >> nth=0')]);
    expect(await page.locator('.wb-diff-split .wb-diff-add', { hasText: 'Brew for three minutes.' }).count()).toBe(1);
    await shot(page, 'diff');
    await page.click('a:has-text("Unified")');
    await page.waitForSelector('.wb-diff-unified');
    await page.goto(`${wiki()}/-/blame/Journal/Tea%20Notes`);
    expect(await page.locator('.wb-blame-first').count()).toBe(2);
    await shot(page, 'blame');

    // Rename (links updated), then the page lives at its new name.
    await page.goto(`${wiki()}/-/rename/Journal/Tea%20Notes`);
    await page.fill('#wb-newname', 'Journal/Green Tea');
    await shot(page, 'rename');
    const renamedUrl = `${wiki()}/Journal/Green%20Tea`;
    await Promise.all([page.waitForURL(renamedUrl), page.click('button:has-text("Rename")')]);
    expect(await page.locator('.wb-content h1').first().textContent()).toContain('Tea Notes');

    // Search finds it under the new name, the words marked.
    await page.goto(`${wiki()}/-/search?q=minutes`);
    expect(await page.locator('.wb-results a.wb-result-title').getAttribute('href')).toBe('/alice/journal/journal/green%20tea');
    expect(await page.locator('.wb-results mark').first().textContent()).toBe('minutes');
    await shot(page, 'search');

    // An image dropped into the editor, and one pasted, upload as attachments and are linked at the cursor.
    await page.goto(`${wiki()}/-/edit/Journal/Green%20Tea`);
    await page.waitForSelector('.cm-editor .cm-content');
    await page.click('.cm-content');
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    const base64 = PNG.toString('base64');
    await page.evaluate(([data]) => {
      const bytes = Uint8Array.from(atob(data!), (c) => c.charCodeAt(0));
      const files = (name: string) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([bytes], name, { type: 'image/png' }));
        return transfer;
      };
      const target = document.querySelector('.cm-content')!;
      const box = target.getBoundingClientRect();
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: files('cup.png'), clientX: box.left + 5, clientY: box.bottom - 5, bubbles: true, cancelable: true }));
      (window as unknown as { dropped: boolean }).dropped = true;
      void files;
    }, [base64]);
    await page.locator('.wb-editor-status:has-text("Attached cup.png")').waitFor();
    await page.evaluate(([data]) => {
      const bytes = Uint8Array.from(atob(data!), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'pasted.png', { type: 'image/png' }));
      document.querySelector('.cm-content')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    }, [base64]);
    await page.locator('.wb-editor-status:has-text("Attached pasted.png")').waitFor();
    const text = await page.evaluate(() => (window as unknown as { wikibotEditor: { state: { doc: { toString(): string } } } }).wikibotEditor.state.doc.toString());
    expect(text).toContain('![cup.png](/Journal/Green%20Tea/a/cup.png)');
    expect(text).toContain('![pasted.png](/Journal/Green%20Tea/a/pasted.png)');
    await preview.locator('img[src="/alice/journal/Journal/Green%20Tea/a/pasted.png"]').waitFor();
    await Promise.all([page.waitForURL(renamedUrl), page.click('button:has-text("Save")')]);
    const image = page.locator('.wb-content img[alt="cup.png"]');
    await image.waitFor();
    expect(await image.getAttribute('src')).toBe('/alice/journal/Journal/Green%20Tea/a/cup.png');
    expect(await image.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth)).toBe(2);

    await page.goto(`${wiki()}/-/attachments/Journal/Green%20Tea`);
    expect(await page.locator('.wb-attachments tbody tr').count()).toBe(2);
    // The thumbnails load lazily, after the page's load event: leaving before they are in would abort them.
    await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLImageElement>('img.wb-thumb'), (img) => img.complete).every(Boolean));
    expect(await page.locator('img.wb-thumb').evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).naturalWidth))).toEqual([2, 2]);
    await shot(page, 'attachments');
    await page.goto(`${wiki()}/-/changelog`);
    expect(await page.locator('.wb-table tbody tr').count()).toBeGreaterThanOrEqual(5);
    await shot(page, 'changelog');
    await page.goto(`${wiki()}/-/index?headings=1`);
    expect(await page.locator('.wb-az-page a[href="/alice/journal/journal/green%20tea"]').count()).toBe(1);
    await shot(page, 'index');

    // Delete: back to the wiki's home; the page's URL is gone at once.
    await page.goto(`${wiki()}/-/delete/Journal/Green%20Tea`);
    await shot(page, 'delete');
    await Promise.all([page.waitForURL(`${wiki()}/`), page.click('button:has-text("Delete page")')]);
    expect((await page.goto(renamedUrl))!.status()).toBe(404);

    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  it('shows the conflict screen with both versions when the page changed underneath', async () => {
    const page = await openPage(browser, { width: 1280, height: 860 }, 'dark');
    const problems = watchProblems(page, [/\/-\/save\//, /status of 409/, /\/-\/sidebar\/[0-9a-f]+ net::ERR_ABORTED/, /\/-\/me net::ERR_ABORTED/]);
    await enforceCsp(page);
    await page.goto(`${wiki()}/-/edit/Home`);
    await page.waitForSelector('.cm-editor .cm-content');
    // Someone else saves meanwhile, through the API.
    const token = await tokenFor('alice');
    await fetch(`${platform.url}/api/wikis/alice/journal/pages/Home`, {
      method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ content: '# Journal\n\nChanged underneath.\n', message: 'Elsewhere' }),
    });
    await page.click('.cm-content');
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' My edit.');
    await Promise.all([page.waitForNavigation(), page.click('button:has-text("Save")')]);
    expect(await page.locator('h1.wb-view-title').textContent()).toContain('Conflict');
    expect(await page.locator('.wb-conflict textarea.wb-readonly').inputValue()).toContain('Changed underneath.');
    expect(await page.locator('.wb-conflict-form textarea').inputValue()).toContain('My edit.');
    await shot(page, 'conflict-dark');
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
