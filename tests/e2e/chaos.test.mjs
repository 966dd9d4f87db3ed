// Chaos: an OMS that fails 30 % of requests with a 500 and answers slowly. The user pages
// through 50 pages, opens records and comes back, then removes old records at one stock
// location. Every failure must leave a way forward (Try again, or Review again on the
// removal form), taking it must work, and the end state must be exactly right: the page
// reached by 50 Next clicks with the API's rows, and a removal that took exactly its scope
// with one POST per confirmation.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, signIn, visibleIds, LIST_PATH, TIMEOUT, openRemoval } from './harness.mjs';

const ctx = setup({ records: 2000, seed: 29 });
const REMOVE_PATH = `${LIST_PATH}remove/`;
const NEXT_CLICKS = 50;
const FAIL_RATE = 0.3;
const LATENCY_MS = 300;
const LOCATION = 9301; // only the records this test inserts live here
const OTHER_LOCATION = 9302;
const CUTOFF = '2001-02-01';

const apiPath = (u) => new URL(u).pathname;
const isListGet = (r) => r.request().method() === 'GET' && apiPath(r.url()) === LIST_PATH && !new URL(r.url()).searchParams.has('created_date__lt');
/** The removal confirmation's breakdown (a reason's count, the oldest or newest record): a
 *  failure there reads "not available" by design (impact.test.mjs), and holds nothing up. */
const isBreakdownGet = (r) => {
  const params = new URL(r.url()).searchParams;
  return r.request().method() === 'GET' && apiPath(r.url()) === LIST_PATH && params.has('created_date__lt') && (params.has('reason') || params.has('sort'));
};
/** The removal's own count (the total, and the re-count after a lost answer). */
const isCountGet = (r) =>
  r.request().method() === 'GET' && apiPath(r.url()) === LIST_PATH && new URL(r.url()).searchParams.has('created_date__lt') && !isBreakdownGet(r);
const isDetailGet = (id) => (r) => r.request().method() === 'GET' && apiPath(r.url()) === `${LIST_PATH}${id}/`;
const isRemovePost = (r) => r.request().method() === 'POST' && apiPath(r.url()) === REMOVE_PATH;

/** The API's own answer, asked again while the injected 500s hit the test's own request. */
async function apiList(oms, params) {
  let last;
  for (let i = 0; i < 30; i++) {
    try {
      return await oms.list(params);
    } catch (e) {
      last = e;
    }
  }
  throw last;
}

test('50 pages, details and a removal against an OMS failing 30 % of requests', async () => {
  const { oms } = ctx;
  const started = Date.now();

  // Records for the removal: 6 in scope, 3 too new, 3 at another location.
  const day = (d) => `${d}T10:00:00Z`;
  const inserted = await oms.insertRecords([
    ...['2001-01-03', '2001-01-07', '2001-01-12', '2001-01-19', '2001-01-25', '2001-01-31'].map((d) => ({
      reason: 'chaos: in scope', created_date: day(d), stock_location: LOCATION,
    })),
    ...['2001-02-01', '2001-02-02', '2001-03-15'].map((d) => ({ reason: 'chaos: too new', created_date: day(d), stock_location: LOCATION })),
    ...['2001-01-05', '2001-01-06', '2001-01-20'].map((d) => ({
      reason: 'chaos: other location', created_date: day(d), stock_location: OTHER_LOCATION,
    })),
  ]);
  const inScope = inserted.filter((r) => r.reason === 'chaos: in scope').map((r) => r.id);
  const outOfScope = inserted.filter((r) => r.reason !== 'chaos: in scope').map((r) => r.id);
  assert.equal(inScope.length, 6);
  assert.equal(outOfScope.length, 6);
  const expected = (await oms.list({ stock_location: LOCATION, created_date__lt: CUTOFF, limit: 1 })).count;
  assert.equal(expected, inScope.length, 'exactly the inserted in-scope records match the removal');

  const page = await ctx.newPage();
  await signIn(page, oms);
  await page.locator('.results[aria-busy="false"] table.records').waitFor();

  // What the browser sent and got.
  const apiRequests = [];
  const injected = [];
  const breakdownFailures = [];
  const posts = [];
  page.on('request', (r) => {
    if (!apiPath(r.url()).startsWith('/api/')) return;
    apiRequests.push(`${r.method()} ${r.url()}`);
    if (r.method() === 'POST' && apiPath(r.url()) === REMOVE_PATH) posts.push(r.postData());
  });
  page.on('response', (r) => {
    if (apiPath(r.url()).startsWith('/api/') && r.status() === 500) (isBreakdownGet(r) ? breakdownFailures : injected).push(`${r.request().method()} ${r.url()}`);
  });

  let failuresHandled = 0;
  let retriesClicked = 0;
  let longestStep = 0;

  /** Runs one user step; it must reach its outcome (or an error with a way forward) in time. */
  async function step(name, fn) {
    const t0 = Date.now();
    try {
      return await fn();
    } catch (e) {
      throw new Error(`stuck at "${name}" after ${Date.now() - t0} ms: ${e.message}`);
    } finally {
      longestStep = Math.max(longestStep, Date.now() - t0);
    }
  }

  /** After a failed read: the error panel must offer "Try again"; clicks it. */
  async function tryAgain(where) {
    const panel = page.locator('.error-panel[role="alert"]');
    await step(`${where}: error panel`, () => panel.waitFor());
    assert.equal(await panel.locator('.error-message').textContent(), 'The OMS had an internal error (HTTP 500). Try again in a moment.');
    const retry = panel.getByRole('button', { name: 'Try again' });
    assert.equal(await retry.count(), 1, `${where}: the error panel offers "Try again"`);
    failuresHandled += 1;
    retriesClicked += 1;
    return () => retry.click();
  }

  /** `action` loads a list page; retries through failures until its rows are on screen. */
  async function loadList(action, pageNo) {
    for (;;) {
      const response = page.waitForResponse(isListGet, { timeout: TIMEOUT });
      await action();
      const r = await step(`list page ${pageNo}: answer`, () => response);
      assert.equal(new URL(r.url()).searchParams.get('page') ?? '1', String(pageNo), 'the app asked for the page in the URL');
      if (r.status() === 200) {
        const ids = (await r.json()).results.map((x) => x.id);
        await step(`list page ${pageNo}: rows`, () => page.waitForFunction(
          (want) => {
            const results = document.querySelector('.results[aria-busy="false"]');
            if (!results) return false;
            const got = [...results.querySelectorAll('table.records tbody tr td:first-child a')].map((a) => Number(a.textContent.trim()));
            return JSON.stringify(got) === JSON.stringify(want);
          },
          ids,
          { timeout: TIMEOUT },
        ));
        assert.equal(await page.locator('.error-panel').count(), 0, 'no error panel over loaded rows');
        return ids;
      }
      assert.equal(r.status(), 500, `list page ${pageNo}: only injected failures expected`);
      await page.locator('.results[aria-busy="false"]').waitFor();
      action = await tryAgain(`list page ${pageNo}`);
    }
  }

  /** `action` opens record `id`; retries through failures until it is shown. */
  async function loadDetail(action, id) {
    for (;;) {
      const response = page.waitForResponse(isDetailGet(id), { timeout: TIMEOUT });
      await action();
      const r = await step(`detail ${id}: answer`, () => response);
      if (r.status() === 200) {
        await step(`detail ${id}: heading`, () => page.getByRole('heading', { level: 1, name: `Discrepancy #${id}` }).waitFor());
        return;
      }
      assert.equal(r.status(), 500, `detail ${id}: only injected failures expected`);
      action = await tryAgain(`detail ${id}`);
    }
  }

  await oms.faults({ fail_rate: FAIL_RATE, latency_ms: LATENCY_MS });
  let pageNo = 1;
  const detailsAt = new Set([7, 19, 33, 46, 51]);
  try {
    for (let click = 1; click <= NEXT_CLICKS; click++) {
      await loadList(() => page.getByRole('navigation', { name: 'Pagination' }).getByRole('link', { name: 'Next', exact: true }).click(), pageNo + 1);
      pageNo += 1;
      assert.equal(new URL(page.url()).searchParams.get('page'), String(pageNo));
      if (detailsAt.has(pageNo)) {
        const ids = await visibleIds(page);
        const id = ids[pageNo % ids.length];
        await loadDetail(() => page.getByRole('link', { name: `Open discrepancy ${id}`, exact: true }).click(), id);
        await loadList(() => page.goBack(), pageNo);
        assert.equal(new URL(page.url()).searchParams.get('page'), String(pageNo), 'back on the same page');
      }
    }
    // Exactly where 50 Next clicks lead, with the API's own rows for that page.
    assert.equal(pageNo, NEXT_CLICKS + 1);
    assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, `/discrepancies?page=${NEXT_CLICKS + 1}`);
    const answer = await apiList(oms, { page: NEXT_CLICKS + 1, limit: 20 });
    assert.deepEqual(await visibleIds(page), answer.results.map((r) => r.id), 'rows on screen = the API answer for that page');
    const n = (x) => x.toLocaleString('en-GB');
    const showing = `Showing ${n(NEXT_CLICKS * 20 + 1)}–${n(NEXT_CLICKS * 20 + 20)} of ${n(answer.count)}`;
    await page.getByText(showing).waitFor();

    // The removal.
    const recordsBefore = (await oms.stats()).records;
    const removesBefore = (await oms.stats()).requests.remove;
    await openRemoval(page);
    const dateInput = page.getByLabel('Remove records created before');
    const locationInput = page.getByLabel('Stock location ID (optional)');
    await dateInput.fill(CUTOFF);
    await locationInput.fill(String(LOCATION));
    const reviewButton = page.locator('form.remove-form').getByRole('button', { name: 'Review removal' });
    const failure = page.locator('.failure');
    let confirmations = 0;
    let postFailures = 0;
    for (;;) {
      // Review: the server's count, through failures (the way forward is Review again).
      for (;;) {
        assert.equal(await dateInput.inputValue(), CUTOFF, 'date kept');
        assert.equal(await locationInput.inputValue(), String(LOCATION), 'location kept');
        const response = page.waitForResponse(isCountGet, { timeout: TIMEOUT });
        await step('review: click', () => reviewButton.click());
        const r = await step('review: count answer', () => response);
        if (r.status() === 200) {
          await step('review: confirmation', () => page.getByRole('heading', { name: 'Confirm removal' }).waitFor());
          break;
        }
        assert.equal(r.status(), 500);
        await step('review: error shown', () => failure.locator('.error-panel[role="alert"]').waitFor());
        assert.equal(await failure.locator('.error-message').textContent(), 'The OMS had an internal error (HTTP 500). Try again in a moment.');
        await step('review: way forward', () => reviewButton.and(page.locator(':enabled')).waitFor());
        failuresHandled += 1;
        retriesClicked += 1;
      }
      assert.equal(await page.locator('dialog.confirm .server-count').textContent(), `The server counts ${expected} such records right now.`);

      const response = page.waitForResponse(isRemovePost, { timeout: TIMEOUT });
      await page.getByRole('button', { name: `Remove ${expected} records`, exact: true }).click();
      confirmations += 1;
      const r = await step('confirm: answer', () => response);
      if (r.status() === 204) {
        await step('confirm: done', () =>
          page.getByRole('heading', { name: `Done. The OMS removed the records (${expected} matched before the request).` }).waitFor());
        break;
      }
      // The POST itself hit a 500: the app re-counts and says what it found.
      assert.equal(r.status(), 500);
      postFailures += 1;
      failuresHandled += 1;
      const recount = await step('confirm failed: re-count', () => page.waitForResponse(isCountGet, { timeout: TIMEOUT }));
      const outcome = failure.locator('.outcome');
      if (recount.status() === 200) {
        await step('confirm failed: outcome', () =>
          outcome.filter({ hasText: `Nothing was removed: the ${expected} matching records are still there. You can try again.` }).waitFor());
        assert.equal(await failure.locator('.failure-title').textContent(), 'The removal did not go through');
      } else {
        assert.equal(recount.status(), 500);
        failuresHandled += 1;
        await step('confirm failed: outcome unknown', () =>
          outcome.filter({ hasText: 'The result could not be checked. Open the list to see what is left before trying again.' }).waitFor());
      }
      assert.equal(await failure.locator('.error-message').textContent(), 'The OMS had an internal error (HTTP 500). Try again in a moment.');
      await step('confirm failed: way forward', () => reviewButton.and(page.locator(':enabled')).waitFor());
      retriesClicked += 1;
    }
    await page.waitForTimeout(LATENCY_MS + 200); // a late duplicate POST would land here

    const stats = await oms.stats();
    assert.equal(posts.length, confirmations, 'one POST left the browser per confirmation');
    assert.equal(stats.requests.remove - removesBefore, confirmations, 'one POST reached the OMS per confirmation');
    assert.equal(stats.records, recordsBefore - expected, 'exactly the records in scope were removed');
    assert.ok(posts.every((p) => p === `expired_date=01-02-2001&stock_location=${LOCATION}`), `POST bodies: ${posts}`);
    await oms.faults({ fail_rate: 0, latency_ms: 0 });
    assert.equal((await oms.list({ stock_location: LOCATION, created_date__lt: CUTOFF, limit: 1 })).count, 0);
    for (const id of inScope) assert.equal((await oms.detail(id)).status, 404, `in-scope record ${id} is gone`);
    for (const id of outOfScope) assert.equal((await oms.detail(id)).status, 200, `out-of-scope record ${id} is still there`);

    assert.ok(longestStep < TIMEOUT, `longest step ${longestStep} ms`);
    assert.ok(injected.length > 0, 'failures were injected');
    assert.equal(failuresHandled, injected.length, 'every injected failure the browser got was shown and handled');
    assert.deepEqual(page.errors, []);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `chaos summary: requests=${apiRequests.length} (oms-dev list=${stats.requests.list} detail=${stats.requests.detail} remove=${stats.requests.remove}), ` +
        `injected failures seen=${injected.length} (+${breakdownFailures.length} in the removal breakdown), retries clicked=${retriesClicked}, confirmations=${confirmations} (POST 500s=${postFailures}), ` +
        `longest step=${longestStep} ms, ${seconds} s`,
    );
  } finally {
    await oms.faults({ fail_rate: 0, latency_ms: 0 });
    await page.context().close();
  }
});
