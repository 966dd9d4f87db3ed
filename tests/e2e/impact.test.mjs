// The removal's breakdown in its confirmation: every number equals the count taken directly
// from oms-dev, its link opens exactly those records, at most four counts are in flight, and
// a failed count reads "not available" without holding up the removal.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, signIn, openRemoval, review, locationNames, expectRowsMatchApi, humanDate, REASON_LABELS, LIST_PATH, watchRequests, isCountQuery, rankedLines } from './harness.mjs';

const ctx = setup({ records: 3000, seed: 21 });
const REASONS = Object.keys(REASON_LABELS);

/** A removal date that takes about 40% of the records. */
async function cutOff(oms) {
  const total = (await oms.list({ limit: 1 })).count;
  const at = (await oms.list({ sort: 'created_date', limit: 1, page: Math.floor(total * 0.4) })).results[0];
  const day = new Date(at.created_date.slice(0, 10) + 'T00:00:00Z');
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

const count = async (oms, params) => (await oms.list({ ...params, limit: 1 })).count;

/** A breakdown table's lines as [label, number or the text shown]. */
async function shownLines(page, table) {
  const rows = await page.locator(`.impact ${table} tr`).evaluateAll((trs) =>
    trs.map((tr) => [tr.querySelector('th').textContent, tr.querySelector('td').textContent]),
  );
  return rows.map(([label, n]) => [label, /^[\d,]+$/.test(n) ? Number(n.replaceAll(',', '')) : n]);
}

/** Waits until every count of the breakdown has answered. */
async function breakdownDone(page) {
  await page.locator('.impact').waitFor();
  await page.locator('.impact-progress').waitFor({ state: 'detached' });
}

/** Counts the breakdown's requests (not the removal's own total) in flight, and the most at once. */
function watchBreakdown(page, date) {
  return watchRequests(page, (r) => {
    if (!isCountQuery(r)) return false;
    const url = new URL(r.url());
    const keys = [...url.searchParams.keys()].filter((k) => !['limit', 'page', 'created_date__lt'].includes(k));
    return url.searchParams.get('created_date__lt') === date && keys.length > 0;
  });
}

test('the breakdown equals the server counts, four at a time, and its link shows exactly those records', async () => {
  const { oms } = ctx;
  const page = await ctx.newPage();
  await signIn(page, oms);
  await page.locator('#location-names option').first().waitFor({ state: 'attached' });
  const date = await cutOff(oms);
  const seen = watchBreakdown(page, date);
  await openRemoval(page);
  await review(page, { date });
  await breakdownDone(page);

  const total = await count(oms, { created_date__lt: date });
  const confirm = page.locator('dialog.confirm');
  assert.equal(await confirm.locator('.server-count').textContent(), `The server counts ${total.toLocaleString('en-GB')} such records right now.`);

  const oldest = (await oms.list({ created_date__lt: date, sort: 'created_date', limit: 1 })).results[0].created_date.slice(0, 10);
  const newest = (await oms.list({ created_date__lt: date, sort: '-created_date', limit: 1 })).results[0].created_date.slice(0, 10);
  assert.equal(await confirm.locator('.impact-span').textContent(), `Created from ${humanDate(oldest)} to ${humanDate(newest)}.`);

  const byReason = [];
  for (const code of REASONS) byReason.push([REASON_LABELS[code], await count(oms, { created_date__lt: date, reason: code })]);
  assert.deepEqual(await shownLines(page, '.impact-reasons'), rankedLines(byReason, total, 'Other reasons'));

  // Every location list-simple gives, by id; a location without a name shows its id.
  const names = await locationNames(oms);
  const { body } = await oms.stockLocations({ limit: 1000 });
  const ids = [...new Set(body.map((l) => l.id))].sort((a, b) => a - b);
  const byLocation = [];
  for (const id of ids) {
    const label = names.has(id) ? `${names.get(id)} (${id})` : String(id);
    byLocation.push([label, await count(oms, { created_date__lt: date, stock_location: id })]);
  }
  const expected = rankedLines(byLocation, total, 'Other locations', 10);
  assert.equal(expected.length, 11, 'ten locations and the others');
  assert.deepEqual(await shownLines(page, '.impact-locations'), expected);

  // Dates, six reasons and one count per named location; never more than four at once.
  assert.equal(seen.total, 2 + REASONS.length + ids.length);
  assert.ok(seen.most <= 4 && seen.most >= 2, `at most four counts in flight (saw ${seen.most})`);

  // The link opens exactly those records, and leaves the confirmation with the input kept.
  await confirm.getByRole('link', { name: 'Show these records in the list' }).click();
  await page.waitForURL((u) => u.pathname === '/discrepancies' && u.searchParams.get('created_date__lt') === date);
  const answer = await expectRowsMatchApi(page, oms, { created_date__lt: date });
  assert.equal(answer.count, total);
  assert.match(await page.locator('.showing').textContent(), new RegExp(`of ${total.toLocaleString('en-GB')}`));
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: 'Remove old records' }).waitFor();
  assert.equal(await page.getByLabel('Remove records created before').inputValue(), date);
  assert.equal(await page.locator('dialog.confirm').count(), 0, 'the confirmation was cancelled');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('failed counts read "not available" and the removal still goes, once', async () => {
  const { oms } = ctx;
  const page = await ctx.newPage();
  await signIn(page, oms);
  await page.locator('#location-names option').first().waitFor({ state: 'attached' });
  const [location] = [...(await locationNames(oms)).keys()].sort((a, b) => a - b);
  const date = await cutOff(oms);
  const total = await count(oms, { created_date__lt: date, stock_location: location });
  // The damaged count and the newest record fail; everything else answers.
  await page.route(
    (url) => url.pathname === LIST_PATH && (url.searchParams.get('reason') === 'damaged' || url.searchParams.get('sort') === '-created_date'),
    (route) => route.fulfill({ status: 500, contentType: 'text/html', body: '<h1>Server Error</h1>' }),
  );
  await openRemoval(page);
  await review(page, { date, location });
  await breakdownDone(page);

  const confirm = page.locator('dialog.confirm');
  assert.match(await confirm.locator('.impact-span').textContent(), /^Created from \d+ \w+ \d{4} to not available\.$/);
  const lines = await shownLines(page, '.impact-reasons');
  assert.deepEqual(lines.find(([l]) => l === 'Damaged'), ['Damaged', 'not available']);
  assert.deepEqual(lines.at(-1), ['Other reasons', 'not available']);
  for (const [label, n] of lines.filter(([l]) => l !== 'Damaged' && l !== 'Other reasons')) {
    const code = REASONS.find((c) => REASON_LABELS[c] === label);
    assert.equal(n, await count(oms, { created_date__lt: date, stock_location: location, reason: code }), label);
  }
  // A removal at one location is broken down by reason only.
  assert.equal(await confirm.locator('.impact-locations').count(), 0);

  const before = await oms.stats();
  await confirm.getByRole('button', { name: `Remove ${total} records`, exact: true }).click();
  await page.getByRole('heading', { name: `Done. The OMS removed the records (${total} matched before the request).` }).waitFor();
  assert.equal((await oms.stats()).requests.remove, before.requests.remove + 1);
  assert.equal(await count(oms, { created_date__lt: date, stock_location: location }), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('without the stock location list the breakdown says so, and by reason still works', async () => {
  const { oms } = ctx;
  await oms.locations('forbidden');
  try {
    const page = await ctx.newPage();
    await signIn(page, oms);
    const date = await cutOff(oms);
    await openRemoval(page);
    await review(page, { date });
    await breakdownDone(page);
    const confirm = page.locator('dialog.confirm');
    assert.equal(
      await confirm.locator('.impact .hint').textContent(),
      'No breakdown by stock location: the list of stock locations is not available.',
    );
    const total = await count(oms, { created_date__lt: date });
    const shown = (await shownLines(page, '.impact-reasons')).reduce((s, [, n]) => s + n, 0);
    assert.equal(shown, total, 'the reasons add up to the total');
    // Cancel sends nothing and forgets the breakdown.
    const before = await oms.stats();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    assert.equal((await oms.stats()).requests.remove, before.requests.remove);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    await oms.locations('list');
  }
});
