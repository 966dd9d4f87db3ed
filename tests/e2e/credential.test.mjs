// Where the token goes: never into the console, a URL, localStorage, or another origin;
// into sessionStorage only when the user asks to stay signed in, and out again on sign-out
// or a 401. A read-only token can browse but its removal gets the permission message.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, signIn, expectRowsMatchApi, pathAndQuery, LIST_PATH, insertOld, openRemoval, review } from './harness.mjs';

const ctx = setup({ records: 150, seed: 17 });
const STORAGE_KEY = 'discrepancy-admin.session';
const REMOVE_PATH = `${LIST_PATH}remove/`;

/** Every value in both web storages, and the number of keys in each. */
const storages = (page) =>
  page.evaluate(() => {
    const dump = (s) => Object.fromEntries(Array.from({ length: s.length }, (_, i) => s.key(i)).map((k) => [k, s.getItem(k)]));
    return { local: dump(localStorage), session: dump(sessionStorage) };
  });

/** Records the console, every page URL and every request (URL and origin) of `page`. */
function watch(page) {
  const seen = { console: [], pageUrls: [], requests: [] };
  page.on('console', (m) => seen.console.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => seen.console.push(`pageerror: ${e}`));
  page.on('framenavigated', (f) => seen.pageUrls.push(f.url()));
  page.on('request', (r) => seen.requests.push({ url: r.url(), origin: new URL(r.url()).origin, method: r.method(), referer: r.headers().referer ?? '' }));
  return seen;
}

test('not remembered: the token is in no console message, URL, web storage or foreign request', async () => {
  const { oms } = ctx;
  const token = oms.token;
  const page = await ctx.newPage();
  const seen = watch(page);

  await signIn(page, oms, { remember: false });
  await expectRowsMatchApi(page, oms, { page: 1, limit: 20 });
  await page.getByRole('link', { name: 'Next', exact: true }).click();
  await expectRowsMatchApi(page, oms, { page: 2, limit: 20 });
  // A failed request too, since error paths are where tokens tend to get logged.
  await oms.faults({ fail_rate: 1 });
  try {
    await page.getByRole('link', { name: 'Next', exact: true }).click();
    await page.locator('.error-panel[role="alert"]').waitFor();
  } finally {
    await oms.faults({ fail_rate: 0 });
  }
  await page.getByRole('button', { name: 'Try again' }).click();
  const third = await expectRowsMatchApi(page, oms, { page: 3, limit: 20 });

  // A record, and a 404 for one that does not exist.
  const id = third.results[4].id;
  await page.getByRole('link', { name: `Open discrepancy ${id}`, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: `Discrepancy #${id}` }).waitFor();
  await page.goto(`${oms.url}/discrepancies/999999999`); // a fresh load: the token was not remembered
  await page.waitForURL((u) => u.pathname === '/sign-in');
  await signIn(page, oms, { remember: false });
  assert.equal(pathAndQuery(page), '/discrepancies/999999999');
  await page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();

  // A removal, start to end.
  const location = 9401;
  const rows = await insertOld(oms, { location, n: 4, year: 2002, label: 'credential test' });
  await openRemoval(page);
  await review(page, { date: '2003-01-01', location });
  const before = await oms.stats();
  await page.getByRole('button', { name: `Remove ${rows.length} records`, exact: true }).click();
  await page.locator('section.done').waitFor();
  assert.equal((await oms.stats()).records, before.records - rows.length);

  const s = await storages(page);
  assert.deepEqual(s.local, {}, 'localStorage stays empty');
  assert.deepEqual(s.session, {}, 'sessionStorage stays empty without "keep me signed in"');
  assert.ok(!(await page.content()).includes(token), 'the token is not in the document');

  const apiRequests = seen.requests.filter((r) => new URL(r.url).pathname.startsWith('/api/'));
  assert.ok(apiRequests.length >= 8, `API requests seen: ${apiRequests.length}`);
  assert.ok(apiRequests.some((r) => r.method === 'POST' && new URL(r.url).pathname === REMOVE_PATH));
  assert.ok(seen.console.some((m) => m.includes('500')), 'the console was watched (the injected 500 was logged)');
  assert.deepEqual(seen.console.filter((m) => m.includes(token)), [], 'no console message holds the token');
  assert.deepEqual(seen.pageUrls.filter((u) => u.includes(token)), [], 'no page URL holds the token');
  assert.deepEqual(seen.requests.filter((r) => r.url.includes(token) || r.referer.includes(token)), [], 'no request URL or Referer holds the token');
  const foreign = seen.requests.filter((r) => r.origin !== oms.url);
  assert.deepEqual(foreign, [], `every request goes to oms-dev (${oms.url})`);
  await page.context().close();
});

test('remembered: sessionStorage holds it, a reload keeps it, sign-out wipes it', async () => {
  const { oms } = ctx;
  const page = await ctx.newPage();
  const seen = watch(page);
  await signIn(page, oms, { remember: true });
  await expectRowsMatchApi(page, oms, { page: 1, limit: 20 });

  let s = await storages(page);
  assert.deepEqual(s.local, {}, 'localStorage stays empty');
  assert.deepEqual(Object.keys(s.session), [STORAGE_KEY]);
  assert.equal(JSON.parse(s.session[STORAGE_KEY]).token, oms.token, 'sessionStorage holds the token');

  await page.reload();
  assert.equal(pathAndQuery(page), '/discrepancies');
  await expectRowsMatchApi(page, oms, { page: 1, limit: 20 });
  await page.getByRole('button', { name: 'Sign out' }).waitFor();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL((u) => u.pathname === '/sign-in');
  s = await storages(page);
  assert.deepEqual(s, { local: {}, session: {} }, 'sign-out wipes sessionStorage');
  await page.goto(`${oms.url}/discrepancies`);
  await page.waitForURL((u) => u.pathname === '/sign-in');
  await page.getByLabel('API token').waitFor();
  assert.equal(await page.getByLabel('API token').inputValue(), '', 'the token field is empty');
  assert.equal(await page.locator('table.records').count(), 0);
  assert.deepEqual(seen.console.filter((m) => m.includes(oms.token)), []);
  assert.deepEqual(seen.requests.filter((r) => r.url.includes(oms.token)), []);
  await page.context().close();
});

test('a 401 wipes the remembered token and returns to sign-in', async () => {
  const { oms } = ctx;
  const original = oms.token;
  const page = await ctx.newPage();
  try {
    await signIn(page, oms, { remember: true });
    await expectRowsMatchApi(page, oms, { page: 1, limit: 20 });
    assert.equal(JSON.parse((await storages(page)).session[STORAGE_KEY]).token, original);

    await oms.setToken('credential-rotated-1');
    await page.getByRole('link', { name: 'Next', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/sign-in');
    await page.getByRole('alert').filter({ hasText: 'Your session ended: the OMS no longer accepts the token.' }).waitFor();
    assert.deepEqual(await storages(page), { local: {}, session: {} }, 'the 401 wiped sessionStorage');

    // And a reload does not bring it back.
    await page.reload();
    await page.waitForURL((u) => u.pathname === '/sign-in');
    await page.getByLabel('API token').waitFor();
    assert.equal(await page.locator('table.records').count(), 0);
  } finally {
    await oms.setToken(original);
    await page.context().close();
  }
});

test('a read-only token lists, and its removal gets the permission message with the input kept', async () => {
  const { oms } = ctx;
  const page = await ctx.newPage();
  await signIn(page, oms, { token: oms.readonlyToken });
  await expectRowsMatchApi(page, oms, { page: 1, limit: 20 });
  await page.getByRole('link', { name: 'Next', exact: true }).click();
  await expectRowsMatchApi(page, oms, { page: 2, limit: 20 });

  const location = 9402;
  const rows = await insertOld(oms, { location, n: 3, year: 2002, label: 'credential test' });
  await openRemoval(page);
  await review(page, { date: '2003-01-01', location });
  const before = await oms.stats();
  await page.getByRole('button', { name: `Remove ${rows.length} records`, exact: true }).click();
  const failure = page.locator('.failure');
  await failure.locator('.error-message').waitFor();
  assert.equal(await failure.locator('.error-message').textContent(), 'Your token does not have permission for this action.');
  assert.equal(await page.getByLabel('Remove records created before').inputValue(), '2003-01-01', 'date kept');
  assert.equal(await page.getByLabel('Stock location ID (optional)').inputValue(), String(location), 'location kept');
  assert.ok(await page.getByLabel('Remove records created before').isEditable());
  const after = await oms.stats();
  assert.equal(after.requests.remove, before.requests.remove + 1, 'one POST');
  assert.equal(after.records, before.records, 'nothing removed');
  assert.equal((await oms.list({ stock_location: location, created_date__lt: '2003-01-01', limit: 1 })).count, rows.length);
  assert.equal(new URL(page.url()).pathname, '/discrepancies/remove', 'a 403 does not sign the user out');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
