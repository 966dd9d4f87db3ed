// Hostile but valid data (`--hostile`): markup in reasons shows as text and never runs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, signIn, expectRowsMatchApi, shownReason, reasonTitle } from './harness.mjs';

const ctx = setup({ records: 30, seed: 13, hostile: true });

test('hostile records: text shows literally, no script runs, no injected elements', async () => {
  const { oms } = ctx;
  const page = await ctx.newPage();
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  await signIn(page, oms);
  const answer = await expectRowsMatchApi(page, oms, { page: 1, limit: 20 });
  const reasons = answer.results.map((r) => r.reason);
  assert.ok(reasons.includes('<script>window.__pwned=1</script>'), 'the hostile records are on page 1');
  assert.ok(reasons.includes('<img src=x onerror="window.__pwned=1">'));

  const shown = await page.$$eval('table.records tbody .reason-text', (els) => els.map((e) => e.textContent));
  assert.deepEqual(shown, reasons.map(shownReason), 'every unknown reason shows exactly as the OMS sent it');
  const titles = await page.$$eval('table.records tbody td.reason', (els) => els.map((e) => e.getAttribute('title')));
  assert.deepEqual(titles, reasons.map(reasonTitle));
  await page.getByText('<script>window.__pwned=1</script>', { exact: true }).waitFor();
  await page.getByText('<img src=x onerror="window.__pwned=1">', { exact: true }).waitFor();

  const table = page.locator('table.records');
  for (const tag of ['img', 'script', 'svg', 'iframe']) {
    assert.equal(await table.locator(tag).count(), 0, `no <${tag}> inside the table`);
  }
  assert.equal(await page.locator('a[href^="javascript:"]').count(), 0);
  await page.waitForTimeout(300); // an onerror would have fired by now
  assert.equal(await page.evaluate(() => typeof window.__pwned), 'undefined');

  // The detail page of each markup record, too.
  for (const reason of ['<script>window.__pwned=1</script>', '<img src=x onerror="window.__pwned=1">', '"><svg onload=window.__pwned=1>']) {
    const record = answer.results.find((r) => r.reason === reason);
    assert.ok(record, reason);
    await page.getByRole('link', { name: `Open discrepancy ${record.id}`, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `Discrepancy #${record.id}` }).waitFor();
    assert.equal(await page.locator('.reason-full').textContent(), reason);
    for (const tag of ['img', 'script', 'svg']) {
      assert.equal(await page.locator(`main ${tag}`).count(), 0, `no <${tag}> on the detail page`);
    }
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => typeof window.__pwned), 'undefined');
    await page.goBack();
    await expectRowsMatchApi(page, oms, { page: 1, limit: 20 });
  }
  assert.deepEqual(dialogs, []);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('hostile records: long, right-to-left and zero-width values keep the layout usable', async () => {
  const { oms } = ctx;
  const page = await ctx.newPage();
  await signIn(page, oms);
  const answer = await expectRowsMatchApi(page, oms, { page: 1, limit: 20 });
  const long = answer.results.find((r) => r.reason.length >= 500);
  assert.ok(long, 'a 500-character reason is on page 1');
  assert.ok(answer.results.some((r) => r.reason.includes('\u202e')), 'a right-to-left override is on page 1');

  for (const width of [1920, 1280, 360]) {
    await page.setViewportSize({ width, height: 800 });
    // The page itself never scrolls sideways; a wide table scrolls inside its own box.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page overflows by ${overflow}px at ${width}px`);
    const heights = await page.$$eval('table.records tbody tr', (rows) => rows.map((r) => r.getBoundingClientRect().height));
    assert.ok(Math.max(...heights) < 3 * Math.min(...heights), `a row grew out of shape at ${width}px: ${heights}`);
    // Still usable: the pager is reachable and works.
    await page.getByRole('link', { name: 'Next' }).click();
    await expectRowsMatchApi(page, oms, { page: 2, limit: 20 });
    await page.goBack();
    await expectRowsMatchApi(page, oms, { page: 1, limit: 20 });
  }

  // The detail page wraps the long value instead of overflowing.
  await page.setViewportSize({ width: 360, height: 800 });
  await page.getByRole('link', { name: `Open discrepancy ${long.id}`, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: `Discrepancy #${long.id}` }).waitFor();
  assert.equal(await page.locator('.reason-full').textContent(), long.reason);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `detail page overflows by ${overflow}px`);
  await page.context().close();
});
