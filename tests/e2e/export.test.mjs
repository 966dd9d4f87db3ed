// CSV export of the list as filtered and sorted: the file has exactly the server's records
// (each once), the progress moves, a hostile reason is neutralised, a 429 pauses it with a
// message and it completes, and cancel stops the requests within one page.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { setup, signIn, poll, LIST_PATH } from './harness.mjs';

const ctx = setup({ records: 10000, seed: 8 });
const HOSTILE = '=HYPERLINK("http://evil.example","click")';

/** RFC 4180 cells of `text` (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += c;
  }
  assert.equal(cell, '', 'the file ends with CRLF');
  return rows;
}

/** Every id the server lists for `params`, in its order. */
async function serverIds(oms, params) {
  const ids = [];
  for (let page = 1; ; page++) {
    const answer = await oms.list({ ...params, limit: 1000, page });
    ids.push(...answer.results.map((r) => r.id));
    if (!answer.next) return ids;
  }
}

/** The `limit=1000` list requests the page sends (the export's pages). */
function exportRequests(page) {
  const sent = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname === LIST_PATH && url.searchParams.get('limit') === '1000') sent.push({ at: Date.now(), page: url.searchParams.get('page') });
  });
  return sent;
}

test('the file has exactly the server records, each once, with the progress moving and formulas neutralised', async () => {
  const { oms } = ctx;
  await oms.insertRecords([{ reason: HOSTILE, stock_location: 3, is_active: true }]);
  const page = await ctx.newPage();
  await signIn(page, oms, { remember: true });
  await page.goto(`${oms.url}/discrepancies?is_active=true&sort=id`);
  await page.locator('table.records').waitFor();
  const params = { is_active: 'true', sort: 'id' };
  const expected = await serverIds(oms, params);
  assert.ok(expected.length > 4000, `enough records to take several pages (${expected.length})`);

  // Every value the progress bar takes.
  await page.evaluate(() => {
    window.progressSeen = [];
    const bar = document.querySelector('.export progress');
    new MutationObserver(() => window.progressSeen.push(Number(bar.getAttribute('value')))).observe(bar, { attributes: true });
  });
  const sent = exportRequests(page);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  assert.match(file.suggestedFilename(), /^discrepancies_\d{4}-\d{2}-\d{2}_is_active-true\.csv$/);
  const text = await fs.readFile(await file.path(), 'utf8');
  assert.ok(text.startsWith('\uFEFF'), 'a byte order mark for Excel');
  const rows = parseCsv(text.slice(1));
  assert.deepEqual(rows[0], ['id', 'reason', 'stock_location', 'stock_location_name', 'is_active', 'package_item', 'transfer_item', 'created_date', 'modified_date']);
  const ids = rows.slice(1).map((r) => Number(r[0]));
  assert.deepEqual(ids, expected, 'exactly the server records, in its order');
  assert.equal(new Set(ids).size, ids.length, 'each once');
  assert.ok(rows.slice(1).every((r) => r.length === 9 && r[4] === 'true'));
  const hostile = rows.find((r) => r[1].includes('HYPERLINK'));
  assert.equal(hostile[1], `'${HOSTILE}`, 'the formula is neutralised');

  assert.equal(sent.length, Math.ceil(expected.length / 1000), 'one request per page of 1,000');
  const seen = await page.evaluate(() => window.progressSeen);
  assert.ok(seen.some((v) => v > 0 && v < 100), `the progress moved (${seen})`);
  assert.equal(
    await page.locator('#export-status').textContent(),
    `Saved ${file.suggestedFilename()} with ${expected.length.toLocaleString('en-GB')} records.`,
  );
  await page.getByRole('button', { name: 'Close' }).click();
  assert.equal(await page.locator('#export-status').textContent(), '');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a 429 pauses the export with a message, and it completes', async () => {
  const { oms } = ctx;
  const page = await ctx.newPage();
  await signIn(page, oms, { remember: true });
  await page.goto(`${oms.url}/discrepancies?is_active=true`);
  await page.locator('table.records').waitFor();
  const expected = await serverIds(oms, { is_active: 'true' });
  await oms.faults({ throttle: 1 });
  try {
    const statuses = [];
    page.on('response', (r) => new URL(r.url()).searchParams.get('limit') === '1000' && statuses.push(r.status()));
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByRole('button', { name: 'Export CSV' }).click();
    await page.getByText(/The OMS is limiting requests: continuing in \d+ s\./).waitFor({ timeout: 30_000 });
    const file = await download;
    const ids = parseCsv((await fs.readFile(await file.path(), 'utf8')).slice(1)).slice(1).map((r) => Number(r[0]));
    assert.deepEqual(ids, expected);
    assert.ok(statuses.includes(429), 'the OMS did throttle');
  } finally {
    await oms.faults({ throttle: null });
  }
  await page.context().close();
});

test('cancel stops the requests within one page, and saves nothing', async () => {
  const { oms } = ctx;
  const page = await ctx.newPage();
  await signIn(page, oms);
  await page.locator('table.records').waitFor();
  await oms.faults({ latency_ms: 300 });
  try {
    const sent = exportRequests(page);
    let downloaded = false;
    page.on('download', () => (downloaded = true));
    await page.getByRole('button', { name: 'Export CSV' }).click();
    await poll(() => sent.length, (n) => n >= 2, { message: 'a second page asked' });
    await page.getByRole('button', { name: 'Cancel' }).click();
    const cancelledAt = Date.now();
    await page.getByText(/^Export cancelled after [\d,]+ rows; no file was saved\.$/).waitFor();
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual(sent.filter((s) => s.at > cancelledAt), [], 'no request after cancel');
    assert.equal(downloaded, false);
  } finally {
    await oms.faults({ latency_ms: 0 });
  }
  await page.context().close();
});

test('records added during the export: each record once, and the app says the list changed', async () => {
  const { oms } = ctx;
  const page = await ctx.newPage();
  await signIn(page, oms, { remember: true });
  await page.goto(`${oms.url}/discrepancies?is_active=true`);
  await page.locator('table.records').waitFor();
  const before = await serverIds(oms, { is_active: 'true' });
  await oms.faults({ latency_ms: 200 });
  try {
    const sent = exportRequests(page);
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByRole('button', { name: 'Export CSV' }).click();
    await poll(() => sent.length, (n) => n >= 2, { message: 'a second page asked' });
    // Newer records come first in the default order: every later page shifts by 50.
    await oms.insertRecords(Array.from({ length: 50 }, (_, i) => ({ reason: `added ${i}`, stock_location: 2, is_active: true })));
    const file = await download;
    const ids = parseCsv((await fs.readFile(await file.path(), 'utf8')).slice(1)).slice(1).map((r) => Number(r[0]));
    assert.equal(new Set(ids).size, ids.length, 'no record twice');
    assert.deepEqual([...ids].sort((a, b) => a - b), [...before].sort((a, b) => a - b), 'the records of the start, each once');
    const n = (x) => x.toLocaleString('en-GB');
    assert.match(
      await page.locator('#export-status').textContent(),
      new RegExp(`The list changed during the export \\(${n(before.length)} records at the start, ${n(before.length + 50)} at the end\\); each record is in the file once\\.$`),
    );
  } finally {
    await oms.faults({ latency_ms: 0 });
  }
  await page.context().close();
});

test('above 100,000 records it asks first, then the file has exactly the first 100,000', async () => {
  const { oms } = ctx;
  await oms.reseed({ records: 100_500, seed: 9 });
  const page = await ctx.newPage();
  await signIn(page, oms, { remember: true });
  await page.goto(`${oms.url}/discrepancies?sort=id`);
  await page.locator('table.records').waitFor();
  const sent = exportRequests(page);
  await page.getByRole('button', { name: 'Export CSV' }).click();
  await page.getByText('This list has 100,500 records; the file takes the first 100,000.').waitFor();
  assert.equal(sent.length, 1, 'it asks after the first page, before any other');
  const download = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByRole('button', { name: 'Export the first 100,000' }).click();
  const file = await download;
  const ids = parseCsv((await fs.readFile(await file.path(), 'utf8')).slice(1)).slice(1).map((r) => Number(r[0]));
  assert.equal(ids.length, 100_000);
  const expected = (await serverIds(oms, { sort: 'id' })).slice(0, 100_000);
  assert.deepEqual(ids, expected, 'the first 100,000 in the list order, each once');
  assert.equal(sent.length, 100, 'the first page is not asked twice');
  assert.match(await page.locator('#export-status').textContent(), /with 100,000 records\. This list has 100,500 records; the file takes the first 100,000\.$/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
