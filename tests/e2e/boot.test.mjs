// The start-up path of a remembered session: index.html paints a skeleton and starts the first
// list request before the wasm is fetched, and the app adopts that answer instead of asking
// again; when the early request does not fit or fails, the app asks itself.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, signIn, expectRowsMatchApi, poll, eventually, visibleIds } from './harness.mjs';

const ctx = setup({ records: 90, seed: 3 });

/** A page signed in with "remember", so that a reload restores the session. */
async function remembered() {
  const page = await ctx.newPage();
  await signIn(page, ctx.oms, { remember: true });
  await expectRowsMatchApi(page, ctx.oms, { page: 1, limit: 20 });
  return page;
}

const listRequests = async () => (await ctx.oms.stats()).requests.list;
const marks = (page) => page.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name));

test('a reload of the list makes one request: the early one, adopted by the app', async () => {
  const page = await remembered();
  await page.goto(`${ctx.oms.url}/discrepancies?page=3`);
  await expectRowsMatchApi(page, ctx.oms, { page: 3, limit: 20 });
  const expected = (await ctx.oms.list({ page: 3, limit: 20 })).results.map((r) => r.id);
  const before = await listRequests();
  await page.reload();
  await eventually(() => visibleIds(page), expected, 'page 3 after the reload');
  await page.locator('.results[aria-busy="false"]').waitFor();
  // Read after the rows are on screen: the app would have asked by then.
  assert.equal((await listRequests()) - before, 1, 'one list request for the reload');
  const seen = await marks(page);
  for (const name of ['early-request-sent', 'wasm-start', 'app-mounted', 'early-request-adopted', 'first-response', 'rows-rendered']) {
    assert.ok(seen.includes(name), `mark ${name} in ${seen}`);
  }
  assert.ok(!seen.includes('first-request-sent'), 'the app sent none of its own');
  assert.equal(await page.locator('#boot').count(), 0, 'the skeleton is gone');
  await page.context().close();
});

test('a view the early script does not cover, and an early request that fails: the app asks itself', async () => {
  const page = await remembered();
  // A sorted view: the script leaves it to the app.
  await page.goto(`${ctx.oms.url}/discrepancies?sort=reason`);
  await expectRowsMatchApi(page, ctx.oms, { page: 1, limit: 20, sort: 'reason' });
  let seen = await marks(page);
  assert.ok(!seen.includes('early-request-sent') && seen.includes('first-request-sent'), `${seen}`);

  // The early request fails (the network drops it): the app's own request shows the rows.
  let dropped = 0;
  await page.route('**/api/v1/oms/inventory-discrepancies/**', (route) => {
    if (dropped++ === 0) return route.abort('connectionreset');
    return route.continue();
  });
  await page.goto(`${ctx.oms.url}/discrepancies`);
  await expectRowsMatchApi(page, ctx.oms, { page: 1, limit: 20 });
  seen = await marks(page);
  assert.ok(seen.includes('early-request-sent') && seen.includes('first-request-sent'), `${seen}`);
  assert.ok(!seen.includes('early-request-adopted'));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a slow early answer does not hold the app back: the app mounts, shows it is loading, then adopts the answer', async () => {
  const page = await remembered();
  const expected = (await ctx.oms.list({ page: 1, limit: 20 })).results.map((r) => r.id);
  const before = await listRequests();
  // The early request's answer is held for 1.5 s: the app waits for it a moment only.
  let held = 0;
  await page.route('**/api/v1/oms/inventory-discrepancies/**', async (route) => {
    if (held++ === 0) await new Promise((resolve) => setTimeout(resolve, 1500));
    return route.continue();
  });
  await page.reload();
  await page.locator('.app-header .main-nav a').first().waitFor();
  assert.equal(await page.locator('#boot').count(), 0, 'the app replaced the skeleton');
  let seen = await marks(page);
  assert.ok(seen.includes('app-mounted') && !seen.includes('first-response'), `mounted before the answer: ${seen}`);
  await page.getByText('Loading discrepancies…').waitFor();
  await eventually(() => visibleIds(page), expected, 'page 1 once the answer came');
  seen = await marks(page);
  assert.ok(seen.includes('early-request-adopted') && !seen.includes('first-request-sent'), `${seen}`);
  assert.equal(held, 1, 'one request reached the route');
  assert.equal((await listRequests()) - before, 1, 'and one reached the OMS');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the skeleton paints before the wasm, in the guessed language, where the app will be', async () => {
  const page = await remembered();
  await page.evaluate(() => localStorage.setItem('discrepancy-admin.lang', 'tr'));
  // Hold the wasm back until the skeleton has been looked at.
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route('**/*.wasm', async (route) => {
    await held;
    await route.continue();
  });
  const loading = page.goto(`${ctx.oms.url}/discrepancies`);
  const boot = page.locator('#boot');
  await boot.waitFor();
  assert.equal(await page.locator('#boot h1').innerText(), 'Envanter uyuşmazlıkları');
  assert.equal(await page.locator('#boot .status').innerText(), 'Uyuşmazlıklar yükleniyor…');
  const skeleton = await page.evaluate(() => ({
    header: document.querySelector('#boot .app-header').getBoundingClientRect().height,
    h1: document.querySelector('#boot h1').getBoundingClientRect().top,
    nav: [...document.querySelectorAll('#boot .main-nav > *')].map((e) => [e.innerText, e.getBoundingClientRect().left]),
  }));
  release();
  await loading;
  await poll(() => page.locator('#boot').count(), (n) => n === 0, { message: 'the skeleton goes' });
  await page.locator('.records').waitFor();
  const app = await page.evaluate(() => ({
    header: document.querySelector('.app-header').getBoundingClientRect().height,
    h1: document.querySelector('main h1').getBoundingClientRect().top,
    nav: [...document.querySelectorAll('.app-header .main-nav a')].map((e) => [e.innerText, e.getBoundingClientRect().left]),
  }));
  assert.deepEqual(app, skeleton, 'the header, its sections and the heading do not move when the app replaces the skeleton');
  await page.context().close();
});

test('no skeleton where the app will not show the list: signed out', async () => {
  const page = await ctx.newPage();
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto(`${ctx.oms.url}/discrepancies`);
  await page.waitForLoadState('domcontentloaded');
  assert.equal(await page.locator('#boot').isVisible(), false);
  await page.context().close();
});
