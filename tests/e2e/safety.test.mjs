// Safety of the destructive path and of a throttled OMS: a slow removal cannot be sent
// twice and cannot be left unnoticed; a token that expires between review and confirm
// removes nothing and brings the user back to the same form; a throttled list says how
// long to wait and recovers with "Try again".

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, signIn, expectRowsMatchApi, pathAndQuery, poll, LIST_PATH, insertOld, openRemoval, review } from './harness.mjs';

const ctx = setup({ records: 300, seed: 41 });
const REMOVE_PATH = `${LIST_PATH}remove/`;
const isRemovePost = (r) => r.method() === 'POST' && new URL(r.url()).pathname === REMOVE_PATH;

const CUTOFF = '2005-01-01';
/** Inserts `n` records at `location` created before `CUTOFF`; returns their ids. */
const insertOldIds = async (oms, location, n) => (await insertOld(oms, { location, n, year: 2004, label: 'safety' })).map((r) => r.id);

test('slow removal: button disabled and "Removing…", no second POST, leaving asks first', async () => {
  const { oms } = ctx;
  const page = await ctx.newPage();
  await signIn(page, oms);
  const posts = [];
  page.on('request', (r) => {
    if (isRemovePost(r)) posts.push(r.postData());
  });
  const dialogs = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.type());
    await dialog.dismiss(); // "stay on the page"
  });
  const first = await insertOldIds(oms, 9501, 5);
  const second = await insertOldIds(oms, 9502, 4);
  const start = await oms.stats();
  await openRemoval(page);

  try {
    // Round 1: hammer the pending button with clicks and Enter; then try to close the tab.
    await review(page, { date: CUTOFF, location: 9501 });
    await oms.faults({ latency_ms: 2000 });
    const confirm = page.locator('dialog.confirm button.danger');
    await page.getByRole('button', { name: `Remove ${first.length} records`, exact: true }).click();
    await poll(() => confirm.textContent(), (t) => t === 'Removing…', { message: 'the button to say "Removing…"' });
    assert.ok(await confirm.isDisabled(), 'the confirm button is disabled while the removal is pending');
    assert.equal(await confirm.getAttribute('aria-busy'), 'true');
    assert.ok(await page.getByRole('button', { name: 'Cancel' }).isDisabled(), 'nor can it be cancelled half-way');
    assert.ok(await page.getByLabel('Remove records created before').isDisabled(), 'the form is locked');
    for (let i = 0; i < 3; i++) {
      await confirm.click({ force: true });
      await confirm.focus().catch(() => {});
      await page.keyboard.press('Enter');
      await page.evaluate(() => document.querySelector('dialog.confirm button.danger')?.click());
    }
    await page.getByLabel('Remove records created before').press('Enter', { force: true }).catch(() => {});
    assert.equal(posts.length, 1, 'still one POST');

    // Closing the tab while the POST is in flight asks first; "stay" keeps the page.
    await page.close({ runBeforeUnload: true });
    await poll(async () => dialogs.length, (n) => n >= 1, { message: 'a beforeunload dialog on close' });
    assert.deepEqual(dialogs, ['beforeunload']);
    assert.equal(page.isClosed(), false, 'dismissing the dialog keeps the page');
    assert.equal(await confirm.textContent(), 'Removing…', 'the removal is still pending');

    await page.getByRole('heading', { name: `Done. The OMS removed the records (${first.length} matched before the request).` }).waitFor();
    await page.waitForTimeout(2500); // a late duplicate would reach the OMS within the latency
    let stats = await oms.stats();
    assert.equal(posts.length, 1, 'one POST left the browser');
    assert.equal(stats.requests.remove, start.requests.remove + 1, 'one POST reached the OMS');
    assert.equal(stats.records, start.records - first.length, 'exactly the preview was removed');

    // Round 2: a reload while in flight asks first too.
    await oms.faults({ latency_ms: 0 });
    await page.locator('section.done').getByRole('button', { name: 'Review removal' }).click();
    await review(page, { date: CUTOFF, location: 9502 });
    await oms.faults({ latency_ms: 2000 });
    await page.getByRole('button', { name: `Remove ${second.length} records`, exact: true }).click();
    await poll(() => confirm.textContent(), (t) => t === 'Removing…', { message: '"Removing…"' });
    await page.evaluate(() => location.reload()); // returns once the dialog was dismissed
    await poll(async () => dialogs.length, (n) => n >= 2, { message: 'a beforeunload dialog on reload' });
    assert.deepEqual(dialogs, ['beforeunload', 'beforeunload']);
    await page.getByRole('heading', { name: `Done. The OMS removed the records (${second.length} matched before the request).` }).waitFor();
    stats = await oms.stats();
    assert.equal(posts.length, 2);
    assert.equal(stats.requests.remove, start.requests.remove + 2);
    assert.equal(stats.records, start.records - first.length - second.length);

    // Nothing in flight any more: leaving does not ask.
    await page.close({ runBeforeUnload: true });
    await poll(async () => page.isClosed(), (c) => c, { message: 'the page to close without asking' });
    assert.equal(dialogs.length, 2, 'no dialog once the removal finished');
  } finally {
    await oms.faults({ latency_ms: 0 });
    await page.context().close();
  }
});

test('token expires between review and confirm: sign-in, then the same form; nothing removed', async () => {
  const { oms } = ctx;
  const original = oms.token;
  const page = await ctx.newPage();
  try {
    await signIn(page, oms);
    const ids = await insertOldIds(oms, 9503, 6);
    await openRemoval(page);
    await review(page, { date: CUTOFF, location: 9503 });
    const before = await oms.stats();

    await oms.setToken('safety-rotated');
    await page.getByRole('button', { name: `Remove ${ids.length} records`, exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/sign-in');
    await page.getByRole('alert').filter({ hasText: 'Your session ended: the OMS no longer accepts the token.' }).waitFor();
    assert.equal(new URL(page.url()).searchParams.get('next'), '/discrepancies/remove');
    let stats = await oms.stats();
    assert.equal(stats.requests.remove, before.requests.remove + 1, 'the POST reached the OMS once');
    assert.equal(stats.records, before.records, 'the 401 POST removed nothing');

    await signIn(page, oms, { token: 'safety-rotated' });
    assert.equal(pathAndQuery(page), '/discrepancies/remove');
    await page.getByRole('heading', { level: 1, name: 'Remove old records' }).waitFor();
    assert.equal(await page.getByLabel('Remove records created before').inputValue(), CUTOFF, 'date kept');
    assert.equal(await page.getByLabel('Stock location ID (optional)').inputValue(), '9503', 'location kept');
    assert.equal(await page.locator('dialog.confirm').count(), 0, 'not confirmed on the user\'s behalf');
    await page.waitForTimeout(300);
    stats = await oms.stats();
    assert.equal(stats.requests.remove, before.requests.remove + 1, 'no POST re-sent after sign-in');
    assert.equal(stats.records, before.records);
    for (const id of ids) assert.equal((await oms.detail(id)).status, 200, `record ${id} is still there`);
  } finally {
    await oms.setToken(original);
    await page.context().close();
  }
});

test('throttled list: "limiting requests" with the Retry-After seconds, and Try again recovers', async () => {
  const { oms } = ctx;
  const page = await ctx.newPage();
  await signIn(page, oms);
  await expectRowsMatchApi(page, oms, { page: 1, limit: 20 });
  const throttled = [];
  page.on('response', (r) => {
    if (new URL(r.url()).pathname === LIST_PATH && r.status() === 429) throttled.push(r.headers()['retry-after']);
  });

  // The same token is busy elsewhere (another tab, a script): it takes every slot the
  // throttle frees, so the app's automatic retries run out and the user must decide.
  let pressing = true;
  const press = async () => {
    while (pressing) {
      await fetch(`${oms.url}${LIST_PATH}?limit=1`, { headers: { Authorization: `Token ${oms.token}` } }).then((r) => r.arrayBuffer()).catch(() => {});
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  await oms.faults({ throttle: 1 });
  const pressure = [press(), press()];
  try {
    // Quick navigation: Next, Next, Next without waiting for the rows.
    const next = page.getByRole('navigation', { name: 'Pagination' }).getByRole('link', { name: 'Next', exact: true });
    for (let i = 0; i < 3; i++) await next.click();
    await page.locator('.retry-banner').filter({ hasText: /^Retrying in 1 s/ }).waitFor();
    const panel = page.locator('.error-panel[role="alert"]');
    await panel.waitFor({ timeout: 30_000 });
    assert.ok(throttled.length >= 4, `the first attempt and three retries were throttled (${throttled.length})`);
    const seconds = throttled.at(-1);
    assert.equal(seconds, '1', 'oms-dev sends Retry-After: 1');
    assert.equal(await panel.locator('.error-message').textContent(), `The OMS is limiting requests. Try again in ${seconds} s.`);
    assert.match(await panel.locator('.error-message').textContent(), /limiting requests/);
    const retry = panel.getByRole('button', { name: 'Try again' });
    assert.equal(await retry.count(), 1, 'the panel offers "Try again"');

    // The other client stops; after the wait the panel asked for, Try again works.
    pressing = false;
    await Promise.all(pressure);
    await page.waitForTimeout(Number(seconds) * 1000 + 100);
    const pageNo = Number(new URL(page.url()).searchParams.get('page'));
    assert.ok(pageNo >= 2, `navigated on (${page.url()})`);
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === LIST_PATH);
    await retry.click();
    assert.equal((await answered).status(), 200, 'Try again was let through');
    await poll(() => panel.count(), (n) => n === 0, { message: 'the error panel to go' });
    await oms.faults({ throttle: null }); // so the test's own look-up is not throttled
    await expectRowsMatchApi(page, oms, { page: pageNo, limit: 20 });
    assert.deepEqual(page.errors, []);
  } finally {
    pressing = false;
    await Promise.all(pressure);
    await oms.faults({ throttle: null });
    await page.context().close();
  }
});

test('leaving the removal page in the app while the POST is in flight: the outcome follows the user', async () => {
  const { oms } = ctx;
  const page = await ctx.newPage();
  await signIn(page, oms);
  const ids = await insertOldIds(oms, 9511, 3);
  await openRemoval(page);
  await review(page, { date: CUTOFF, location: 9511 });
  await oms.faults({ latency_ms: 1500 });
  try {
    await page.getByRole('button', { name: `Remove ${ids.length} records`, exact: true }).click();
    await poll(() => page.locator('dialog.confirm button.danger').textContent(), (t) => t === 'Removing…', { message: '"Removing…"' });
    // Away to the list through the header while the OMS is still working.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Discrepancies' }).click();
    await page.waitForURL((u) => u.pathname === '/discrepancies');
    const status = page.locator('.removal-status');
    await status.getByText('A removal is in progress.').waitFor();
    // The answer lands while the user is on the list: it is shown there.
    await status.getByText(`Done. The OMS removed the records (${ids.length} matched before the request).`).waitFor();
    assert.equal((await oms.list({ stock_location: 9511, limit: 1 })).count, 0, 'the records went');
    await status.getByRole('link', { name: 'Open the removal page' }).click();
    await page.waitForURL((u) => u.pathname === '/discrepancies/remove');
    await page.getByRole('heading', { name: `Done. The OMS removed the records (${ids.length} matched before the request).` }).waitFor();
    assert.ok(await status.isHidden(), 'no notice on the removal page itself');
    // Seen once, the notice does not come back elsewhere.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Discrepancies' }).click();
    await page.locator('table.records tbody tr').first().waitFor();
    assert.ok(await status.isHidden());
    assert.deepEqual(page.errors, []);
  } finally {
    await oms.faults({ latency_ms: 0 });
  }
  await page.context().close();
});
