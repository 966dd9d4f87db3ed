// Automatic retries of reads: 502/503/504, 429 and network failures are retried with
// backoff, visibly ("Retrying in N s…") and stoppably; going back online re-fetches.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, signIn, poll, expectRowsMatchApi, startOms, LIST_PATH } from './harness.mjs';

const ctx = setup({ records: 300, seed: 21 });
const banner = (page) => page.locator('.retry-banner');

test('a 503 is retried with a visible countdown and the rows come back by themselves', async () => {
  const { oms } = ctx;
  const page = await ctx.newPage();
  await signIn(page, oms);
  await expectRowsMatchApi(page, oms, { page: 1, limit: 20 });

  let failuresLeft = 2;
  const lists = [];
  await page.route(`**${LIST_PATH}**`, async (route) => {
    lists.push(route.request().url());
    if (failuresLeft > 0) {
      failuresLeft -= 1;
      await route.fulfill({ status: 503, contentType: 'text/html', body: '<h1>Service Unavailable</h1>' });
    } else {
      await route.continue();
    }
  });
  await page.getByRole('link', { name: 'Next' }).click();
  await banner(page).waitFor();
  assert.match(await banner(page).textContent(), /^Retrying in \d+ s \(retry [12] of 3\)…/);
  await expectRowsMatchApi(page, oms, { page: 2, limit: 20 });
  assert.equal(lists.length, 3, 'two failed attempts and one success');
  assert.equal(await banner(page).count(), 0, 'the banner goes once the rows are in');
  assert.equal(await page.locator('.error-panel').count(), 0);
  await page.context().close();
});

test('"Stop retrying" shows the error at once, and Try again still works', async () => {
  const { oms } = ctx;
  const page = await ctx.newPage();
  await signIn(page, oms);
  await expectRowsMatchApi(page, oms, { page: 1, limit: 20 });
  let failing = true;
  let attempts = 0;
  await page.route(`**${LIST_PATH}**`, async (route) => {
    attempts += 1;
    if (failing) await route.fulfill({ status: 502, body: 'Bad Gateway' });
    else await route.continue();
  });
  await page.getByRole('link', { name: 'Next' }).click();
  await banner(page).waitFor();
  await page.getByRole('button', { name: 'Stop retrying' }).click();
  const panel = page.locator('.error-panel');
  await panel.waitFor();
  assert.equal(await panel.locator('.error-message').textContent(), 'The OMS had an internal error (HTTP 502). Try again in a moment.');
  const stoppedAt = attempts;
  await page.waitForTimeout(1500);
  assert.equal(attempts, stoppedAt, 'no retry after the user stopped them');
  failing = false;
  await page.getByRole('button', { name: 'Try again' }).click();
  await expectRowsMatchApi(page, oms, { page: 2, limit: 20 });
  await page.context().close();
});

test('a 429 waits for Retry-After, then recovers without the user', async () => {
  const { oms } = ctx;
  const page = await ctx.newPage();
  await signIn(page, oms);
  await expectRowsMatchApi(page, oms, { page: 1, limit: 20 });
  let throttled = true;
  const times = [];
  await page.route(`**${LIST_PATH}**`, async (route) => {
    times.push(Date.now());
    if (throttled) {
      throttled = false;
      await route.fulfill({
        status: 429,
        contentType: 'application/json',
        headers: { 'Retry-After': '2' },
        body: '{"detail":"Request was throttled. Expected available in 2 seconds."}',
      });
    } else {
      await route.continue();
    }
  });
  await page.getByRole('link', { name: 'Next' }).click();
  await banner(page).waitFor();
  assert.match(await banner(page).textContent(), /^Retrying in 2 s/);
  await expectRowsMatchApi(page, oms, { page: 2, limit: 20 });
  assert.equal(times.length, 2);
  assert.ok(times[1] - times[0] >= 1900, `waited ${times[1] - times[0]} ms, Retry-After said 2 s`);
  await page.context().close();
});

test('offline: retries then the error; back online the page loads by itself', async () => {
  const { oms } = ctx;
  const page = await ctx.newPage();
  await signIn(page, oms);
  await expectRowsMatchApi(page, oms, { page: 1, limit: 20 });
  await page.context().setOffline(true);
  await page.getByRole('link', { name: 'Next' }).click();
  await banner(page).waitFor();
  const panel = page.locator('.error-panel');
  await panel.waitFor({ timeout: 30_000 });
  assert.match(await panel.locator('.error-message').textContent(), /^Could not reach the OMS/);
  await page.context().setOffline(false);
  await expectRowsMatchApi(page, oms, { page: 2, limit: 20 });
  await poll(() => panel.count(), (n) => n === 0, { message: 'the error panel to go' });
  await page.context().close();
});

test('a 429 from an OMS on another origin: Retry-After is unreadable, as from a real DRF, and the app backs off by itself', async () => {
  const api = await startOms({ records: 60, seed: 4 });
  // The OMS on another origin: the same server through `localhost` (the app is on 127.0.0.1).
  const apiUrl = api.url.replace('127.0.0.1', 'localhost');
  const app = await startOms({ records: 1, seed: 4, args: ['--csp-connect', apiUrl] });
  try {
    const page = await ctx.newPage();
    await page.goto(`${app.url}/sign-in`);
    await signIn(page, { url: apiUrl, token: api.token });
    await expectRowsMatchApi(page, api, { page: 1, limit: 20 });

    // What the app's code can see of a 429 from there: the status, not the header.
    await api.faults({ throttle: 0 });
    const seen = await page.evaluate(async ({ url, token }) => {
      const res = await fetch(url, { headers: { Authorization: `Token ${token}` } });
      return { status: res.status, retryAfter: res.headers.get('retry-after') };
    }, { url: `${apiUrl}${LIST_PATH}?page=1&limit=1`, token: api.token });
    assert.deepEqual(seen, { status: 429, retryAfter: null });

    // The next page is throttled once; the server lifts the limit as soon as the 429 is out.
    const throttledResponses = [];
    let lifted;
    page.on('response', (res) => {
      if (res.url().includes(LIST_PATH) && res.status() === 429) {
        throttledResponses.push(res.headers());
        lifted ||= api.faults({ throttle: null });
      }
    });
    await page.getByRole('link', { name: 'Next' }).click();
    await poll(() => throttledResponses.length, (n) => n >= 1, { message: 'a 429 for the next page' });
    await lifted;
    await expectRowsMatchApi(page, api, { page: 2, limit: 20 });
    assert.ok(throttledResponses.length >= 1, 'the app met a 429');
    assert.equal(throttledResponses[0]['retry-after'], '1', 'the server did send Retry-After');
    assert.equal(throttledResponses[0]['access-control-expose-headers'], undefined, 'but did not expose it');
    assert.equal(await page.locator('.error-panel').count(), 0, 'recovered without the user');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    await api.faults({ throttle: null }).catch(() => {});
    await app.stop();
    await api.stop();
  }
});
