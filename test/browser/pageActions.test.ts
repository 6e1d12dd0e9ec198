import * as fs from 'node:fs';
import type { BrowserContext } from 'playwright-core';
import { startPlatform, type Platform } from '../../local/platform';
import { tempDir } from '../helpers/peers';
import { tokenFor } from '../helpers/tokens';
import { launchChromium, openPage, screenshot, watchProblems } from './chromium';
import { testPlatformOptions } from '../helpers/testPlatform';

/**
 * Issue 12's first hour in chromium on the local platform (gateway, edge code, 30 s cache on):
 * a visitor sees Sign in on a cached page; after sign-in the same cached HTML shows the Edit
 * button and the owner's menu; the editor has its toolbar and syntax help; the admin changes a
 * setting and adds a member from the browser; the phone layout keeps the Edit icon, the whole
 * site name, and Home and A–Z in the drawer; the sign-in page is styled and asks for no
 * /favicon.ico. Any console error or failed request fails the test.
 */
describe('page actions, settings and members in chromium', () => {
  let platform: Platform;
  let dataDir: string;
  let browser: BrowserContext;
  let closeBrowser: () => Promise<void>;
  const wiki = () => `${platform.url}/alice/notes`;

  beforeAll(async () => {
    dataDir = tempDir('wikibot-actions-browser-');
    platform = await startPlatform(testPlatformOptions('wikibot-actions-browser', dataDir, { cache: true }));
    const token = await tokenFor('alice');
    const api = (method: string, url: string, body: unknown) => fetch(`${platform.url}${url}`, {
      method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    expect((await api('POST', '/api/wikis', { user: 'alice', wiki: 'notes', title: 'Welcome to the team notebook' })).status).toBe(201);
    expect((await api('PUT', '/api/wikis/alice/notes/pages/Tea', { content: '# Tea\n\nGreen or black.\n' })).status).toBe(201);
    ({ context: browser, close: closeBrowser } = await launchChromium());
  }, 120_000);

  afterAll(async () => {
    await closeBrowser?.();
    await platform?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows visitors Sign in, and the signed-in owner Edit and the admin menu on the same cached page', async () => {
    const page = await openPage(browser, { width: 1280, height: 800 }, 'light');
    const problems = watchProblems(page);
    const first = await page.goto(`${wiki()}/Tea`);
    const html = await first!.text();
    await page.locator('.wb-actions').waitFor();
    expect(await page.locator('.wb-actions a.wb-button', { hasText: 'Sign in' }).getAttribute('href')).toBe('/auth/login?return_to=%2Falice%2Fnotes%2FTea');
    expect(await page.locator('.wb-edit').count()).toBe(0);

    await page.click('text=Sign in');
    expect(await page.locator('.wb-standalone-card h1').textContent()).toBe('Sign in');
    // Styled: the site's font and card, not the browser's defaults.
    expect(await page.locator('body').evaluate((b) => getComputedStyle(b).fontFamily)).not.toMatch(/^"?Times/);
    expect(await page.locator('.wb-standalone-card').evaluate((c) => getComputedStyle(c).borderTopStyle)).toBe('solid');
    await screenshot(page, 'sign-in-light');
    await page.fill('input[name="handle"]', 'alice');
    await page.fill('input[name="name"]', 'Alice Liddell');
    await Promise.all([page.waitForURL(`${wiki()}/Tea`), page.click('button[type="submit"]')]);
    await page.locator('.wb-edit').waitFor(); // drawn once /-/me answered

    // The page came from the distribution's cache, byte for byte what the visitor got.
    const again = await page.goto(`${wiki()}/Tea`);
    expect(again!.headers()['x-cache']).toBe('Hit from cloudfront');
    expect(await again!.text()).toBe(html);
    await page.locator('.wb-edit').waitFor();
    expect(await page.locator('.wb-user-name').textContent()).toBe('Alice Liddell');
    await page.click('.wb-user-menu summary');
    for (const item of ['History', 'Rename', 'Delete', 'Attachments', 'Create page', 'Settings', 'Members', 'Sign out']) {
      expect(await page.locator('.wb-user-menu ul').getByText(item, { exact: true }).count()).toBe(1);
    }
    await screenshot(page, 'page-actions-owner');
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('edits from the page with the toolbar and syntax help', async () => {
    const page = await openPage(browser, { width: 1280, height: 800 }, 'dark');
    const problems = watchProblems(page);
    await page.goto(`${wiki()}/Tea`);
    await Promise.all([page.waitForURL(`${wiki()}/-/edit/Tea`), page.click('.wb-edit')]);
    await page.locator('.wb-format-bar').waitFor();
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nStrong');
    await page.keyboard.press('Shift+Home');
    await page.click('.wb-tool-bold');
    expect(await page.evaluate(() => (window as unknown as { wikibotEditor: { state: { doc: { toString(): string } } } }).wikibotEditor.state.doc.toString())).toContain('**Strong**');
    expect(await page.locator('.wb-cheatsheet summary').textContent()).toBe('Markdown help');
    await screenshot(page, 'editor-toolbar-dark');
    await Promise.all([page.waitForURL(`${wiki()}/Tea`), page.click('button.wb-button-primary[type="submit"]')]);
    expect(await page.locator('.wb-content strong').last().textContent()).toBe('Strong');
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  for (const theme of ['light', 'dark'] as const) {
    it(`keeps the Edit icon, the site name, and Home and A–Z in the drawer at 390 px (${theme})`, async () => {
      const page = await openPage(browser, { width: 390, height: 844 }, theme);
      const problems = watchProblems(page);
      await page.goto(`${wiki()}/Tea`);
      await page.locator('.wb-edit').waitFor();
      expect(await page.locator('.wb-edit svg').evaluate((svg) => svg.getBoundingClientRect().width)).toBeGreaterThan(8);
      const name = page.locator('.wb-site-name');
      await screenshot(page, `phone-header-${theme}`);
      expect(await name.evaluate((el) => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight + 1)).toBe(true);
      await page.click('.wb-menu');
      await page.locator('.wb-drawer-links').getByText('A–Z').waitFor({ state: 'visible' });
      await page.waitForTimeout(300); // the drawer slides in
      expect(await page.locator('.wb-drawer-links a').allTextContents()).toEqual(['Home', 'A–Z']);
      await screenshot(page, `phone-drawer-${theme}`);
      await page.keyboard.press('Escape');
      // The history reflows instead of scrolling sideways.
      await page.goto(`${wiki()}/-/history/Tea`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      expect(await page.locator('.wb-table-scroll').first().evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      await screenshot(page, `phone-history-${theme}`);
      // Pages outside a wiki are styled at phone width too.
      await page.goto(`${platform.url}/auth/login`);
      expect(await page.locator('.wb-standalone-card').evaluate((c) => c.getBoundingClientRect().width)).toBeLessThanOrEqual(390);
      await screenshot(page, `phone-sign-in-${theme}`);
      expect(problems).toEqual([]);
      await page.close();
    }, 60_000);
  }

  it('lets the admin change a setting and add a member in the browser', async () => {
    const page = await openPage(browser, { width: 1280, height: 800 }, 'light');
    const problems = watchProblems(page);
    await page.goto(`${wiki()}/-/settings`);
    await page.fill('#wb-set-SITE_NAME', 'Tea Club');
    await Promise.all([page.waitForURL(/\/-\/settings\?saved=/), page.click('text=Save settings')]);
    expect(await page.locator('.wb-notice-success').textContent()).toContain('SITE_NAME');
    expect(await page.locator('.wb-site-name').textContent()).toBe('Tea Club');
    await page.fill('#wb-set-SIDEBAR_MENUTREE_MAXDEPTH', 'very');
    await page.click('text=Save settings');
    expect(await page.locator('.wb-notice-error').textContent()).toContain('whole number');
    await screenshot(page, 'settings-error');

    await page.goto(`${wiki()}/-/members`);
    await page.fill('#wb-member-sub', 'bob');
    await page.selectOption('#wb-member-role', 'reader');
    await Promise.all([page.waitForURL(/\/-\/members\?done=/), page.click('text=Add member')]);
    expect(await page.locator('.wb-members').textContent()).toContain('bob');
    await screenshot(page, 'members');
    // The refused value is a 400 page by design.
    expect(problems.filter((p) => !/\b400\b/.test(p))).toEqual([]);
    await page.close();
  }, 60_000);
});
