import { expect } from 'vitest';
import { call, signInAs, signUp } from './api.js';
import { browserTest, useBrowser } from './browser.js';

// "Today" on the screens is the plant's date (the organization's time zone), not the browser's: the
// browser here runs in Europe/Warsaw, the organization on the Line Islands (UTC+14), where it is
// already tomorrow for half of Warsaw's day.

useBrowser();

const dateIn = (timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

browserTest("a new shipment's date is today in the organization's time zone", async ({ page }) => {
  const session = await signUp();
  expect((await call('PATCH', '/settings', { timezone: 'Pacific/Kiritimati' }, session.accessToken)).status).toBe(200);
  await signInAs(page, session);
  await page.goto('/shipments');
  await page.getByTestId('new-shipment').click();
  const shipDate = page.getByRole('dialog').getByLabel('Ship date');
  await expect.poll(() => shipDate.inputValue()).toBe(dateIn('Pacific/Kiritimati'));
});
