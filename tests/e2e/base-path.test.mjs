// The main flows with the app mounted under a router base (`/apps/oms`, as a host back
// office mounts it) and at the root: every link, redirect and return path stays inside the
// base, a sign-in return does not get the base twice, and a deep link reloads.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startOms, launchBrowser, signIn, openRemoval, review, expectRowsMatchApi, pathAndQuery, TIMEOUT } from './harness.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: 'UTC', locale: 'en-GB' });
  context.setDefaultTimeout(TIMEOUT);
  context.setDefaultNavigationTimeout(TIMEOUT);
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  // Every document the app loads must be inside the base: a link that leaves it would be a
  // full page load of another path.
  page.documents = [];
  page.on('request', (r) => {
    if (r.isNavigationRequest() && r.frame() === page.mainFrame()) page.documents.push(new URL(r.url()).pathname);
  });
  return page;
}

for (const base of ['/apps/oms', '']) {
  describe(`mounted at ${base || 'the root'}`, () => {
    let oms;
    before(async () => {
      oms = await startOms({ records: 130, seed: 21, config: base ? { router_base: base } : undefined });
    });
    after(async () => {
      await oms?.stop();
    });

    const main = (page) => page.getByRole('main');
    const documentsInsideBase = (page) => {
      for (const p of page.documents) assert.ok(p.startsWith(`${base}/`), `a page load left the base: ${p} (${page.documents})`);
    };

    test('sign in and return, list, page, sort, detail and back', async () => {
      const page = await newPage();
      // A deep link while signed out: sign in, then back to exactly that view.
      await page.goto(`${oms.url}${base}/discrepancies?page=2&sort=reason`);
      await page.waitForURL((u) => u.pathname === `${base}/sign-in`);
      assert.equal(new URL(page.url()).searchParams.get('next'), '/discrepancies?page=2&sort=reason', 'next is an app path, without the base');
      await signIn(page, oms, { base });
      assert.equal(pathAndQuery(page), `${base}/discrepancies?page=2&sort=reason`, 'the base is there once');
      await expectRowsMatchApi(page, oms, { page: 2, limit: 20, sort: 'reason' });

      // The pager's links stay inside the base and flip without a page load.
      const loads = page.documents.length;
      const next = main(page).getByRole('link', { name: 'Next', exact: true });
      assert.equal(await next.getAttribute('href'), `${base}/discrepancies?page=3&sort=reason`);
      await next.click();
      await page.waitForURL((u) => u.search === '?page=3&sort=reason');
      assert.equal(new URL(page.url()).pathname, `${base}/discrepancies`);
      await expectRowsMatchApi(page, oms, { page: 3, limit: 20, sort: 'reason' });

      // Sorting from a header.
      await main(page).getByRole('link', { name: /Created/ }).click();
      await page.waitForURL((u) => u.search === '?sort=-created_date');
      await expectRowsMatchApi(page, oms, { page: 1, limit: 20, sort: '-created_date' });

      // A record and back to the same view.
      const firstLink = page.locator('table.records tbody tr td:first-child a').first();
      const id = (await firstLink.textContent()).trim();
      assert.equal(await firstLink.getAttribute('href'), `${base}/discrepancies/${id}`);
      await firstLink.click();
      await page.waitForURL((u) => u.pathname === `${base}/discrepancies/${id}`);
      await page.getByRole('heading', { level: 1, name: `Discrepancy #${id}` }).waitFor();
      await page.getByRole('link', { name: '← Back to the list' }).click();
      await page.waitForURL((u) => u.pathname === `${base}/discrepancies` && u.search === '?sort=-created_date');
      await expectRowsMatchApi(page, oms, { page: 1, limit: 20, sort: '-created_date' });

      // The header's links.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Discrepancies' }).click();
      await page.waitForURL((u) => u.pathname + u.search === `${base}/discrepancies`);
      assert.equal(page.documents.length, loads, 'no page load after the first one');
      documentsInsideBase(page);
      assert.deepEqual(page.errors, []);
      await page.context().close();
    });

    test('a deep link reloads, and a revoked token returns to the same view after sign-in', async () => {
      const page = await newPage();
      await signIn(page, oms, { base, remember: true });
      const { results } = await oms.list({ limit: 1 });
      const id = results[0].id;
      await page.goto(`${oms.url}${base}/discrepancies/${id}`);
      await page.getByRole('heading', { level: 1, name: `Discrepancy #${id}` }).waitFor();
      await page.reload();
      await page.getByRole('heading', { level: 1, name: `Discrepancy #${id}` }).waitFor();

      await page.goto(`${oms.url}${base}/discrepancies?page=4`);
      await expectRowsMatchApi(page, oms, { page: 4, limit: 20 });
      // The token is revoked: the next read gets 401, the app asks to sign in again and
      // comes back to page 5 of the list.
      const old = oms.token;
      await oms.setToken(`rotated-${Date.now()}`);
      try {
        await main(page).getByRole('link', { name: 'Next', exact: true }).click();
        await page.waitForURL((u) => u.pathname === `${base}/sign-in`);
        assert.equal(new URL(page.url()).searchParams.get('next'), '/discrepancies?page=5');
        await page.getByText('Your session ended').waitFor();
        await signIn(page, oms, { base });
        assert.equal(pathAndQuery(page), `${base}/discrepancies?page=5`);
        await expectRowsMatchApi(page, oms, { page: 5, limit: 20 });
      } finally {
        await oms.setToken(old);
      }
      documentsInsideBase(page);
      assert.deepEqual(page.errors, []);
      await page.context().close();
    });

    test('removal inside the base: confirm, done, and back to the list', async () => {
      const page = await newPage();
      await signIn(page, oms, { base });
      await oms.insertRecords([1, 2, 3].map((i) => ({ reason: `base ${i}`, created_date: `2001-0${i}-15T12:00:00Z`, stock_location: 4 })));
      await openRemoval(page, base);
      await review(page, { date: '2002-01-01', location: 4 });
      await page.getByText('The server counts 3 such records right now.').waitFor();
      await page.getByRole('button', { name: 'Remove 3 records' }).click();
      await page.getByRole('heading', { name: /Done\. The OMS removed the records/ }).waitFor();
      assert.equal((await oms.list({ stock_location: 4, created_date__lt: '2002-01-01', limit: 1 })).count, 0);
      await page.getByRole('link', { name: 'View the list' }).click();
      await page.waitForURL((u) => u.pathname === `${base}/discrepancies`);
      await page.locator('table.records tbody tr').first().waitFor();
      documentsInsideBase(page);
      assert.deepEqual(page.errors, []);
      await page.context().close();
    });
  });
}
