// Removing old records: the confirmation states what goes with the server's own count, the
// records really go, a 400 lands at its field with the input kept, and one confirmation
// sends exactly one POST however often it is clicked.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, signIn, screenshot, poll, openRemoval, review, locationNames, humanDate } from './harness.mjs';

const ctx = setup({ records: 400, seed: 5 });
const REMOVE_PATH = '/api/v1/oms/inventory-discrepancies/remove/';

/**
 * A removal at `location` that takes its `k` oldest records (or more, when several share
 * the cut-off day): the date is the day after the k-th oldest record was created.
 */
async function pickRemoval(oms, location, k = 3) {
  const all = await oms.list({ stock_location: location, sort: 'created_date', limit: 1000 });
  assert.ok(all.results.length > k + 1, `location ${location} has enough records`);
  const day = new Date(all.results[k - 1].created_date.slice(0, 10) + 'T00:00:00Z');
  day.setUTCDate(day.getUTCDate() + 1);
  const date = day.toISOString().slice(0, 10);
  const expected = (await oms.list({ stock_location: location, created_date__lt: date, limit: 1 })).count;
  assert.ok(expected >= k && expected < all.count, `removal takes some but not all records (${expected})`);
  return { date, location, expected };
}

test('removal with confirmation: date, location and the server count; the records really go', async () => {
  const { oms } = ctx;
  const page = await ctx.newPage();
  await signIn(page, oms);
  const target = await pickRemoval(oms, 7);
  // The names are read after the first rows; the confirmation takes them as they are then.
  await page.locator('#location-names option').first().waitFor({ state: 'attached' });
  await openRemoval(page);
  await review(page, target);

  const confirm = page.locator('dialog.confirm');
  assert.equal(
    await confirm.locator('.scope').textContent(),
    `Records created before ${humanDate(target.date)} (00:00 UTC) at stock location ${(await locationNames(oms)).get(7)} (7) will be removed.`,
  );
  assert.equal(await confirm.locator('.server-count').textContent(), `The server counts ${target.expected} such records right now.`);
  const button = page.getByRole('button', { name: `Remove ${target.expected} records`, exact: true });
  await button.waitFor();
  assert.ok(await page.getByText('This cannot be undone.').isVisible());
  await screenshot(page, 'removal-confirmation');

  const before = await oms.stats();
  await button.click();
  await page.getByRole('heading', { name: `Done. The OMS removed the records (${target.expected} matched before the request).` }).waitFor();
  const after = await oms.stats();
  assert.equal(after.requests.remove, before.requests.remove + 1);
  assert.equal(after.records, before.records - target.expected, 'the list count dropped by exactly the preview number');
  assert.equal((await oms.list({ stock_location: 7, created_date__lt: target.date, limit: 1 })).count, 0);

  // The app's list shows the new total.
  await page.getByRole('link', { name: 'View the list' }).click();
  await page.waitForURL((u) => u.pathname === '/discrepancies' && u.search === '');
  await page.getByText(`Showing 1–20 of ${after.records}`).waitFor();

  // Cancelling a review sends nothing.
  const other = await pickRemoval(oms, 8);
  await openRemoval(page);
  await review(page, other);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.locator('dialog.confirm').waitFor({ state: 'detached' });
  assert.equal((await oms.stats()).requests.remove, after.requests.remove);
  assert.equal(await page.getByLabel('Remove records created before').inputValue(), other.date);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a 400 from the OMS is shown at its field and the input is kept', async () => {
  const { oms } = ctx;
  const page = await ctx.newPage();
  await signIn(page, oms);
  const target = await pickRemoval(oms, 3);
  await openRemoval(page);
  await review(page, target);

  const posts = [];
  let reply = { expired_date: ['Date has wrong format. Use one of these formats instead: DD-MM-YYYY.'] };
  await page.route(`**${REMOVE_PATH}`, async (route) => {
    posts.push(route.request().postData());
    await route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify(reply) });
  });
  const before = await oms.stats();
  await page.getByRole('button', { name: `Remove ${target.expected} records`, exact: true }).click();

  const dateError = page.locator('#expired-date-error');
  await poll(() => dateError.textContent(), (t) => t.length > 0, { message: '#expired-date-error text' });
  assert.equal(await dateError.textContent(), 'Date has wrong format. Use one of these formats instead: DD-MM-YYYY.');
  const dateInput = page.getByLabel('Remove records created before');
  const locationInput = page.getByLabel('Stock location ID (optional)');
  assert.equal(await dateInput.getAttribute('aria-invalid'), 'true');
  assert.equal(await dateInput.inputValue(), target.date, 'date kept');
  assert.equal(await locationInput.inputValue(), '3', 'location kept');
  assert.ok(await dateInput.isEditable());
  assert.equal(await page.locator('#stock-location-error').textContent(), '');
  assert.equal(await page.locator('dialog.confirm').count(), 0);
  assert.deepEqual(posts, [`expired_date=${target.date.split('-').reverse().join('-')}&stock_location=3`]);
  const after = await oms.stats();
  assert.equal(after.records, before.records, 'nothing was removed');
  assert.equal(after.requests.remove, before.requests.remove);

  // Errors for no field of the form are shown too, not lost.
  reply = { non_field_errors: ['Removal is disabled during stock count.'] };
  await review(page, target);
  await page.getByRole('button', { name: `Remove ${target.expected} records`, exact: true }).click();
  await page.getByRole('alert').filter({ hasText: 'Removal is disabled during stock count.' }).waitFor();
  assert.equal(await dateError.textContent(), '', 'the old field error is cleared');
  assert.equal(posts.length, 2);
  await page.unroute(`**${REMOVE_PATH}`);
  await page.context().close();
});

test('double-click and Enter on confirm send exactly one POST', async () => {
  const { oms } = ctx;
  const page = await ctx.newPage();
  await signIn(page, oms);
  const posts = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().includes(REMOVE_PATH)) posts.push(r.url());
  });
  const targets = [];
  for (const location of [10, 11, 12]) targets.push(await pickRemoval(oms, location, 2));
  await oms.faults({ latency_ms: 1200 }); // the POST stays in flight while we keep clicking
  try {
    const start = (await oms.stats()).requests.remove;
    const rounds = [
      ['double-click', async (button) => {
        await button.dblclick();
        await page.keyboard.press('Enter');
      }],
      ['Enter, repeatedly', async (button) => {
        await button.focus();
        await page.keyboard.press('Enter');
        await page.keyboard.press('Enter');
        await page.keyboard.press('Enter');
      }],
      ['three clicks in one task', async () => {
        await page.evaluate(() => {
          const b = document.querySelector('dialog.confirm button.danger');
          b.click();
          b.click();
          b.click();
        });
      }],
    ];
    let expectedPosts = 0;
    for (const [i, [name, act]] of rounds.entries()) {
      const target = targets[i];
      if (i === 0) await openRemoval(page);
      else await page.locator('section.done').getByRole('button', { name: 'Review removal' }).click();
      await review(page, target);
      const button = page.getByRole('button', { name: `Remove ${target.expected} records`, exact: true });
      await button.waitFor();
      const recordsBefore = (await oms.stats()).records;
      await act(button);
      await page.locator('section.done').waitFor();
      await page.waitForTimeout(300); // a late duplicate would show up here
      expectedPosts += 1;
      assert.equal(posts.length, expectedPosts, `${name}: one POST left the browser`);
      const stats = await oms.stats();
      assert.equal(stats.requests.remove - start, expectedPosts, `${name}: the OMS saw one POST`);
      assert.equal(stats.records, recordsBefore - target.expected, `${name}: removed exactly the preview`);
    }
  } finally {
    await oms.faults({ latency_ms: 0 });
  }
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a lost answer is never re-sent: the app re-counts and says what happened', async () => {
  const { oms } = ctx;
  const page = await ctx.newPage();
  await signIn(page, oms);
  const posts = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().includes(REMOVE_PATH)) posts.push(r.url());
  });
  const failure = page.locator('.failure');
  const outcome = failure.locator('.outcome');

  // 1. A gateway error before the OMS saw the request: nothing was removed.
  const kept = await pickRemoval(oms, 15, 2);
  await page.route(`**${REMOVE_PATH}`, (route) => route.fulfill({ status: 502, contentType: 'text/html', body: '<h1>Bad Gateway</h1>' }));
  let before = await oms.stats();
  await openRemoval(page);
  await review(page, kept);
  await page.getByRole('button', { name: `Remove ${kept.expected} records`, exact: true }).click();
  await poll(() => outcome.textContent().catch(() => ''), (t) => t.startsWith('Nothing'), { message: 'outcome after a 502' });
  assert.equal(await outcome.textContent(), `Nothing was removed: the ${kept.expected} matching records are still there. You can try again.`);
  assert.equal(await failure.locator('.error-message').textContent(), 'The OMS had an internal error (HTTP 502). Try again in a moment.');
  assert.equal(await page.getByLabel('Remove records created before').inputValue(), kept.date, 'input kept');
  let after = await oms.stats();
  assert.equal(after.records, before.records);
  assert.equal(after.requests.remove, before.requests.remove);
  await page.unroute(`**${REMOVE_PATH}`);

  // 2. The OMS removed the records but the answer never reached the browser.
  const lost = await pickRemoval(oms, 16, 2);
  await page.route(`**${REMOVE_PATH}`, async (route) => {
    const response = await route.fetch();
    assert.equal(response.status(), 204);
    await route.abort('connectionreset');
  });
  before = await oms.stats();
  await review(page, lost);
  await page.getByRole('button', { name: `Remove ${lost.expected} records`, exact: true }).click();
  await poll(() => outcome.textContent().catch(() => ''), (t) => t.startsWith('The removal went through'), { message: 'outcome after a lost answer' });
  assert.equal(
    await outcome.textContent(),
    `The removal went through although its answer was lost: none of the ${lost.expected} matching records is left.`,
  );
  await page.waitForTimeout(500); // an automatic re-send would show up here
  after = await oms.stats();
  assert.equal(after.requests.remove, before.requests.remove + 1, 'exactly one POST reached the OMS');
  assert.equal(after.records, before.records - lost.expected);
  assert.equal(posts.length, 2, 'one POST per confirmation, no automatic retry');
  await page.unroute(`**${REMOVE_PATH}`);
  // Once the re-count shows the removal went through, the page must not also claim it did not.
  assert.equal(
    await failure.getByText('The removal did not go through').count(),
    0,
    'no "did not go through" headline above "the removal went through"',
  );
  await page.context().close();
});
