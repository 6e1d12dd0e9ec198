import * as fs from 'node:fs';
import type { BrowserContext } from 'playwright-core';
import { startPlatform, type Platform } from '../../local/platform';
import { PRIVATE_DEMO, seedPrivateDemo } from '../../local/privateDemo';
import { tempDir } from '../helpers/peers';
import { tokenFor } from '../helpers/tokens';
import { launchChromium, openPage } from './chromium';
import { testPlatformOptions } from '../helpers/testPlatform';

/**
 * Issue 5's acceptance in a real browser: the private demo wiki of `npm start` sends a visitor
 * without a session to sign in, shows the page after the dev sign-in, and sends them to sign in
 * again after they sign out.
 */
describe('a private wiki in chromium', () => {
  let platform: Platform;
  let dataDir: string;
  let browser: BrowserContext;
  let closeBrowser: () => Promise<void>;

  beforeAll(async () => {
    dataDir = tempDir('wikibot-private-browser-');
    platform = await startPlatform(testPlatformOptions('wikibot-private-browser', dataDir, { cache: true }));
    expect(await seedPrivateDemo(platform.url, await tokenFor(PRIVATE_DEMO.user))).toBe(true);
    ({ context: browser, close: closeBrowser } = await launchChromium());
  }, 60_000);
  afterAll(async () => {
    await closeBrowser?.();
    await platform?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('redirects to sign-in, shows the page after dev sign-in, and redirects again after sign-out', async () => {
    const page = await openPage(browser, { width: 1280, height: 800 }, 'light');
    const wiki = `${platform.url}/${PRIVATE_DEMO.user}/${PRIVATE_DEMO.wiki}/`;

    await page.goto(wiki);
    expect(page.url()).toBe(`${platform.url}/auth/login?return_to=%2Fdemo%2Fprivate%2F`);
    expect(await page.locator('h1').textContent()).toBe('Sign in');
    expect(await page.content()).toContain('A private wiki shows only to its members.');

    await page.fill('input[name="handle"]', 'demo');
    await page.fill('input[name="name"]', 'Demo User');
    await Promise.all([page.waitForURL(wiki), page.click('button[type="submit"]')]);
    expect(await page.locator('h1').first().textContent()).toContain('Private notes');
    const cookies = await browser.cookies(platform.url);
    expect(cookies.find((c) => c.name === '__Host-wb_session')).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });

    await page.goto(`${platform.url}/auth/login`);
    expect(await page.content()).toContain('<code>demo</code>');
    await Promise.all([page.waitForURL(`${platform.url}/`), page.click('text=Sign out')]);
    expect((await browser.cookies(platform.url)).find((c) => c.name === '__Host-wb_session')).toBeUndefined();

    await page.goto(wiki);
    expect(page.url()).toBe(`${platform.url}/auth/login?return_to=%2Fdemo%2Fprivate%2F`);
    await page.close();
  }, 60_000);
});
