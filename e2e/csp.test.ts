import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { appSections } from '../web/src/sections.js';
import { signUp } from './api.js';
import { browserTest, useBrowser } from './browser.js';

// The server's Content-Security-Policy (API.md "headers") must not break the web app nor the
// API docs: Chromium reports every blocked script, style, image or connection, and there is none.

useBrowser();

/** Collects every CSP violation the page reports, from the first document on. */
async function watchPolicy(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/content.security.policy/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
  // Runs in the page, whose DOM types this (Node) project does not load.
  await page.addInitScript(() => {
    const page = globalThis as any;
    page.document.addEventListener('securitypolicyviolation', (event: { violatedDirective: string; blockedURI: string }) => {
      page.reportViolation(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
    });
  });
  return violations;
}

browserTest('the web app signs in and shows every screen under the policy, without a single violation', async ({ page }) => {
  const violations = await watchPolicy(page);
  const person = await signUp();
  const answer = await page.goto('/sign-in');
  expect(answer?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel(/^Password/).fill(person.password);
  await page.getByRole('button', { name: /sign in|zaloguj/i }).click();
  await page.waitForURL('**/dashboard');
  for (const section of appSections.filter((each) => !['sign-in', 'sign-up'].includes(each))) {
    await page.goto(`/${section}`);
    await page.locator('main :is(h1, h2, h3, h4, button, input, table)').filter({ visible: true }).first().waitFor();
    await page.waitForTimeout(300);
  }
  expect(violations).toEqual([]);
}, { timeout: 120_000 });

browserTest('the API docs render their operations under the policy, without a single violation', async ({ page }) => {
  const violations = await watchPolicy(page);
  await page.goto('/api/docs');
  await page.getByText('MonoPilot API').first().waitFor();
  // With 114 paths the docs open with their tags folded (docExpansion none: rendering every
  // operation at once stopped the UI after its third tag); one opened shows its operations.
  await page.locator('.opblock-tag', { hasText: 'warehouses' }).first().click();
  await page.getByText('/api/v1/warehouses').first().waitFor();
  expect(await page.locator('.opblock-tag').count()).toBeGreaterThan(30);
  expect(violations).toEqual([]);
});
