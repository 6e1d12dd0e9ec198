import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium (`apt-get install chromium`); CI installs it in `.ci/run`. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Launches headless chromium on a fresh profile directory with nothing that phones home, so a
 * run depends on this machine only. Each page sets its own viewport and colour scheme.
 */
export async function launchChromium(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`No chromium at ${CHROMIUM}: run \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'wikibot-chromium-'));
  // Playwright passes the profile as --user-data-dir itself.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
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
