// The list: paging, page size, sorting, URL state across reload/back/forward, the detail
// page and its way back, and the two kinds of not-found.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, signIn, screenshot, expectRowsMatchApi, pathAndQuery, visibleIds, eventually, shownReason, REASON_LABELS, locationNames } from './harness.mjs';

// 200 records at 20 a page: 10 pages.
const ctx = setup({ records: 200, seed: 7 });

const link = (page, name) => page.getByRole('link', { name, exact: true });
const pageOf = (page) => page.locator('.pager .page-of').textContent();

test('page through: Next, a page number, Last, First', async () => {
  const { oms } = ctx;
  const page = await ctx.newPage();
  await signIn(page, oms);
  const first = await expectRowsMatchApi(page, oms, { page: 1, limit: 20 });
  assert.equal(first.count, 200);
  await page.getByText('Showing 1–20 of 200').waitFor();
  assert.equal(await pageOf(page), 'Page 1 of 10');
  assert.equal(await link(page, 'First').count(), 0, 'First is not a link on page 1');
  assert.equal(await link(page, 'Previous').count(), 0);
  await screenshot(page, 'list');

  // A filter typed but not applied survives paging: the form is not rebuilt on a flip.
  const reason = page.getByRole('combobox', { name: 'Reason' });
  await reason.fill('dama');
  await page.evaluate(() => (window.__filterForm = document.querySelector('form.filters')));
  await link(page, 'Next').click();
  await page.waitForURL((u) => u.search === '?page=2');
  await expectRowsMatchApi(page, oms, { page: 2, limit: 20 });
  await page.getByText('Showing 21–40 of 200').waitFor();
  assert.equal(await reason.inputValue(), 'dama');
  assert.ok(await page.evaluate(() => document.querySelector('form.filters') === window.__filterForm), 'same form element');
  await reason.fill('');

  await link(page, 'Page 4').click();
  await page.waitForURL((u) => u.search === '?page=4');
  await expectRowsMatchApi(page, oms, { page: 4, limit: 20 });
  assert.equal(await page.locator('.pager [aria-current="page"]').textContent(), '4');
  assert.equal(await pageOf(page), 'Page 4 of 10');

  await link(page, 'Last').click();
  await page.waitForURL((u) => u.search === '?page=10');
  const last = await expectRowsMatchApi(page, oms, { page: 10, limit: 20 });
  assert.equal(last.next, null);
  assert.equal(await pageOf(page), 'Page 10 of 10');
  assert.equal(await link(page, 'Next').count(), 0, 'Next is not a link on the last page');
  assert.equal(await link(page, 'Last').count(), 0);

  await link(page, 'Previous').click();
  await page.waitForURL((u) => u.search === '?page=9');
  await expectRowsMatchApi(page, oms, { page: 9, limit: 20 });

  await link(page, 'First').click();
  await page.waitForURL((u) => u.pathname === '/discrepancies' && u.search === '');
  await expectRowsMatchApi(page, oms, { page: 1, limit: 20 });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('change the page size and the sort order', async () => {
  const { oms } = ctx;
  const page = await ctx.newPage();
  await signIn(page, oms);
  await expectRowsMatchApi(page, oms, { page: 1, limit: 20 });

  const size = page.getByLabel('Rows per page');
  assert.equal(await size.inputValue(), '20');
  await size.selectOption('50');
  await page.waitForURL((u) => u.searchParams.get('limit') === '50');
  await expectRowsMatchApi(page, oms, { page: 1, limit: 50 });
  assert.equal((await visibleIds(page)).length, 50);
  assert.equal(await pageOf(page), 'Page 1 of 4');
  assert.equal(await page.getByLabel('Rows per page').inputValue(), '50');

  // Page 3 at 50 a page starts at row 101; at 100 a page that row is on page 2.
  await link(page, 'Page 3').click();
  await page.waitForURL((u) => u.searchParams.get('page') === '3');
  await expectRowsMatchApi(page, oms, { page: 3, limit: 50 });
  await page.getByLabel('Rows per page').selectOption('100');
  await page.waitForURL((u) => u.searchParams.get('limit') === '100');
  assert.equal(new URL(page.url()).searchParams.get('page'), '2');
  await expectRowsMatchApi(page, oms, { page: 2, limit: 100 });

  const header = (name) => page.getByRole('columnheader', { name });
  assert.equal(await header('ID').getAttribute('aria-sort'), 'descending', 'default order is -id');

  // First click on Created: newest first, from page 1, page size kept.
  await header('Created').getByRole('link').click();
  await page.waitForURL((u) => u.searchParams.get('sort') === '-created_date');
  assert.equal(new URL(page.url()).searchParams.get('page'), null);
  assert.equal(new URL(page.url()).searchParams.get('limit'), '100');
  await expectRowsMatchApi(page, oms, { page: 1, limit: 100, sort: '-created_date' });
  assert.equal(await header('Created').getAttribute('aria-sort'), 'descending');
  assert.equal(await header('ID').getAttribute('aria-sort'), 'none');

  // Second click: oldest first.
  await header('Created').getByRole('link').click();
  await page.waitForURL((u) => u.searchParams.get('sort') === 'created_date');
  const asc = await expectRowsMatchApi(page, oms, { page: 1, limit: 100, sort: 'created_date' });
  assert.equal(await header('Created').getAttribute('aria-sort'), 'ascending');
  const dates = asc.results.map((r) => r.created_date);
  assert.deepEqual([...dates].sort(), dates, 'the API really sorted ascending');

  // Reason: A→Z first.
  await header('Reason').getByRole('link').click();
  await page.waitForURL((u) => u.searchParams.get('sort') === 'reason');
  const byReason = await expectRowsMatchApi(page, oms, { page: 1, limit: 100, sort: 'reason' });
  const reasons = await page.$$eval('table.records tbody .reason-text', (els) => els.map((e) => e.textContent));
  assert.deepEqual(reasons, byReason.results.map((r) => shownReason(r.reason)));
  assert.equal(await header('Reason').getAttribute('aria-sort'), 'ascending');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('reload and back/forward keep the view (URL is the state)', async () => {
  const { oms } = ctx;
  const page = await ctx.newPage();
  await signIn(page, oms, { remember: true }); // a reload keeps the session only with "remember"
  const view = '/discrepancies?page=3&limit=50&sort=-created_date';
  await page.goto(oms.url + view);
  const answer = await expectRowsMatchApi(page, oms, { page: 3, limit: 50, sort: '-created_date' });
  assert.equal(answer.results.length, 50);
  assert.equal(pathAndQuery(page), view);
  assert.equal(await page.getByLabel('Rows per page').inputValue(), '50');
  assert.equal(await page.getByRole('columnheader', { name: 'Created' }).getAttribute('aria-sort'), 'descending');
  assert.equal(await page.locator('.pager [aria-current="page"]').textContent(), '3');

  await page.reload();
  assert.equal(pathAndQuery(page), view);
  await expectRowsMatchApi(page, oms, { page: 3, limit: 50, sort: '-created_date' });

  await link(page, 'Next').click();
  await page.waitForURL((u) => u.searchParams.get('page') === '4');
  assert.equal(pathAndQuery(page), '/discrepancies?page=4&limit=50&sort=-created_date');
  await expectRowsMatchApi(page, oms, { page: 4, limit: 50, sort: '-created_date' });

  await page.goBack();
  await page.waitForURL((u) => u.searchParams.get('page') === '3');
  assert.equal(pathAndQuery(page), view);
  await expectRowsMatchApi(page, oms, { page: 3, limit: 50, sort: '-created_date' });
  assert.equal(await page.locator('.pager [aria-current="page"]').textContent(), '3');

  await page.goForward();
  await page.waitForURL((u) => u.searchParams.get('page') === '4');
  await expectRowsMatchApi(page, oms, { page: 4, limit: 50, sort: '-created_date' });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('open a detail and go back to the same page and sort', async () => {
  const { oms } = ctx;
  const page = await ctx.newPage();
  await signIn(page, oms);
  await page.getByRole('columnheader', { name: 'Reason' }).getByRole('link').click();
  await page.waitForURL((u) => u.searchParams.get('sort') === 'reason');
  await link(page, 'Page 2').click();
  await page.waitForURL((u) => u.searchParams.get('page') === '2');
  const answer = await expectRowsMatchApi(page, oms, { page: 2, limit: 20, sort: 'reason' });
  const listUrl = pathAndQuery(page);
  assert.equal(listUrl, '/discrepancies?page=2&sort=reason');

  const record = answer.results[3];
  await page.getByRole('link', { name: `Open discrepancy ${record.id}`, exact: true }).click();
  await page.waitForURL((u) => u.pathname === `/discrepancies/${record.id}`);
  await page.getByRole('heading', { level: 1, name: `Discrepancy #${record.id}` }).waitFor();
  const field = (label) => page.locator('dl.fields dt', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]');
  assert.equal(await field('ID').textContent(), String(record.id));
  assert.equal(await field('Reason').locator('.reason-full').textContent(), shownReason(record.reason));
  if (record.reason in REASON_LABELS) assert.equal(await field('Reason').locator('.reason-code').textContent(), record.reason, 'the raw code is shown too');
  // The id, and the name list-simple gives it.
  const name = (await locationNames(oms)).get(record.stock_location);
  await eventually(() => field('Stock location').textContent(), name ? `${record.stock_location} · ${name}` : String(record.stock_location), 'stock location');
  assert.equal(await field('Active').textContent(), record.is_active ? 'Yes' : 'No');
  assert.equal(await field('Package item').textContent(), record.package_item === null ? 'None' : String(record.package_item));
  assert.equal(await field('Transfer item').textContent(), record.transfer_item === null ? 'None' : String(record.transfer_item));
  // The exact UTC instant is shown next to the local time.
  const exactUtc = (iso) => {
    const m = iso.match(/^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$/);
    assert.ok(m, `ISO date from the API: ${iso}`);
    return `${m[1]} ${m[2]}.${(m[3] || '').padEnd(6, '0').slice(0, 6)} UTC`;
  };
  assert.equal(await field('Created').locator('.utc').textContent(), ` (${exactUtc(record.created_date)})`);
  assert.equal(await field('Modified').locator('.utc').textContent(), ` (${exactUtc(record.modified_date)})`);
  // Local time, written by the platform's Intl in English (the browser runs in UTC here).
  const local = await page.evaluate(
    (iso) => new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
    record.created_date,
  );
  assert.equal(await field('Created').locator('time').textContent(), local);
  assert.match(local, /^\d{1,2} [A-Z][a-z]{2,3} \d{4}, \d{2}:\d{2}$/);
  await screenshot(page, 'detail');

  await page.getByRole('link', { name: '← Back to the list' }).click();
  await page.waitForURL((u) => u.pathname === '/discrepancies');
  assert.equal(pathAndQuery(page), listUrl);
  await expectRowsMatchApi(page, oms, { page: 2, limit: 20, sort: 'reason' });
  assert.equal(await page.getByRole('columnheader', { name: 'Reason' }).getAttribute('aria-sort'), 'ascending');

  // Browser back from the detail works too.
  await page.getByRole('link', { name: `Open discrepancy ${record.id}`, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: `Discrepancy #${record.id}` }).waitFor();
  await page.goBack();
  await page.waitForURL((u) => u.pathname + u.search === listUrl);
  await expectRowsMatchApi(page, oms, { page: 2, limit: 20, sort: 'reason' });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('unknown id: "Not found" with the server detail', async () => {
  const { oms } = ctx;
  const page = await ctx.newPage();
  await signIn(page, oms, { remember: true });
  const before = (await oms.stats()).requests.detail;
  const api = await oms.detail(999999);
  assert.equal(api.status, 404);
  await page.goto(`${oms.url}/discrepancies/999999`);
  await page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
  await page.getByText(`Not found: ${api.body.detail}`, { exact: true }).waitFor();
  assert.equal(api.body.detail, 'No InventoryDiscrepancy matches the given query.');
  assert.equal((await oms.stats()).requests.detail, before + 2, 'the app asked the OMS once (plus our own check)');
  await page.getByRole('link', { name: '← Back to the list' }).click();
  await page.waitForURL((u) => u.pathname === '/discrepancies');
  await page.context().close();
});

test('non-numeric id: not-found text and no request to the detail endpoint', async () => {
  const { oms } = ctx;
  const page = await ctx.newPage();
  await signIn(page, oms, { remember: true });
  const detailRequests = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/oms/inventory-discrepancies/') && !r.url().includes('/inventory-discrepancies/?')) detailRequests.push(r.url());
  });
  const before = (await oms.stats()).requests.detail;
  await page.goto(`${oms.url}/discrepancies/abc`);
  await page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
  await page.getByText('“abc” is not a discrepancy id: ids are whole numbers.', { exact: true }).waitFor();
  // Give a stray request time to show up before counting.
  await page.waitForTimeout(500);
  assert.deepEqual(detailRequests, []);
  assert.equal((await oms.stats()).requests.detail, before, 'detail count unchanged');

  // Zero is not an id either.
  await page.goto(`${oms.url}/discrepancies/0`);
  await page.getByText('“0” is not a discrepancy id: ids are whole numbers.', { exact: true }).waitFor();
  await page.waitForTimeout(300);
  assert.equal((await oms.stats()).requests.detail, before);
  assert.deepEqual(detailRequests, []);
  await page.context().close();
});

test('a 400 for a filter names its field once', async () => {
  const { oms } = ctx;
  const page = await ctx.newPage();
  await signIn(page, oms, { remember: true });
  await expectRowsMatchApi(page, oms, {});
  await page.goto(`${oms.url}/discrepancies?reason=%00`);
  const panel = page.locator('.error-panel');
  await panel.waitFor();
  assert.equal(await panel.locator('.error-message').textContent(), 'The OMS did not accept the request.');
  assert.deepEqual(await panel.locator('.error-details li').allTextContents(), ['reason: Null characters are not allowed.']);
  assert.equal((await page.locator('main').innerText()).split('Null characters are not allowed.').length - 1, 1);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a filter of the URL that does not read is marked at its field, and nothing is sent until it is fixed', async () => {
  const { oms } = ctx;
  const page = await ctx.newPage();
  await signIn(page, oms, { remember: true });
  await expectRowsMatchApi(page, oms, {});
  const before = (await oms.stats()).requests.list;
  await page.goto(`${oms.url}/discrepancies?created_date__lt=not-a-date&stock_location=abc&reason=damaged`);
  await page.getByRole('alert').filter({ hasText: 'Correct the filters marked above' }).waitFor();
  const location = page.locator('form.filters input[name="stock_location"]');
  assert.equal(await location.inputValue(), 'abc');
  assert.equal(await location.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('form.filters input[name="created_date__lt"]').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('form.filters input[name="reason"]').inputValue(), 'damaged');
  const errors = await page.locator('#filter-errors').textContent();
  assert.ok(errors.includes('Stock location ID: Enter a whole number greater than 0.') && errors.includes('Created before: Enter a real date.'), errors);
  assert.equal(await page.locator('table.records').count(), 0, 'no rows, filtered or not');
  assert.equal((await oms.stats()).requests.list, before, 'nothing was asked of the OMS');
  assert.equal(new URL(page.url()).searchParams.get('created_date__lt'), 'not-a-date', 'the URL keeps what was written');

  // Fixed in the form: the list comes, with every filter in force.
  await location.fill('');
  await page.locator('form.filters input[name="created_date__lt"]').fill('2030-01-01');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.waitForURL((u) => u.searchParams.get('created_date__lt') === '2030-01-01' && !u.searchParams.has('stock_location'));
  await expectRowsMatchApi(page, oms, { reason: 'damaged', created_date__lt: '2030-01-01' });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('package item, transfer item and record id filters narrow the list as the server counts, from the form and the URL', async () => {
  const { oms } = ctx;
  const page = await ctx.newPage();
  await signIn(page, oms, { remember: true });
  const all = await oms.list({ limit: 1000 });
  const withPackage = all.results.find((r) => r.package_item !== null);
  const withTransfer = all.results.find((r) => r.transfer_item !== null);
  const ids = all.results.slice(5, 9).map((r) => r.id);

  // From the form: typed, applied with Enter.
  await expectRowsMatchApi(page, oms, {});
  const field = (name) => page.locator(`form.filters input[name="${name}"]`);
  await field('package_item').fill(String(withPackage.package_item));
  await field('package_item').press('Enter');
  await page.waitForURL((u) => u.searchParams.get('package_item') === String(withPackage.package_item));
  const byPackage = await expectRowsMatchApi(page, oms, { package_item: withPackage.package_item });
  assert.ok(byPackage.count >= 1 && byPackage.results.every((r) => r.package_item === withPackage.package_item));
  await page.getByText(`Showing 1–${byPackage.count} of ${byPackage.count}`).waitFor();

  // From the URL, each alone and together.
  await page.goto(`${oms.url}/discrepancies?transfer_item=${withTransfer.transfer_item}`);
  await expectRowsMatchApi(page, oms, { transfer_item: withTransfer.transfer_item });
  assert.equal(await field('transfer_item').inputValue(), String(withTransfer.transfer_item));
  await page.goto(`${oms.url}/discrepancies?id__in=${ids.join(',')}`);
  const byIds = await expectRowsMatchApi(page, oms, { id__in: ids.join(',') });
  assert.deepEqual(byIds.results.map((r) => r.id).sort((a, b) => a - b), [...ids].sort((a, b) => a - b));
  assert.equal(await field('id__in').inputValue(), ids.join(', '));

  // A bad value typed in the form is named and nothing is applied.
  await field('id__in').fill('1,,2');
  await field('id__in').press('Enter');
  await page.locator('#filter-errors', { hasText: 'Record IDs: Enter up to 100 whole numbers greater than 0, separated by commas.' }).waitFor();
  assert.equal(await field('id__in').getAttribute('aria-invalid'), 'true');
  assert.equal(new URL(page.url()).searchParams.get('id__in'), ids.join(','));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a created date range, typed or from a preset, narrows the list as the server counts', async () => {
  const { oms } = ctx;
  const page = await ctx.newPage();
  await signIn(page, oms, { remember: true });
  await expectRowsMatchApi(page, oms, {});
  const iso = (d) => d.toISOString().slice(0, 10);
  const daysBack = (n) => {
    const d = new Date();
    d.setUTCDate(d.getUTCDate() - n);
    return iso(d);
  };
  // "Older than 30 days": created before 00:00 UTC of the day 30 days back.
  await page.locator('form.filters select[name="preset"]').selectOption({ label: 'Older than 30 days' });
  await page.waitForURL((u) => u.searchParams.get('created_date__lt') === daysBack(30));
  const older = await expectRowsMatchApi(page, oms, { created_date__lt: daysBack(30) });
  assert.ok(older.count > 0);
  // "Last 90 days": from 89 days back, today included; the other bound goes.
  await page.locator('form.filters select[name="preset"]').selectOption({ label: 'Last 90 days' });
  await page.waitForURL((u) => u.searchParams.get('created_date__gte') === daysBack(89) && !u.searchParams.has('created_date__lt'));
  await expectRowsMatchApi(page, oms, { created_date__gte: daysBack(89) });
  // Typed: both bounds.
  const from = page.locator('form.filters input[name="created_date__gte"]');
  await from.fill(daysBack(200));
  await page.locator('form.filters input[name="created_date__lt"]').fill(daysBack(100));
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.waitForURL((u) => u.searchParams.get('created_date__gte') === daysBack(200) && u.searchParams.get('created_date__lt') === daysBack(100));
  const range = await expectRowsMatchApi(page, oms, { created_date__gte: daysBack(200), created_date__lt: daysBack(100) });
  assert.ok(range.results.every((r) => r.created_date.slice(0, 10) >= daysBack(200) && r.created_date.slice(0, 10) < daysBack(100)));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('active filters show as chips: each removes only itself, Clear all removes them all, the focus stays on the chips', async () => {
  const { oms } = ctx;
  const page = await ctx.newPage();
  await signIn(page, oms, { remember: true });
  const names = await locationNames(oms);
  const [location] = [...names.keys()].sort((a, b) => a - b);
  const params = { sort: 'id', reason: 'damaged', stock_location: String(location), is_active: 'true' };
  await page.goto(`${oms.url}/discrepancies?${new URLSearchParams(params)}`);
  await expectRowsMatchApi(page, oms, params);
  const chips = page.getByRole('list', { name: 'Active filters' });
  await page.locator('#location-names option').first().waitFor({ state: 'attached' });
  await eventually(
    () => chips.getByRole('listitem').allTextContents(),
    ['Reason: Damaged ×', `Stock location ID: ${names.get(location)} (${location}) ×`, 'Active: Yes ×', 'Clear all'],
    'chips',
  );

  // Removing the reason keeps the order and the other filters, from page 1.
  await chips.getByRole('link', { name: 'Remove filter Reason: Damaged' }).click();
  await page.waitForURL((u) => !u.searchParams.has('reason'));
  const rest = { sort: 'id', stock_location: String(location), is_active: 'true' };
  assert.deepEqual(Object.fromEntries(new URL(page.url()).searchParams), rest);
  await expectRowsMatchApi(page, oms, rest);
  assert.equal(await page.evaluate(() => document.activeElement?.closest('.chips') !== null), true, 'the focus stays on the chips');
  // The filter form follows the URL.
  assert.equal(await page.getByRole('combobox', { name: 'Reason' }).inputValue(), '');

  // Back brings the chip back; Clear all drops every filter and keeps the order.
  await page.goBack();
  await page.waitForURL((u) => u.searchParams.get('reason') === 'damaged');
  await chips.getByRole('link', { name: 'Clear all' }).click();
  await page.waitForURL((u) => u.search === '?sort=id');
  await expectRowsMatchApi(page, oms, { sort: 'id' });
  assert.equal(await chips.count(), 0, 'no chips without filters');

  // A malformed filter of the URL is a chip too, and removing it shows the list.
  await page.goto(`${oms.url}/discrepancies?created_date__lt=not-a-date`);
  await page.getByRole('link', { name: 'Remove filter Created before: not-a-date' }).click();
  await page.waitForURL((u) => u.search === '');
  await expectRowsMatchApi(page, oms, {});
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
