// Signing in and out, and where the token may (and may not) be kept.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, signIn, screenshot, expectRowsMatchApi, pathAndQuery, poll } from './harness.mjs';

const ctx = setup({ records: 120, seed: 3 });
const STORAGE_KEY = 'discrepancy-admin.session';

test('sign in: a bad token is rejected with the message, a good one is accepted', async () => {
  const { oms } = ctx;
  const page = await ctx.newPage();
  await page.goto(`${oms.url}/`);
  // Not signed in: the list sends the user to sign-in.
  await page.waitForURL((u) => u.pathname === '/sign-in');
  await page.getByRole('heading', { name: 'Sign in to the OMS' }).waitFor();
  assert.equal(await page.getByLabel('OMS base URL').inputValue(), oms.url, 'base URL defaults to the page origin');
  await screenshot(page, 'sign-in');

  // No token at all.
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#token-error', { hasText: 'Enter your API token.' }).waitFor();

  const before = (await oms.stats()).requests.list;
  await signIn(page, oms, { token: 'not-the-token', expectFailure: true });
  await page.locator('#token-error', { hasText: 'The OMS rejected this token. Check it and try again.' }).waitFor();
  assert.equal(await page.getByLabel('API token').getAttribute('aria-invalid'), 'true');
  assert.equal(new URL(page.url()).pathname, '/sign-in');
  assert.equal((await oms.stats()).requests.list, before + 1, 'the token was checked with the OMS');
  assert.equal(await page.getByRole('navigation', { name: 'Main' }).count(), 0, 'no app header while signed out');

  await signIn(page, oms);
  assert.equal(pathAndQuery(page), '/discrepancies');
  await page.getByRole('heading', { level: 1, name: 'Inventory discrepancies' }).waitFor();
  await page.getByText(`Signed in to ${new URL(oms.url).host}`).waitFor();
  await expectRowsMatchApi(page, oms, { page: 1, limit: 20 });
  assert.equal(await page.getByLabel('API token').count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the token is never in a URL or localStorage; sessionStorage only with "remember"; sign out clears it', async () => {
  const { oms } = ctx;
  const page = await ctx.newPage();
  const urls = [];
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) urls.push(f.url());
  });
  page.on('request', (r) => urls.push(r.url()));
  const storage = () =>
    page.evaluate((key) => ({
      local: localStorage.length,
      sessionLength: sessionStorage.length,
      session: sessionStorage.getItem(key),
      cookie: document.cookie,
    }), STORAGE_KEY);

  // Without "remember": nothing stored, and a reload asks for the token again.
  await signIn(page, oms, { remember: false });
  await expectRowsMatchApi(page, oms, { page: 1, limit: 20 });
  let s = await storage();
  assert.deepEqual(s, { local: 0, sessionLength: 0, session: null, cookie: '' });
  await page.reload();
  await page.waitForURL((u) => u.pathname === '/sign-in');

  // With "remember": in sessionStorage only; a reload keeps the session.
  await signIn(page, oms, { remember: true });
  await page.getByRole('link', { name: 'Next', exact: true }).click();
  await page.waitForURL((u) => u.searchParams.get('page') === '2');
  await expectRowsMatchApi(page, oms, { page: 2, limit: 20 });
  s = await storage();
  assert.equal(s.local, 0, 'localStorage stays empty');
  assert.equal(s.cookie, '');
  assert.ok(s.session && s.session.includes(oms.token), 'sessionStorage holds the remembered token');
  await page.reload();
  assert.equal(pathAndQuery(page), '/discrepancies?page=2');
  await expectRowsMatchApi(page, oms, { page: 2, limit: 20 });
  assert.equal((await storage()).local, 0);

  // Sign out: gone from storage, notice shown, a reload stays signed out.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL((u) => u.pathname === '/sign-in');
  await page.getByText('You are signed out. The token was removed from this tab.').waitFor();
  s = await storage();
  assert.deepEqual(s, { local: 0, sessionLength: 0, session: null, cookie: '' });
  await page.reload();
  await page.waitForURL((u) => u.pathname === '/sign-in');
  await page.getByLabel('API token').waitFor();
  assert.equal(await page.locator('table.records').count(), 0);

  const leaked = urls.filter((u) => u.includes(oms.token));
  assert.deepEqual(leaked, [], 'no visited or requested URL contains the token');
  assert.ok(urls.length > 5);
  await page.context().close();
});

test('token expiry mid-session: back to sign-in with the notice, then back to where the user was', async () => {
  const { oms } = ctx;
  const original = oms.token;
  const page = await ctx.newPage();
  try {
    // A deep link while signed out carries the destination through sign-in.
    await page.goto(`${oms.url}/discrepancies?page=3`);
    await page.waitForURL((u) => u.pathname === '/sign-in' && u.searchParams.get('next') === '/discrepancies?page=3');
    await signIn(page, oms);
    assert.equal(pathAndQuery(page), '/discrepancies?page=3');
    await expectRowsMatchApi(page, oms, { page: 3, limit: 20 });

    await oms.setToken('rotated-token-9');
    await page.getByRole('link', { name: 'Next', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/sign-in');
    await page.getByRole('alert').filter({ hasText: 'Your session ended: the OMS no longer accepts the token.' }).waitFor();
    assert.equal(new URL(page.url()).searchParams.get('next'), '/discrepancies?page=4');
    assert.equal(await page.evaluate(() => sessionStorage.length + localStorage.length), 0);

    // The old token is refused, the new one brings the user back to that page.
    await signIn(page, oms, { token: original, expectFailure: true });
    await page.locator('#token-error', { hasText: 'The OMS rejected this token.' }).waitFor();
    await signIn(page, oms, { token: 'rotated-token-9' });
    assert.equal(pathAndQuery(page), '/discrepancies?page=4');
    await expectRowsMatchApi(page, oms, { page: 4, limit: 20 });
    assert.equal(await page.getByText('Your session ended').count(), 0, 'the notice is gone after sign-in');
    // The keyboard and a screen reader start again at the page's heading.
    await poll(
      () => page.evaluate(() => `${document.activeElement.tagName} ${document.activeElement.textContent}`),
      (f) => f === 'H1 Inventory discrepancies',
      { message: 'focus on the list heading after the round trip' },
    );
  } finally {
    await oms.setToken(original);
    await page.context().close();
  }
});
