import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { bundledChromium } from './bundledChromium';

/**
 * The browser: `CHROMIUM_PATH` when set (a machine the npm package has no build for), else the
 * Chromium that `@sparticuz/chromium` ships, so `npm test` needs no system browser.
 */
function chromiumBinary(): { executablePath: string; env: Record<string, string> } {
  const own = process.env.CHROMIUM_PATH;
  if (!own) return bundledChromium();
  if (!fs.existsSync(own)) throw new Error(`CHROMIUM_PATH names no file: ${own}`);
  return { executablePath: own, env: {} };
}

/** Where `npm run screenshots` wants pictures of the views (unset during `npm test`: the tree stays clean). */
const SCREENSHOT_DIR = process.env.WIKIBOT_SCREENSHOTS;

/** Saves `docs/screenshots/{name}.png` when screenshots were asked for; otherwise does nothing. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (!SCREENSHOT_DIR) return;
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}

/**
 * Launches headless chromium on a fresh profile directory with nothing that phones home, so a
 * run depends on this machine only. Each page sets its own viewport and colour scheme.
 */
export async function launchChromium(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const { executablePath, env } = chromiumBinary();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'wikibot-chromium-'));
  // Playwright passes the profile as --user-data-dir itself.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    env: { ...process.env, ...env } as Record<string, string>,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A new tab at this size and colour scheme, with an empty local storage (no saved theme). */
export async function openPage(
  context: BrowserContext,
  size: { width: number; height: number },
  colorScheme: 'light' | 'dark',
): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(size);
  await page.emulateMedia({ colorScheme });
  return page;
}

/**
 * Collects what a page must never show: console errors (CSP violations among them), page errors,
 * failed requests and HTTP errors, except those matching `allowed`.
 */
export function watchProblems(page: Page, allowed: readonly RegExp[] = []): string[] {
  const problems: string[] = [];
  const keep = (problem: string) => {
    if (!allowed.some((a) => a.test(problem))) problems.push(problem);
  };
  page.on('console', (m) => {
    if (m.type() === 'error') keep(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => keep(`failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => {
    if (r.status() >= 400) keep(`HTTP ${r.status()}: ${r.url()}`);
  });
  return problems;
}
