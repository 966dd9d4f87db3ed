// Stock location names beside their ids (GET …/stocklocations/list-simple/): in the list, the
// detail page, the removal form and its confirmation, and as the stock location fields'
// suggestions; hostile names stay text; a plain list and DRF pages are both read; and when
// the endpoint is forbidden or missing the app keeps working with ids and says nothing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, signIn, expectRowsMatchApi, openRemoval, review, eventually, poll, locationNames } from './harness.mjs';

const ctx = setup({ records: 200, seed: 21, hostile: true });

/** id → name, from the API itself. */
const namesFromApi = locationNames;

/** What the list's stock location cells say, row by row. */
const locationCells = (page) => page.$$eval('table.records tbody td.location', (tds) => tds.map((td) => td.textContent));

/** What each row should say: "name (id)", or the id when the name is not known. */
const expectedCells = (answer, names) => answer.results.map((r) => (names?.has(r.stock_location) ? `${names.get(r.stock_location)} (${r.stock_location})` : String(r.stock_location)));

test('names in the list, the detail page, the removal form and its confirmation; hostile names are text', async () => {
  const { oms } = ctx;
  await oms.locations('list');
  const names = await namesFromApi(oms);
  assert.ok(names.size >= 40, `${names.size} locations`);
  const page = await ctx.newPage();
  const asked = (await oms.stats()).requests.locations;
  await signIn(page, oms, { remember: true });
  await poll(() => oms.stats(), (st) => st.requests.locations > asked, { message: 'the names were read' });
  const reads = (await oms.stats()).requests.locations;
  // Every record on one page, by location: every name the seed gives, the hostile ones too.
  const params = { sort: 'stock_location', limit: 250 };
  await page.goto(`${oms.url}/discrepancies?sort=stock_location&limit=250`);
  const answer = await expectRowsMatchApi(page, oms, params);
  assert.equal(answer.results.length, answer.count, 'one page holds every record');
  await eventually(() => locationCells(page), expectedCells(answer, names), 'location cells');
  assert.ok(answer.results.some((r) => !names.has(r.stock_location)), 'some records sit at a location list-simple does not know');
  assert.ok([...names.values()].some((n) => n.includes('<')), 'hostile names are among them');
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no markup of a name ran');
  // The suggestions of the filter's stock location field.
  assert.equal(await page.locator('#location-names option').count(), names.size);
  const [firstId, firstName] = [...names.entries()].sort((a, b) => a[0] - b[0])[0];
  assert.equal(await page.locator('#location-names option').first().getAttribute('value'), String(firstId));
  assert.equal(await page.locator('#location-names option').first().textContent(), firstName);
  assert.equal(await page.locator('form.filters input[name="stock_location"]').getAttribute('list'), 'location-names');

  // The detail page of a named record, opened in the app.
  const named = answer.results.find((r) => names.has(r.stock_location));
  await page.getByRole('link', { name: `Open discrepancy ${named.id}`, exact: true }).click();
  await page.locator('.location-name').filter({ hasText: names.get(named.stock_location) }).waitFor();
  assert.equal(await page.locator('dl.fields .location-name').textContent(), ` · ${names.get(named.stock_location)}`);

  // The removal form names the location as it is typed, and so does the confirmation.
  await openRemoval(page);
  await page.getByLabel('Stock location ID (optional)').fill(String(named.stock_location));
  await page.locator('#stock-location-hint .location-name').filter({ hasText: names.get(named.stock_location) }).waitFor();
  await review(page, { date: '2000-01-01', location: named.stock_location });
  const scope = await page.locator('dialog.confirm .scope').textContent();
  assert.ok(scope.includes(`at stock location ${names.get(named.stock_location)} (${named.stock_location})`), scope);
  await page.keyboard.press('Escape');
  assert.equal((await oms.stats()).requests.locations, reads + 1, 'one read of the names for the rest of the visit');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('DRF pages are read like a plain list', async () => {
  const { oms } = ctx;
  await oms.locations('paginated');
  try {
    const names = await namesFromApi(oms);
    const page = await ctx.newPage();
    await signIn(page, oms);
    const answer = await expectRowsMatchApi(page, oms, {});
    await eventually(() => locationCells(page), expectedCells(answer, names), 'location cells');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    await oms.locations('list');
  }
});

for (const mode of ['forbidden', 'missing']) {
  test(`list-simple ${mode}: ids as before, nothing alarming, everything else works`, async () => {
    const { oms } = ctx;
    await oms.locations(mode);
    try {
      const page = await ctx.newPage();
      const before = (await oms.stats()).requests.locations;
      await signIn(page, oms);
      const answer = await expectRowsMatchApi(page, oms, {});
      await poll(() => oms.stats(), (s) => s.requests.locations > before, { message: 'the names were asked for' });
      // Give the answer time to land, then: ids only, no alert, no error.
      await page.waitForTimeout(300);
      assert.deepEqual(await locationCells(page), expectedCells(answer, null));
      assert.equal(await page.locator('[role="alert"], .warning, .error-panel').filter({ hasText: /\S/ }).count(), 0, 'nothing alarming');
      assert.equal(await page.locator('#location-names option').count(), 0);
      // The rest works: a flip, a record.
      await page.getByRole('link', { name: 'Next', exact: true }).click();
      await expectRowsMatchApi(page, oms, { page: 2 });
      const record = (await oms.list({ page: 2 })).results[0];
      await page.getByRole('link', { name: `Open discrepancy ${record.id}`, exact: true }).click();
      await page.locator('dl.fields').waitFor();
      assert.equal(await page.locator('dl.fields .location-name').textContent(), '');
      assert.deepEqual(page.errors, []);
      await page.context().close();
    } finally {
      await oms.locations('list');
    }
  });
}
