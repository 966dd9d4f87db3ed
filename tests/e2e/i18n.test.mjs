// Turkish and English: a Turkish browser gets Turkish everywhere (text, `lang`, number
// grouping, dates, Turkish casing), and switching the language mid-session keeps the page,
// the filters and a half-filled form, without asking the OMS again.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, expectRowsMatchApi, pathAndQuery, poll, signIn, TIMEOUT } from './harness.mjs';

const ctx = setup({ records: 1500, seed: 12 });

/** A page in a browser whose language is `locale` (navigator.languages follows it). */
async function pageIn(locale, timezoneId = 'UTC') {
  const context = await ctx.browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId, locale });
  context.setDefaultTimeout(TIMEOUT);
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  return page;
}

/** Signs in through the Turkish form, staying signed in across reloads of this tab. */
async function signInTr(page, oms) {
  await page.goto(`${oms.url}/sign-in`);
  await page.getByRole('heading', { name: "OMS'e giriş yapın" }).waitFor();
  await page.getByLabel('OMS temel adresi').fill(oms.url);
  await page.getByLabel('API anahtarı').fill(oms.token);
  await page.getByRole('checkbox', { name: 'Bu sekmede oturumum açık kalsın' }).check();
  await page.getByRole('button', { name: 'Giriş yap' }).click();
  await page.waitForURL((u) => u.pathname === '/discrepancies');
}

const showing = (page) => page.locator('.showing').textContent();

test('a Turkish browser: sign-in, list, paging, detail, removal review and an error, all in Turkish', async () => {
  const { oms } = ctx;
  const page = await pageIn('tr-TR');
  await signInTr(page, oms);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'tr');
  assert.equal(await page.title(), 'Envanter uyuşmazlıkları');
  await page.getByRole('heading', { level: 1, name: 'Envanter uyuşmazlıkları' }).waitFor();
  const total = (await expectRowsMatchApi(page, oms, { page: 1, limit: 20 })).count;
  assert.ok(total >= 1000, 'enough records for a grouped count');
  const grouped = total.toLocaleString('tr-TR');
  assert.match(grouped, /^\d\.\d{3}$/);
  assert.equal(await showing(page), `${grouped} kayıttan 1–20 gösteriliyor`);

  // Turkish casing of the uppercased headers (i → İ) and Turkish dates.
  assert.equal(await page.locator('table.records th.active').innerText(), 'AKTİF');
  const when = await page.locator('table.records tbody tr time').first().textContent();
  assert.match(when, /^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/, `a Turkish date and time: ${when}`);

  await page.getByRole('link', { name: 'Sonraki' }).click();
  await page.waitForURL((u) => u.search === '?page=2');
  await expectRowsMatchApi(page, oms, { page: 2, limit: 20 });
  assert.equal(await showing(page), `${grouped} kayıttan 21–40 gösteriliyor`);

  // A record with a known reason: the Turkish label and the raw code.
  const answer = await oms.list({ page: 2, limit: 20 });
  const record = answer.results.find((r) => r.reason === 'out_of_stock') ?? answer.results[0];
  await page.getByRole('link', { name: `${record.id} numaralı uyuşmazlığı aç`, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: `Uyuşmazlık #${record.id}` }).waitFor();
  if (record.reason === 'out_of_stock') {
    assert.equal(await page.locator('.reason-full').textContent(), 'Stokta yok');
    assert.equal(await page.locator('.reason-code').textContent(), 'out_of_stock');
  }
  await page.getByRole('link', { name: '← Listeye dön' }).click();
  await page.waitForURL((u) => u.search === '?page=2');

  // The removal review with the server's count, and the cut-off day in Turkish.
  await oms.insertRecords([1, 2, 3].map((i) => ({ reason: `eski ${i}`, created_date: `2001-0${i}-15T12:00:00Z`, stock_location: 77 })));
  await page.getByRole('navigation', { name: 'Ana menü' }).getByRole('link', { name: 'Eski kayıtları sil' }).click();
  await page.getByLabel('Şu tarihten önce oluşturulan kayıtları sil').fill('2002-01-01');
  await page.getByLabel('Stok lokasyonu no (isteğe bağlı)').fill('77');
  await page.getByRole('button', { name: 'Silme işlemini incele' }).click();
  await page.getByRole('heading', { name: 'Silme işlemini onaylayın' }).waitFor();
  const day = await page.evaluate(() =>
    new Date('2002-01-01T00:00:00Z').toLocaleDateString('tr-TR', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
  );
  assert.equal(
    await page.locator('dialog.confirm .scope').textContent(),
    `${day} (00:00 UTC) tarihinden önce oluşturulan kayıtlar 77 numaralı stok lokasyonunda silinecek.`,
  );
  assert.equal(await page.locator('dialog.confirm .server-count').textContent(), 'Sunucu şu anda bu koşula uyan 3 kayıt sayıyor.');
  await page.getByRole('button', { name: '3 kaydı sil', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Vazgeç' }).click();

  // An error state: a page past the end.
  await page.goto(`${oms.url}/discrepancies?page=9999`);
  await page.getByText('Bu sayfa (artık) yok. Kayıtlar değişmiş olabilir.').first().waitFor();
  await page.getByRole('link', { name: '1. sayfaya git' }).first().waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('switching language mid-session keeps the page, the filters and a half-filled form, without a request', async () => {
  const { oms } = ctx;
  const page = await pageIn('en-GB');
  await page.goto(`${oms.url}/sign-in`);
  await page.getByLabel('OMS base URL').fill(oms.url);
  await page.getByLabel('API token').fill(oms.token);
  await page.getByRole('checkbox', { name: 'Keep me signed in on this tab' }).check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => u.pathname === '/discrepancies');
  await page.goto(`${oms.url}/discrepancies?page=3&sort=reason&is_active=true`);
  await expectRowsMatchApi(page, oms, { page: 3, limit: 20, sort: 'reason', is_active: true });
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await page.getByLabel('Reason').fill('half-typed');
  const rowsBefore = await page.locator('table.records tbody tr td:first-child').allTextContents();
  const before = (await oms.stats()).requests.list;

  const switcher = page.getByRole('combobox', { name: 'Language' });
  await switcher.focus(); // as a keyboard user reaches it
  await switcher.selectOption('tr');
  await page.getByRole('heading', { level: 1, name: 'Envanter uyuşmazlıkları' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'tr');
  assert.equal(pathAndQuery(page), '/discrepancies?page=3&sort=reason&is_active=true', 'same page and filters');
  assert.equal(await page.getByLabel('Neden').inputValue(), 'half-typed', 'the typed filter is kept');
  assert.deepEqual(await page.locator('table.records tbody tr td:first-child').allTextContents(), rowsBefore, 'same rows');
  assert.equal((await oms.stats()).requests.list, before, 'no request to the OMS');
  const focused = await poll(() => page.evaluate(() => document.activeElement?.id), (id) => id === 'language-switch', {
    message: 'the focus back on the switcher',
  });
  assert.equal(focused, 'language-switch', 'the switcher keeps the focus');

  // A half-filled removal form survives a switch back to English.
  await page.getByRole('navigation', { name: 'Ana menü' }).getByRole('link', { name: 'Eski kayıtları sil' }).click();
  await page.getByLabel('Şu tarihten önce oluşturulan kayıtları sil').fill('2003-04-05');
  await page.getByLabel('Stok lokasyonu no (isteğe bağlı)').fill('12');
  await page.getByRole('combobox', { name: 'Dil' }).selectOption('en');
  await page.getByRole('heading', { level: 1, name: 'Remove old records' }).waitFor();
  assert.equal(await page.getByLabel('Remove records created before').inputValue(), '2003-04-05');
  assert.equal(await page.getByLabel('Stock location ID (optional)').inputValue(), '12');

  // The choice is remembered (a preference in localStorage, not a credential).
  assert.equal(await page.evaluate(() => localStorage.getItem('discrepancy-admin.lang')), 'en');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('tr');
  await poll(() => page.evaluate(() => document.documentElement.lang), (l) => l === 'tr', { message: 'lang=tr' });
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Eski kayıtları sil' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'tr', 'remembered across a reload');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('local times follow the browser\'s time zone, summer time included, as Intl writes them in both languages', async () => {
  const { oms } = ctx;
  const options = {
    'en-GB': { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
    'tr-TR': { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  };
  for (const locale of Object.keys(options)) {
    const page = await pageIn(locale, 'America/New_York');
    if (locale === 'tr-TR') await signInTr(page, oms);
    else await signIn(page, oms, { remember: true });
    await page.goto(`${oms.url}/discrepancies?limit=250`);
    await page.locator('table.records tbody tr').nth(249).waitFor();
    const shown = await page.$$eval(
      'table.records tbody tr time',
      (times, [locale, opts]) =>
        times.map((t) => {
          const at = new Date(t.getAttribute('datetime'));
          return { text: t.textContent, intl: at.toLocaleString(locale, opts), offset: at.getTimezoneOffset() };
        }),
      [locale, options[locale]],
    );
    assert.equal(shown.length, 250);
    for (const s of shown) assert.equal(s.text, s.intl, locale);
    assert.deepEqual([...new Set(shown.map((s) => s.offset))].sort(), [240, 300], 'rows from both sides of a clock change');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});
