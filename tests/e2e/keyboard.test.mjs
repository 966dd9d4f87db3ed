// Keyboard-first work: every task without the mouse. The focus lands on the page's heading
// after sign-in, rows are walked with j/k and opened with Enter, pages flip with [ ] and the
// pager keeps the focus where the user was, / goes to the filters, the removal is confirmed
// in a modal dialog that keeps the focus and gives it back, and shortcuts stay out of the
// way while typing, can be listed (?) and turned off.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, signIn, poll, eventually, expectRowsMatchApi, insertOld, pathAndQuery } from './harness.mjs';

const ctx = setup({ records: 120, seed: 13 });

/** What has the focus: tag, id, class, text (trimmed) and whether it sits in `selector`. */
function focused(page, selector = 'body') {
  return page.evaluate((sel) => {
    const el = document.activeElement;
    return {
      tag: el?.tagName.toLowerCase(),
      id: el?.id || '',
      cls: el?.className || '',
      text: (el?.textContent || '').trim(),
      inside: !!el?.closest(sel),
    };
  }, selector);
}

test('sign-in lands on the heading; j/k walk the rows, Enter opens one; [ ] flip; the pager keeps the focus', async () => {
  const { oms } = ctx;
  const page = await ctx.newPage();
  await signIn(page, oms, { remember: true });
  await poll(() => focused(page), (f) => f.tag === 'h1' && f.text === 'Inventory discrepancies', { message: 'focus on the list heading' });
  const first = await expectRowsMatchApi(page, oms, {});
  const ids = first.results.map((r) => r.id);

  await page.keyboard.press('j');
  assert.equal((await focused(page)).text, String(ids[0]));
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  assert.equal((await focused(page)).text, String(ids[2]));
  await page.keyboard.press('k');
  assert.equal((await focused(page)).text, String(ids[1]));
  // The row link opens with Enter.
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.pathname === `/discrepancies/${ids[1]}`);
  await page.locator('dl.fields').waitFor();
  await page.goBack();
  await expectRowsMatchApi(page, oms, {});

  // ] and [ flip pages.
  await page.keyboard.press(']');
  await page.waitForURL((u) => u.search === '?page=2');
  await expectRowsMatchApi(page, oms, { page: 2 });
  await page.keyboard.press('[');
  await page.waitForURL((u) => u.search === '');
  await expectRowsMatchApi(page, oms, {});

  // The pager's "Next" link keeps the focus across flips; each new page is announced.
  await page.locator('.pager a.next').focus();
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.search === '?page=2');
  await expectRowsMatchApi(page, oms, { page: 2 });
  const last = Math.ceil(first.count / 20);
  await poll(() => focused(page), (f) => f.cls.includes('next') && f.text === 'Next', { message: 'focus back on Next' });
  await eventually(() => page.locator('#announcer').textContent(), `Page 2 of ${last}`, 'announcement');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.search === '?page=3');
  await expectRowsMatchApi(page, oms, { page: 3 });
  await poll(() => focused(page), (f) => f.cls.includes('next'), { message: 'focus still on Next' });
  await eventually(() => page.locator('#announcer').textContent(), `Page 3 of ${last}`, 'announcement');

  // A row's focus stays in the rows across a flip (never on <body>).
  await page.keyboard.press('j');
  await page.keyboard.press(']');
  await page.waitForURL((u) => u.search === '?page=4');
  await expectRowsMatchApi(page, oms, { page: 4 });
  await eventually(() => page.locator('#announcer').textContent(), `Page 4 of ${last}`, 'announcement');
  const after = await focused(page, 'table.records');
  assert.ok(after.inside, `the focus is still in the table (${JSON.stringify(after)})`);
  // On the last page "Next" is no link: its focus goes to the control of the same name or the table.
  await page.goto(`${oms.url}/discrepancies?page=${last - 1}`);
  await expectRowsMatchApi(page, oms, { page: last - 1 });
  await page.locator('.pager a.next').focus();
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.search === `?page=${last}`);
  await expectRowsMatchApi(page, oms, { page: last });
  await poll(() => focused(page), (f) => f.tag !== 'body', { message: 'the focus is not lost' });
  assert.ok((await focused(page, '.results')).inside, 'the focus stays in the results');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('/ goes to the filters; shortcuts do nothing while typing; the filter applies with Enter', async () => {
  const { oms } = ctx;
  const page = await ctx.newPage();
  await signIn(page, oms);
  await expectRowsMatchApi(page, oms, {});
  await page.keyboard.press('/');
  const field = await focused(page);
  assert.equal(field.tag, 'input');
  assert.equal(await page.evaluate(() => document.activeElement.name), 'reason');
  // Typed into the field, not taken as shortcuts: no row focused, no page flipped.
  await page.keyboard.type('j]k/?');
  assert.equal(await page.evaluate(() => document.activeElement.value), 'j]k/?');
  assert.equal(pathAndQuery(page), '/discrepancies');
  assert.equal(await page.locator('dialog[open]').count(), 0);
  await page.keyboard.press('Control+a');
  await page.keyboard.type('out_of_stock');
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.searchParams.get('reason') === 'out_of_stock');
  await expectRowsMatchApi(page, oms, { reason: 'out_of_stock' });
  // The form is written again for the new view: the field keeps the focus, caret at the end.
  await poll(
    () => page.evaluate(() => [document.activeElement?.name, document.activeElement?.selectionStart]),
    ([name, caret]) => name === 'reason' && caret === 'out_of_stock'.length,
    { message: 'the focus stays in the field, the caret at the end' },
  );
  // The presets, stepped through with the arrow keys: each applies, and the next goes on.
  await page.locator('select[name=preset]').focus();
  const daysBack = (n) => {
    const d = new Date();
    d.setUTCDate(d.getUTCDate() - n);
    return d.toISOString().slice(0, 10);
  };
  await page.keyboard.press('ArrowDown');
  await page.waitForURL((u) => u.searchParams.get('created_date__gte') === daysBack(6));
  await poll(() => page.evaluate(() => document.activeElement?.name), (n) => n === 'preset', { message: 'the focus stays on the presets' });
  await page.keyboard.press('ArrowDown');
  await page.waitForURL((u) => u.searchParams.get('created_date__gte') === daysBack(29));
  assert.equal(await page.locator('select[name=preset]').inputValue(), '1');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a removal by keyboard: the confirmation is a modal dialog that keeps the focus, Escape cancels, the focus comes back', async () => {
  const { oms } = ctx;
  await insertOld(oms, { location: 77, n: 4, year: 2001, label: 'keyboard' });
  const page = await ctx.newPage();
  await signIn(page, oms);
  await expectRowsMatchApi(page, oms, {});
  // g r: the removal form, its heading focused.
  await page.keyboard.press('g');
  await page.keyboard.press('r');
  await page.waitForURL((u) => u.pathname === '/discrepancies/remove');
  await poll(() => focused(page), (f) => f.tag === 'h1' && f.text === 'Remove old records', { message: 'focus on the removal heading' });
  // Tab to the date field, then the location field, typing into each.
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).id, 'expired-date');
  await page.locator('#expired-date').fill('2002-01-01'); // a date input's segments, set without the mouse
  // Tab walks the date's segments (day, month, year), then leaves it.
  for (let i = 0; i < 4 && (await focused(page)).id === 'expired-date'; i++) await page.keyboard.press('Tab');
  assert.equal((await focused(page)).id, 'stock-location');
  await page.keyboard.type('77');
  const before = (await oms.stats()).requests.remove;
  await page.keyboard.press('Enter');

  const dialog = page.locator('dialog.confirm[open]');
  await dialog.waitFor();
  await poll(() => focused(page), (f) => f.id === 'confirm-title', { message: 'focus on the confirmation' });
  // The page behind is inert: Tab goes round the dialog's buttons and its link only.
  const seen = new Set();
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page, 'dialog.confirm');
    if (f.tag !== 'body') {
      assert.ok(f.inside, `Tab ${i + 1} stayed in the dialog (${JSON.stringify(f)})`);
      seen.add(f.text);
    }
  }
  assert.deepEqual([...seen].sort(), ['Cancel', 'Remove 4 records', 'Show these records in the list']);
  // Escape cancels: nothing sent, the form as typed, the focus on the button that opened it.
  await page.keyboard.press('Escape');
  await page.locator('dialog.confirm').waitFor({ state: 'detached' });
  await poll(() => focused(page), (f) => f.id === 'review-button', { message: 'focus back on Review' });
  assert.equal((await oms.stats()).requests.remove, before);
  assert.equal(await page.locator('#stock-location').inputValue(), '77');

  // Again, and confirm with the keyboard.
  await page.keyboard.press('Enter');
  await dialog.waitFor();
  await poll(() => focused(page), (f) => f.id === 'confirm-title', { message: 'focus on the confirmation' });
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).text, 'Remove 4 records');
  await page.keyboard.press('Enter');
  await poll(() => focused(page), (f) => f.id === 'done-title', { message: 'focus on the outcome' });
  assert.equal((await oms.stats()).requests.remove, before + 1);
  assert.equal((await oms.list({ stock_location: 77, limit: 1 })).count, 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('? lists the shortcuts in either language; they can be turned off, and that is kept', async () => {
  const { oms } = ctx;
  const page = await ctx.newPage();
  await signIn(page, oms, { remember: true });
  await expectRowsMatchApi(page, oms, {});
  await page.keyboard.press('j');
  const row = (await focused(page)).text;
  await page.keyboard.press('?');
  const help = page.locator('dialog#shortcuts[open]');
  await help.getByRole('heading', { name: 'Keyboard shortcuts' }).waitFor();
  // Ten: the rows, the pages, the filters, the three sections (g l, g i, g r) and this list.
  assert.equal(await help.locator('dt').count(), 10);
  await help.getByText('Go to the insights').waitFor();
  assert.ok((await focused(page, '#shortcuts')).inside, 'the focus is in the dialog');
  // Escape closes it and the focus goes back to the row.
  await page.keyboard.press('Escape');
  await poll(() => page.locator('dialog#shortcuts[open]').count(), (n) => n === 0, { message: 'dialog closed' });
  assert.equal((await focused(page)).text, row);

  // Off: the checkbox (Space), closed with the Close button (Enter).
  await page.keyboard.press('?');
  await page.getByRole('checkbox', { name: 'Use keyboard shortcuts' }).focus();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Close' }).focus();
  await page.keyboard.press('Enter');
  await poll(() => page.locator('dialog#shortcuts[open]').count(), (n) => n === 0, { message: 'dialog closed' });
  await page.locator('h1').focus();
  await page.keyboard.press('j');
  await page.keyboard.press(']');
  assert.equal((await focused(page)).tag, 'h1', 'j does nothing');
  assert.equal(pathAndQuery(page), '/discrepancies', '] does nothing');
  // Kept across a reload; the header's button still opens the list (in Turkish after a switch).
  await page.reload();
  await expectRowsMatchApi(page, oms, {});
  await page.keyboard.press('?');
  assert.equal(await page.locator('dialog#shortcuts[open]').count(), 0);
  await page.selectOption('#language-switch', 'tr');
  await page.getByRole('heading', { level: 1, name: 'Envanter uyuşmazlıkları' }).waitFor();
  await page.getByRole('button', { name: 'Klavye kısayolları' }).focus();
  await page.keyboard.press('Enter');
  const tr = page.locator('dialog#shortcuts[open]');
  await tr.getByRole('heading', { name: 'Klavye kısayolları' }).waitFor();
  const box = tr.getByRole('checkbox', { name: 'Klavye kısayollarını kullan' });
  assert.equal(await box.isChecked(), false);
  await box.focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Escape');
  await poll(() => page.locator('dialog#shortcuts[open]').count(), (n) => n === 0, { message: 'dialog closed' });
  await page.keyboard.press(']');
  await page.waitForURL((u) => u.search === '?page=2');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the skip link is the first stop and moves the focus to the main content', async () => {
  const { oms } = ctx;
  const page = await ctx.newPage();
  await signIn(page, oms, { remember: true });
  await expectRowsMatchApi(page, oms, {});
  // A fresh load: the Tab order starts at the top of the document.
  await page.reload();
  await expectRowsMatchApi(page, oms, {});
  await page.keyboard.press('Tab');
  const skip = await focused(page);
  assert.equal(skip.text, 'Skip to main content');
  assert.ok(await page.getByRole('link', { name: 'Skip to main content' }).isVisible(), 'visible once focused');
  await page.keyboard.press('Enter');
  await poll(() => focused(page), (f) => f.id === 'main', { message: 'focus on main' });
  await page.keyboard.press('Tab');
  assert.ok((await focused(page, 'main')).inside, 'Tab goes on inside the main content');
  assert.equal(pathAndQuery(page), '/discrepancies');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
