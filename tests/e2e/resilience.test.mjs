// A failing and a slow OMS: an error panel with a retry that works, and the previous page
// kept on screen (marked busy) while the next one loads.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, signIn, expectRowsMatchApi, visibleIds } from './harness.mjs';

const ctx = setup({ records: 100, seed: 11 });

test('500 from the OMS: error panel with "Try again", which brings the rows back', async () => {
  const { oms } = ctx;
  const page = await ctx.newPage();
  await signIn(page, oms);
  await expectRowsMatchApi(page, oms, { page: 1, limit: 20 });
  try {
    await oms.faults({ fail_rate: 1 });
    await page.getByRole('link', { name: 'Next', exact: true }).click();
    await page.waitForURL((u) => u.search === '?page=2');
    const panel = page.locator('.error-panel[role="alert"]');
    await panel.waitFor();
    assert.equal(await panel.locator('.error-title').textContent(), 'Something went wrong');
    assert.equal(await panel.locator('.error-message').textContent(), 'The OMS had an internal error (HTTP 500). Try again in a moment.');
    assert.equal(await page.locator('table.records').count(), 0, 'no stale rows under an error');
    const retry = page.getByRole('button', { name: 'Try again' });

    // Still failing: the retry asks again and the panel stays.
    const listed = (await oms.stats()).requests.list;
    await retry.click();
    await page.waitForFunction((n) => fetch('/__dev/stats').then((r) => r.json()).then((s) => s.requests.list > n), listed);
    await panel.waitFor();

    await oms.faults({ fail_rate: 0 });
    await page.getByRole('button', { name: 'Try again' }).click();
    await expectRowsMatchApi(page, oms, { page: 2, limit: 20 });
    assert.equal(await panel.count(), 0);
    await page.getByText('Showing 21–40 of 100').waitFor();
  } finally {
    await oms.faults({ fail_rate: 0 });
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('slow OMS: the previous rows stay visible with aria-busy while the next page loads', async () => {
  const { oms } = ctx;
  const page = await ctx.newPage();
  await signIn(page, oms);
  const first = await expectRowsMatchApi(page, oms, { page: 1, limit: 20 });
  const firstIds = first.results.map((r) => r.id);
  assert.equal(await page.locator('.results').getAttribute('aria-busy'), 'false');
  try {
    await oms.faults({ latency_ms: 800 });
    await page.getByRole('link', { name: 'Next', exact: true }).click();
    // Read busy state and rows in one go, as soon as the load starts.
    const during = await page.waitForFunction(() => {
      const results = document.querySelector('.results');
      if (results?.getAttribute('aria-busy') !== 'true') return null;
      return {
        ids: [...results.querySelectorAll('table.records tbody tr td:first-child a')].map((a) => Number(a.textContent)),
        marker: results.querySelector('.loading-marker')?.hidden === false ? results.querySelector('.loading-marker').textContent : null,
        url: location.search,
      };
    }, null, { polling: 'raf', timeout: 5000 });
    const seen = await during.jsonValue();
    assert.equal(seen.url, '?page=2', 'the URL changed at once');
    assert.deepEqual(seen.ids, firstIds, 'page 1 rows stay on screen while page 2 loads');
    assert.equal(seen.marker, 'Loading…');

    await oms.faults({ latency_ms: 0 });
    await expectRowsMatchApi(page, oms, { page: 2, limit: 20 });
    assert.equal(await page.locator('.results').getAttribute('aria-busy'), 'false');
    assert.ok(await page.locator('.loading-marker').isHidden());
    assert.notDeepEqual(await visibleIds(page), firstIds);
  } finally {
    await oms.faults({ latency_ms: 0 });
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
