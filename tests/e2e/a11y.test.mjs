// Accessibility audit: axe-core (npm @axe-core/playwright, no download beyond the package) on
// every page and state the app has, in light and dark, in English and Turkish, and inside the
// demo shell. Any serious or critical violation fails; the moderate and minor ones are written
// to tests/e2e/output/a11y-findings.json for the record.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { startEmbedded, appFrame, launchBrowser, insertOld, ROOT, TIMEOUT } from './harness.mjs';

let oms;
let shell;
let browser;
const findings = [];

before(async () => {
  ({ oms, shell } = await startEmbedded({ records: 60, seed: 9, hostile: true }));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await shell?.stop();
  await oms?.stop();
  const dir = path.join(ROOT, 'tests/e2e/output');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'a11y-findings.json'), JSON.stringify(findings, null, 2));
});

/** Runs axe on the page (frames included); fails on serious or critical, records the rest. */
async function audit(page, state) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  const blocking = [];
  for (const v of results.violations) {
    const entry = { state, rule: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) };
    if (v.impact === 'serious' || v.impact === 'critical') blocking.push(entry);
    else findings.push(entry);
  }
  assert.deepEqual(blocking, [], `${state}: serious or critical violations`);
}

const VARIANTS = [
  { name: 'light en', colorScheme: 'light', lang: 'en' },
  { name: 'dark en', colorScheme: 'dark', lang: 'en' },
  { name: 'light tr', colorScheme: 'light', lang: 'tr' },
  { name: 'dark tr', colorScheme: 'dark', lang: 'tr' },
];

async function newPage(variant) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: 'UTC', colorScheme: variant.colorScheme });
  context.setDefaultTimeout(TIMEOUT);
  await context.addInitScript((lang) => localStorage.setItem('discrepancy-admin.lang', lang), variant.lang);
  return context.newPage();
}

/** Signs in through the form, whatever the language (the fields by their ids), remembered. */
async function signedIn(variant, token = oms.token) {
  const page = await newPage(variant);
  await page.goto(`${oms.url}/sign-in`);
  await page.locator('#base-url').fill(oms.url);
  await page.locator('#token').fill(token);
  // Remembered, so that the audit can open each page by its address.
  await page.locator('input[name="remember"]').check();
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  return page;
}

for (const [index, variant] of VARIANTS.entries()) {
  test(`${variant.name}: sign-in, list, detail, not found`, async () => {
    const page = await newPage(variant);
    await page.goto(`${oms.url}/sign-in`);
    await page.locator('form').waitFor();
    await audit(page, `${variant.name} sign-in`);
    await page.locator('#base-url').fill(oms.url);
    await page.locator('#token').fill('wrong-token');
    await page.locator('form button[type="submit"]').click();
    await page.locator('[role="alert"]').first().waitFor();
    await audit(page, `${variant.name} sign-in error`);
    await page.context().close();

    const list = await signedIn(variant);
    await list.locator('table.records tbody tr').first().waitFor();
    await audit(list, `${variant.name} list`);
    await list.keyboard.press('?');
    await list.locator('dialog#shortcuts[open]').waitFor();
    await audit(list, `${variant.name} shortcut list`);
    await list.keyboard.press('Escape');
    await list.goto(`${oms.url}/discrepancies?reason=nothing-matches-this`);
    await list.locator('.empty').waitFor();
    await audit(list, `${variant.name} list empty`);
    await list.goto(`${oms.url}/discrepancies/5`);
    await list.locator('dl.fields').waitFor();
    await audit(list, `${variant.name} detail`);
    await list.goto(`${oms.url}/discrepancies/999999`);
    await list.locator('.not-found').waitFor();
    await audit(list, `${variant.name} record not found`);
    await list.goto(`${oms.url}/no/such/page`);
    await list.locator('main h1').waitFor();
    await audit(list, `${variant.name} unknown page`);
    await list.context().close();
  });

  test(`${variant.name}: removal form, errors, confirmation, done, refused`, async () => {
    const location = 200 + index;
    await insertOld(oms, { location, n: 3, year: 2003, label: `a11y ${variant.name}` });
    const page = await signedIn(variant);
    await page.goto(`${oms.url}/discrepancies/remove`);
    await page.locator('form').waitFor();
    await audit(page, `${variant.name} removal form`);
    await page.locator('form button[type="submit"]').click();
    await page.locator('[aria-invalid="true"]').first().waitFor();
    await audit(page, `${variant.name} removal field errors`);
    await page.locator('#expired-date').fill('2004-01-01');
    await page.locator('#stock-location').fill(String(location));
    await page.locator('form button[type="submit"]').click();
    await page.locator('.confirm').waitFor();
    await audit(page, `${variant.name} removal confirmation`);
    // Sending: the OMS takes its time, the dialog shows the request in flight.
    await oms.faults({ latency_ms: 1500 });
    try {
      await page.locator('.confirm button.danger').click();
      await page.locator('.confirm button.danger[aria-busy="true"]').waitFor();
      await audit(page, `${variant.name} removal sending`);
    } finally {
      await oms.faults({ latency_ms: 0 });
    }
    await page.locator('.done').waitFor();
    await audit(page, `${variant.name} removal done`);
    await page.context().close();

    // A read-only token: the OMS refuses the removal.
    await insertOld(oms, { location: 300 + index, n: 1, year: 2003, label: `a11y ${variant.name}` });
    const readOnly = await signedIn(variant, oms.readonlyToken);
    await readOnly.goto(`${oms.url}/discrepancies/remove`);
    await readOnly.locator('#expired-date').fill('2004-01-01');
    await readOnly.locator('#stock-location').fill(String(300 + index));
    await readOnly.locator('form button[type="submit"]').click();
    await readOnly.locator('.confirm button.danger').click();
    await readOnly.locator('.failure-title, .error-panel').first().waitFor();
    await audit(readOnly, `${variant.name} removal refused`);
    await readOnly.context().close();
  });
}

test('loading, retrying and failing reads', async () => {
  const page = await signedIn(VARIANTS[0]);
  await page.locator('table.records tbody tr').first().waitFor();
  await oms.faults({ latency_ms: 3000 });
  await page.goto(`${oms.url}/discrepancies?page=2`);
  await page.locator('p.status[role="status"]').first().waitFor();
  await audit(page, 'list loading');
  // Every request throttled (429): the app retries with its banner, then gives up on demand.
  await oms.faults({ latency_ms: 0, throttle: 0 });
  await page.goto(`${oms.url}/discrepancies?page=3`);
  await page.locator('.retry-banner').first().waitFor();
  await audit(page, 'list retry banner');
  await page.locator('.retry-banner button').first().click();
  await page.locator('.error-panel').waitFor();
  await audit(page, 'list error');
  await oms.faults({ throttle: null });
  await page.context().close();
});

for (const theme of ['dark', 'light']) {
  test(`inside the demo shell, ${theme}`, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: 'UTC' });
    context.setDefaultTimeout(TIMEOUT);
    const page = await context.newPage();
    await page.goto(`${shell.url}/en/extension/7/discrepancies`);
    const frame = await appFrame(page, oms);
    await frame.locator('table.records tbody tr').first().waitFor();
    if (theme === 'light') {
      await page.selectOption('#shell-theme', 'light');
      await frame.waitForFunction(() => document.documentElement.dataset.theme === 'light');
    }
    await audit(page, `shell ${theme} list`);
    await page.evaluate(() => window.demoShell.navigateChild('/discrepancies/remove'));
    await frame.locator('form').waitFor();
    await audit(page, `shell ${theme} removal form`);
    await context.close();
  });
}
