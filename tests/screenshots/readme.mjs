// `make screenshots`: the README's pictures, from fixed data, a fixed clock and a fixed
// port, so that they change only when the UI does. Not a test: the tests write their own
// screenshots to an ignored folder.
//
// oms-dev starts empty on port 18790 and gets the same 240 records every time (dates,
// reasons and locations from a fixed sequence); the browser runs in UTC with en-GB and a
// fixed clock. The demo shell (demo-shell/) runs on the next port, on `localhost`: another
// origin than the app's, which lists it in `shell_origins` and `frame-ancestors`.

import path from 'node:path';
import { startOms, launchBrowser, signIn, openRemoval, review, expectRowsMatchApi, poll, screenshot, ROOT } from '../e2e/harness.mjs';
import { startShell } from '../../demo-shell/server.mjs';

process.env.SCREENSHOT_DIR ||= path.join(ROOT, 'docs', 'screenshots');
const PORT = Number(process.env.SCREENSHOT_PORT || 18790);
const SHELL_PORT = PORT + 1;
const SHELL_ORIGIN = `http://localhost:${SHELL_PORT}`;
const NOW = new Date('2026-06-15T09:30:00Z');
const REASONS = ['out_of_stock', 'damaged', 'missing', 'wrong_product', 'expired', 'quality_issue'];

/** 240 records over the 400 days before NOW, from a fixed linear congruential sequence. */
function records() {
  let x = 20260615;
  const next = (n) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return Math.floor(x / 65536) % n; // the high bits: the low ones of this sequence repeat quickly
  };
  const out = [];
  for (let i = 0; i < 240; i++) {
    const created = new Date(NOW.getTime() - (400 - (i * 400) / 240) * 86_400_000 + next(86_400) * 1000);
    const item = next(2) === 0 ? { package_item: 10_000 + next(90_000) } : { transfer_item: 1_000 + next(9_000) };
    out.push({
      reason: REASONS[next(REASONS.length)],
      created_date: created.toISOString(),
      modified_date: created.toISOString(),
      is_active: next(4) !== 0,
      stock_location: 1 + next(12),
      ...item,
    });
  }
  return out;
}

const oms = await startOms({
  records: 0,
  seed: 1,
  port: PORT,
  config: { shell_origins: [SHELL_ORIGIN] },
  args: ['--frame-ancestors', SHELL_ORIGIN],
});
const shell = await startShell({ port: SHELL_PORT, appUrl: oms.url, omsBaseUrl: oms.url, token: oms.token });
const browser = await launchBrowser();
try {
  await oms.insertRecords(records());
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: 'UTC', locale: 'en-GB' });
  const page = await context.newPage();
  await page.clock.setFixedTime(NOW);

  await page.goto(`${oms.url}/sign-in`);
  await page.getByLabel('API token').waitFor();
  await screenshot(page, 'sign-in');

  await signIn(page, oms);
  await expectRowsMatchApi(page, oms, { page: 1, limit: 20 });
  await screenshot(page, 'list');

  const first = page.locator('table.records tbody tr td:first-child a').first();
  const id = (await first.textContent()).trim();
  await first.click();
  await page.getByRole('heading', { level: 1, name: `Discrepancy #${id}` }).waitFor();
  await screenshot(page, 'detail');

  await openRemoval(page);
  await review(page, { date: '2025-09-01', location: 7 });
  await screenshot(page, 'removal-confirmation');

  // The insights of every record, charts in light; taller, to show the whole page.
  await page.keyboard.press('Escape');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights' }).click();
  await page.locator('.insights').waitFor();
  await page.locator('.insights-tools .impact-progress').waitFor({ state: 'detached' });
  await page.setViewportSize({ width: 1280, height: 1480 });
  await screenshot(page, 'insights');

  // The same in Turkish: a browser whose language is Turkish gets the app in Turkish.
  const tr = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: 'UTC', locale: 'tr-TR' });
  const sayfa = await tr.newPage();
  await sayfa.clock.setFixedTime(NOW);
  await sayfa.goto(`${oms.url}/sign-in`);
  await sayfa.getByLabel('OMS temel adresi').fill(oms.url);
  await sayfa.getByLabel('API anahtarı').fill(oms.token);
  await sayfa.getByRole('button', { name: 'Giriş yap' }).click();
  await sayfa.waitForURL((u) => u.pathname === '/discrepancies');
  await expectRowsMatchApi(sayfa, oms, { page: 1, limit: 20 });
  await screenshot(sayfa, 'list-tr');
  await sayfa.getByRole('navigation', { name: 'Ana menü' }).getByRole('link', { name: 'Eski kayıtları sil' }).click();
  await sayfa.getByLabel('Şu tarihten önce oluşturulan kayıtları sil').fill('2025-09-01');
  await sayfa.getByLabel('Stok lokasyonu no (isteğe bağlı)').fill('7');
  await sayfa.getByRole('button', { name: 'Silme işlemini incele' }).click();
  await sayfa.getByRole('heading', { name: 'Silme işlemini onaylayın' }).waitFor();
  await screenshot(sayfa, 'removal-confirmation-tr');
  // The insights in Turkish, in the dark theme, at a phone's width.
  await sayfa.keyboard.press('Escape');
  await sayfa.getByRole('navigation', { name: 'Ana menü' }).getByRole('link', { name: 'Analiz' }).click();
  await sayfa.locator('.insights').waitFor();
  await sayfa.locator('.insights-tools .impact-progress').waitFor({ state: 'detached' });
  await sayfa.emulateMedia({ colorScheme: 'dark' });
  await sayfa.setViewportSize({ width: 390, height: 2340 });
  await screenshot(sayfa, 'insights-tr-dark');

  // Inside the demo shell, which signs the app in over the UI Protocol and sets its theme:
  // dark (the shell's default), then light from the shell's theme control.
  const wide = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'UTC', locale: 'en-GB' });
  const shellPage = await wide.newPage();
  await shellPage.clock.setFixedTime(NOW);
  await shellPage.goto(`${shell.url}/en/extension/7/discrepancies`);
  const frame = await poll(() => shellPage.frames().find((f) => f.url().startsWith(oms.url)), (f) => f !== undefined, { message: 'the app frame' });
  const frameTheme = () => frame.evaluate(() => document.documentElement.dataset.theme);
  await expectRowsMatchApi(frame, oms, { page: 1, limit: 20 });
  await poll(frameTheme, (t) => t === 'dark', { message: 'the dark theme in the frame' });
  await screenshot(shellPage, 'embedded-dark');
  await shellPage.selectOption('#shell-theme', 'light');
  await poll(frameTheme, (t) => t === 'light', { message: 'the light theme in the frame' });
  await screenshot(shellPage, 'embedded-light');
  console.log(`screenshots written to ${path.relative(ROOT, process.env.SCREENSHOT_DIR)}/`);
} finally {
  await browser.close();
  await shell.stop();
  await oms.stop();
}
