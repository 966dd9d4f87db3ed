// The insights page: every number equals the count taken directly from oms-dev for the same
// filters, charts and tables hold the same numbers, a bar opens the list with exactly that
// count, an age opens the removal form at its date, failed counts retry one section at a
// time, at most four counts are in flight, the counts are kept for the session, and axe
// finds no serious or critical violation.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { setup, signIn, locationNames, humanDate, REASON_LABELS, poll, pathAndQuery, watchRequests, isCountQuery, rankedLines } from './harness.mjs';

const ctx = setup({ records: 2500, seed: 23 });
const REASONS = Object.keys(REASON_LABELS);

const count = async (oms, params) => (await oms.list({ ...params, limit: 1 })).count;
const iso = (date) => date.toISOString().slice(0, 10);
const addDays = (ymd, n) => {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return iso(d);
};
const today = () => iso(new Date());
/** Monday (UTC) of the week of `ymd`. */
const monday = (ymd) => addDays(ymd, -((new Date(`${ymd}T00:00:00Z`).getUTCDay() + 6) % 7));
const shown = (n) => n.toLocaleString('en-GB');

/** Waits until every count is in. */
async function complete(page) {
  await page.locator('.insights').waitFor();
  await page.locator('.insights-tools .impact-progress').waitFor({ state: 'detached' });
}

/** The rows of a section's table, by the section's heading: [label, number or text]. */
async function tableRows(page, heading) {
  const section = page.locator('section.insight').filter({ has: page.getByRole('heading', { level: 2, name: heading, exact: true }) });
  const rows = await section.locator('table tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [tr.querySelector('th').textContent, tr.querySelector('td').textContent]),
  );
  return rows.map(([label, n]) => [label, /^[\d,]+$/.test(n) ? Number(n.replaceAll(',', '')) : n]);
}

/** The same section's chart marks, as read out: a bar's text (label and count), a point's
 *  accessible name ("label: count"). */
async function chartMarks(page, heading) {
  const section = page.locator('section.insight').filter({ has: page.getByRole('heading', { level: 2, name: heading, exact: true }) });
  const pairs = await section.locator('svg.chart').evaluate((svg) =>
    svg.classList.contains('bars')
      ? [...svg.querySelectorAll('text')].map((t) => [t.children[0].textContent, t.children[1].textContent.trim()])
      : [...svg.querySelectorAll('[aria-label]')].map((e) => {
          const name = e.getAttribute('aria-label');
          const at = name.lastIndexOf(': ');
          return [name.slice(0, at), name.slice(at + 2)];
        }),
  );
  return pairs.map(([label, n]) => [label, /^[\d,]+$/.test(n) ? Number(n.replaceAll(',', '')) : n]);
}

async function openInsights(page, oms, search = '') {
  await page.goto(`${oms.url}/discrepancies/insights${search}`);
  await complete(page);
}

async function expectedNumbers(oms, filters) {
  const total = await count(oms, filters);
  const totals = [['Records', total]];
  if (filters.is_active === undefined) {
    totals.push(['Active', await count(oms, { ...filters, is_active: true })]);
    totals.push(['Inactive', await count(oms, { ...filters, is_active: false })]);
  }
  const reasons = [];
  for (const code of REASONS) reasons.push([REASON_LABELS[code], await count(oms, { ...filters, reason: code })]);
  const names = await locationNames(oms);
  const locations = [];
  for (const [id, name] of [...names].sort((a, b) => a[0] - b[0])) {
    locations.push([`${name} (${id})`, await count(oms, { ...filters, stock_location: id })]);
  }
  const weeks = [];
  const first = addDays(monday(today()), -25 * 7);
  for (let i = 0; i < 26; i += 1) {
    const from = addDays(first, 7 * i);
    weeks.push([`Week of ${humanDate(from)}`, await count(oms, { ...filters, created_date__gte: from, created_date__lt: addDays(from, 7) })]);
  }
  const ages = [];
  for (const days of [30, 90, 180, 365]) {
    const before = addDays(today(), -days);
    ages.push([`Older than ${days} days (${humanDate(before)})`, await count(oms, { ...filters, created_date__lt: before })]);
  }
  return {
    totals,
    reasons: rankedLines(reasons, total, 'Other reasons'),
    locations: rankedLines(locations, total, 'Other locations', 10),
    weeks,
    ages,
  };
}

/** Every table of the page holds the `expected` numbers. */
async function expectTables(page, expected) {
  await showTables(page);
  assert.deepEqual(await tableRows(page, 'Records'), expected.totals);
  assert.deepEqual(await tableRows(page, 'By reason'), expected.reasons);
  assert.deepEqual(await tableRows(page, 'By stock location'), expected.locations);
  assert.deepEqual(await tableRows(page, 'Created per week'), expected.weeks);
  assert.deepEqual(await tableRows(page, 'How old'), expected.ages);
}

async function showTables(page) {
  const toggle = page.getByRole('button', { name: 'Show as tables' });
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
  await page.locator('.insights table').first().waitFor();
}

test('every number on the page equals oms-dev’s own count, in charts and tables alike, four counts at most in flight', async () => {
  const page = await ctx.newPage();
  await signIn(page, ctx.oms, { remember: true });
  const seen = watchRequests(page, isCountQuery);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights' }).click();
  await page.getByRole('heading', { level: 1, name: 'Insights' }).waitFor();
  await complete(page);
  assert.ok(seen.most <= 4, `at most 4 counts in flight, saw ${seen.most}`);
  // 3 totals, 6 reasons, 26 weeks, 4 ages and one per named location (49 in oms-dev).
  const names = await locationNames(ctx.oms);
  assert.equal(seen.total, 3 + 6 + 26 + 4 + names.size, 'one request per count');

  const expected = await expectedNumbers(ctx.oms, {});
  // The charts first (the default view), then the tables: the same numbers.
  assert.deepEqual(await chartMarks(page, 'By reason'), expected.reasons);
  assert.deepEqual(await chartMarks(page, 'By stock location'), expected.locations);
  assert.deepEqual(await chartMarks(page, 'Created per week'), expected.weeks);
  assert.deepEqual(await chartMarks(page, 'How old'), expected.ages);
  assert.deepEqual(await chartMarks(page, 'Records'), expected.totals);
  await expectTables(page, expected);
  const [, top, topCount] = [null, ...expected.reasons[0]];
  await page.getByText(`Most: ${top}, ${shown(topCount)} of ${shown(expected.totals[0][1])} records.`).waitFor();

  // Per day: thirty rows, each the day's count.
  await page.getByRole('button', { name: '30 days' }).click();
  await complete(page);
  const days = await tableRows(page, 'Created per day');
  assert.equal(days.length, 30);
  for (const [i, [label, n]] of days.entries()) {
    const day = addDays(today(), i - 29);
    assert.deepEqual([label, n], [humanDate(day), await count(ctx.oms, { created_date__gte: day, created_date__lt: addDays(day, 1) })]);
  }
  await page.getByRole('button', { name: '26 weeks' }).click();
  await page.getByRole('button', { name: 'Show as tables' }).click();
  await page.locator('.insights svg').first().waitFor();

  // Kept for the session: back on the page, nothing is asked again.
  const before = seen.total;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Discrepancies' }).click();
  await page.locator('table.records').waitFor();
  await page.goBack();
  await complete(page);
  assert.deepEqual(await chartMarks(page, 'By reason'), expected.reasons);
  // And by keyboard: g i, from the list.
  await page.goForward();
  await page.locator('table.records').waitFor();
  await page.keyboard.press('g');
  await page.keyboard.press('i');
  await page.waitForURL((u) => u.pathname === '/discrepancies/insights');
  await complete(page);
  await poll(() => page.evaluate(() => document.activeElement?.tagName), (t) => t === 'H1', { message: 'the heading has the focus' });
  assert.equal(seen.total, before, 'no count asked again');
  assert.deepEqual(page.errors, []);
});

test('a cold load straight at the page: the location names arrive while it counts, and nothing fails', async () => {
  const page = await ctx.newPage();
  await signIn(page, ctx.oms, { remember: true });
  const names = await locationNames(ctx.oms);
  // Slow answers: the names arrive while the first counts are on their way, and the plan
  // grows under them.
  await ctx.oms.faults({ latency_ms: 40 });
  try {
    const seen = watchRequests(page, isCountQuery);
    await page.goto(`${ctx.oms.url}/discrepancies/insights?is_active=true`);
    await complete(page);
    await page.getByRole('heading', { level: 2, name: 'By stock location' }).waitFor();
    await poll(() => page.locator('.insights-tools .impact-progress').count(), (n) => n === 0, { message: 'every count in' });
    assert.equal(await page.getByText('not available').count(), 0);
    assert.ok(seen.most <= 4, `at most 4 in flight, saw ${seen.most}`);
    // 1 total, 6 reasons, 26 weeks, 4 ages, one per named location, each asked once: the
    // locations wait for the counts already on their way.
    assert.equal(seen.total, 1 + 6 + 26 + 4 + names.size);
  } finally {
    await ctx.oms.faults({ latency_ms: 0 });
  }
  await showTables(page);
  const expected = await expectedNumbers(ctx.oms, { is_active: true });
  assert.deepEqual(await tableRows(page, 'By reason'), expected.reasons);
  assert.deepEqual(await tableRows(page, 'By stock location'), expected.locations);
  assert.deepEqual(page.errors, []);
});

test('a bar opens the list with exactly its records; the list’s link carries its filters over', async () => {
  const page = await ctx.newPage();
  await signIn(page, ctx.oms, { remember: true });
  await page.goto(`${ctx.oms.url}/discrepancies?is_active=true&page=2`);
  await page.locator('table.records').waitFor();
  await page.locator('.page-head').getByRole('link', { name: 'Insights' }).click();
  await page.waitForURL((u) => u.pathname === '/discrepancies/insights');
  assert.equal(pathAndQuery(page), '/discrepancies/insights?is_active=true');
  await complete(page);
  const damaged = await count(ctx.oms, { is_active: true, reason: 'damaged' });
  // By mouse: the SVG link is followed inside the app (no reload: the session is in memory too).
  await page.getByRole('link', { name: `Damaged ${shown(damaged)}`, exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/discrepancies');
  assert.equal(pathAndQuery(page), '/discrepancies?reason=damaged&is_active=true');
  await page.getByText(`of ${shown(damaged)}`).first().waitFor();
  // By keyboard: a week's point is focusable and Enter follows it.
  await page.goBack();
  await complete(page);
  const point = page.locator('section.insight svg.line a').last();
  await point.focus();
  const name = await point.getAttribute('aria-label');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.pathname === '/discrepancies' && u.searchParams.has('created_date__gte'));
  const url = new URL(page.url());
  const weekCount = await count(ctx.oms, Object.fromEntries(url.searchParams));
  assert.equal(url.searchParams.get('created_date__gte'), monday(today()));
  assert.ok(name.endsWith(`: ${shown(weekCount)}`), `${name} vs ${weekCount}`);
  assert.deepEqual(page.errors, []);
});

test('an age opens the removal form at its date (and the filtered location): see, decide, clean up', async () => {
  const page = await ctx.newPage();
  await signIn(page, ctx.oms, { remember: true });
  await openInsights(page, ctx.oms, '?stock_location=3');
  // One location chosen: no breakdown by location; the chips say so.
  assert.equal(await page.getByRole('heading', { level: 2, name: 'By stock location' }).count(), 0);
  await page.getByRole('link', { name: /^Remove filter Stock location ID/ }).waitFor();
  const date = addDays(today(), -90);
  const older = await count(ctx.oms, { stock_location: 3, created_date__lt: date });
  await page.getByRole('link', { name: `Older than 90 days (${humanDate(date)}) ${shown(older)}`, exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/discrepancies/remove' && u.search === '');
  assert.equal(await page.getByLabel('Remove records created before').inputValue(), date);
  assert.equal(await page.getByLabel('Stock location ID (optional)').inputValue(), '3');
  await page.getByRole('button', { name: 'Review removal' }).click();
  await page.getByRole('heading', { name: 'Confirm removal' }).waitFor();
  await page.getByText(`The server counts ${shown(older)} such record`).waitFor();
  await page.getByRole('button', { name: 'Cancel' }).click();
  assert.deepEqual(page.errors, []);
});

test('a filter of the address that does not read: nothing is counted, and its chip leads out', async () => {
  const page = await ctx.newPage();
  await signIn(page, ctx.oms, { remember: true });
  const seen = watchRequests(page, isCountQuery);
  await page.goto(`${ctx.oms.url}/discrepancies/insights?created_date__lt=not-a-date`);
  await page.getByRole('heading', { level: 1, name: 'Insights' }).waitFor();
  await page.getByRole('alert').filter({ hasText: 'A filter in the address does not read' }).waitFor();
  assert.equal(seen.total, 0);
  await page.getByRole('link', { name: /^Remove filter Created before/ }).click();
  await page.waitForURL((u) => u.pathname === '/discrepancies/insights' && u.search === '');
  await complete(page);
  assert.ok(seen.total > 0);
  assert.deepEqual(page.errors, []);
});

test('with 30% of the counts failing the page shows what it could, and each failed section retries', async () => {
  const page = await ctx.newPage();
  await signIn(page, ctx.oms, { remember: true });
  // A filter set of its own (nothing kept from the other tests), reached from the list once
  // the location names are in: the faults are for the counts.
  await page.goto(`${ctx.oms.url}/discrepancies?is_active=false`);
  await poll(() => page.locator('#location-names option').count(), (n) => n > 0, { message: 'location names' });
  await ctx.oms.faults({ fail_rate: 0.3 });
  try {
    await page.locator('.page-head').getByRole('link', { name: 'Insights' }).click();
    await complete(page);
    const retries = page.getByRole('button', { name: 'Try again' });
    await poll(() => retries.count(), (n) => n > 0, { message: 'a failed section offers a retry' });
    assert.ok((await page.getByText('not available').count()) > 0);
    await ctx.oms.faults({ fail_rate: 0 });
    while ((await retries.count()) > 0) {
      await retries.first().click();
      await complete(page);
    }
  } finally {
    await ctx.oms.faults({ fail_rate: 0 });
  }
  const expected = await expectedNumbers(ctx.oms, { is_active: false });
  await expectTables(page, expected);
  assert.equal(await page.getByText('not available').count(), 0);
  assert.deepEqual(page.errors, []);
});

test('axe finds no serious or critical violation on the charts or the tables, light or dark, in Turkish too', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const page = await ctx.newPage();
    await page.emulateMedia({ colorScheme });
    await signIn(page, ctx.oms, { remember: true });
    await openInsights(page, ctx.oms);
    for (const state of ['charts', 'tables']) {
      if (state === 'tables') await showTables(page);
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
        .analyze();
      const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(blocking.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], `${colorScheme} ${state}`);
    }
    // In Turkish: the same page, its words and numbers.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('tr');
    await page.getByRole('heading', { level: 1, name: 'Analiz' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Kayıtların yaşı' }).waitFor();
    const total = await count(ctx.oms, {});
    await page.getByText(total.toLocaleString('tr-TR')).first().waitFor();
    await page.close();
  }
});
