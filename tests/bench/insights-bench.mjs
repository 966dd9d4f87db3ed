#!/usr/bin/env node
// Benchmark of the insights page against oms-dev (NOT part of the test command).
//
//   node tests/bench/insights-bench.mjs [--records N] [--runs N] [--dist DIR] [--oms-dev BIN]
//
// Starts oms-dev (release build preferred) with N records (default 1,000,000) in a file
// memory database, serving the release app build, and drives Debian's chromium
// through playwright-core. Each run opens a fresh browser context (the session injected into
// sessionStorage, no sign-in) straight at /discrepancies/insights and times, from navigation
// start, until every count is in (the page's progress bar is gone); the list requests of one
// row (the counts) are counted and the most in flight at once recorded. Then, in the same
// tab, the list and back: the cached visit (time and requests), and the switch to 30 days.
// Prints medians and every sample.

import path from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = Object.fromEntries(
  process.argv
    .slice(2)
    .join(' ')
    .split('--')
    .filter(Boolean)
    .map((a) => a.trim().split(/\s+/)),
);
const records = Number(args.records ?? 1_000_000);
const runs = Number(args.runs ?? 3);
process.env.DIST_DIR = args.dist ?? 'dist';
const release = path.join(ROOT, 'target/release/oms-dev');
process.env.OMS_DEV_BIN = args['oms-dev'] ?? (existsSync(release) ? release : 'target/debug/oms-dev');

const { startOms, launchBrowser, watchRequests, isCountQuery } = await import('../e2e/harness.mjs');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const complete = (page) =>
  page.waitForFunction(() => document.querySelector('.insights') && !document.querySelector('.insights-tools .impact-progress'), null, { timeout: 600_000 });

console.log(`oms-dev with ${records.toLocaleString('en-GB')} records (seeding)…`);
const oms = await startOms({ records, seed: 42 });
const browser = await launchBrowser();
const samples = { cold: [], coldRequests: [], most: [], cached: [], cachedRequests: [], days: [], dayRequests: [] };
try {
  for (let run = 0; run < runs; run += 1) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'UTC', locale: 'en-GB' });
    await context.addInitScript(
      ({ key, value }) => sessionStorage.setItem(key, value),
      { key: 'discrepancy-admin.session', value: JSON.stringify({ base_url: oms.url, token: oms.token }) },
    );
    const page = await context.newPage();
    const seen = watchRequests(page, isCountQuery);
    await page.goto(`${oms.url}/discrepancies/insights`);
    await complete(page);
    samples.cold.push(await page.evaluate(() => performance.now()));
    samples.coldRequests.push(seen.total);
    samples.most.push(seen.most);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Discrepancies' }).click();
    await page.locator('table.records').waitFor({ timeout: 600_000 });
    const before = seen.total;
    const t0 = await page.evaluate(() => performance.now());
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights' }).click();
    await complete(page);
    samples.cached.push((await page.evaluate(() => performance.now())) - t0);
    samples.cachedRequests.push(seen.total - before);

    const beforeDays = seen.total;
    const t1 = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: '30 days' }).click();
    await page.waitForFunction(() => document.querySelector('[data-act="span1"][aria-pressed="true"]'));
    await complete(page);
    samples.days.push((await page.evaluate(() => performance.now())) - t1);
    samples.dayRequests.push(seen.total - beforeDays);
    await context.close();
  }
} finally {
  await browser.close();
  await oms.stop();
}
const ms = (x) => `${Math.round(x).toLocaleString('en-GB')} ms`;
console.log(`records: ${records.toLocaleString('en-GB')}, runs: ${runs}`);
console.log(`cold, navigation start → every count in: median ${ms(median(samples.cold))} (${samples.cold.map(ms).join(', ')})`);
console.log(`  count requests: ${samples.coldRequests.join(', ')}; most in flight: ${Math.max(...samples.most)}`);
console.log(`cached, back from the list → every count in: median ${ms(median(samples.cached))} (${samples.cached.map(ms).join(', ')}); requests: ${samples.cachedRequests.join(', ')}`);
console.log(`30 days, click → every count in: median ${ms(median(samples.days))} (${samples.days.map(ms).join(', ')}); requests: ${samples.dayRequests.join(', ')}`);
