import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject, test } from 'vitest';

export const baseUrl = (): string => inject('baseUrl');

const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const screenshotDir = join(process.cwd(), 'e2e', 'screenshots');

export const viewports = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 }, scanner: { width: 360, height: 740 }, tablet: { width: 1024, height: 768 } } as const;

let browser: Browser | null = null;

/** One Chromium per test file (Debian's, see DEVELOPERS.md), closed after it. */
export function useBrowser(): () => Browser {
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: chromiumArgs });
  });
  afterAll(async () => {
    await browser?.close();
    browser = null;
  });
  return () => {
    if (!browser) throw new Error('the browser is not running');
    return browser;
  };
}

export interface PageContext {
  page: Page;
  context: BrowserContext;
  /** Opens another, independent browser window (another person, another device). */
  newPage(viewport?: keyof typeof viewports): Promise<Page>;
}

/** A test with a fresh browser context; on failure a full-page screenshot lands in e2e/screenshots/. */
export function browserTest(
  name: string,
  fn: (ctx: PageContext) => Promise<void>,
  options: { viewport?: keyof typeof viewports; timeout?: number; serviceWorkers?: 'allow' | 'block' } = {},
) {
  test(name, { timeout: options.timeout }, async () => {
    if (!browser) throw new Error('call useBrowser() in the file first');
    const contexts: BrowserContext[] = [];
    const open = async (viewport: keyof typeof viewports = options.viewport ?? 'desktop') => {
      const context = await browser!.newContext({ baseURL: baseUrl(), viewport: viewports[viewport], locale: 'en-GB', timezoneId: 'Europe/Warsaw', serviceWorkers: options.serviceWorkers });
      context.setDefaultTimeout(10_000);
      contexts.push(context);
      return { context, page: await context.newPage() };
    };
    const { context, page } = await open();
    try {
      await fn({ page, context, newPage: async (viewport) => (await open(viewport)).page });
    } catch (error) {
      mkdirSync(screenshotDir, { recursive: true });
      const file = name.replace(/[^a-z0-9]+/gi, '-').toLowerCase().slice(0, 100);
      await page.screenshot({ path: join(screenshotDir, `${file}.png`), fullPage: true }).catch(() => undefined);
      throw error;
    } finally {
      for (const each of contexts) await each.close().catch(() => undefined);
    }
  });
}
