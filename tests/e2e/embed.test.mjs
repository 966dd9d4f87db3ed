// The app embedded in the demo shell (demo-shell/), on another origin, as an Omnitron page
// embeds it: the shell speaks the UI Protocol with the real npm `framebus`, so these tests
// prove the app's wire format against the library the shells run on.
//
// One oms-dev, one shell and one browser for the file; the app is served by oms-dev with
// `shell_origins` naming the shell and `frame-ancestors` allowing it.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEmbedded, appFrame, launchBrowser, poll, eventually, expectRowsMatchApi, visibleIds, insertOld, review, TIMEOUT } from './harness.mjs';

let oms;
let shell;
let browser;
/** Every token the OMS has had in this file: none may ever appear in a message the app posts. */
const tokens = new Set();

before(async () => {
  ({ oms, shell } = await startEmbedded({ records: 130, seed: 5 }));
  assert.notEqual(new URL(shell.url).origin, new URL(oms.url).origin, 'the shell and the app are different origins');
  tokens.add(oms.token);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await shell?.stop();
  await oms?.stop();
});

/** The shell's page at `path`, with the console watched for CSP reports and errors. */
async function openShell(path = '/en/extension/7/discrepancies', viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport, timezoneId: 'UTC', locale: 'en-GB' });
  context.setDefaultTimeout(TIMEOUT);
  context.setDefaultNavigationTimeout(TIMEOUT);
  const page = await context.newPage();
  page.console = [];
  page.on('console', (m) => page.console.push(`${m.type()}: ${m.text()}`));
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  // Every document the frame loads: following the shell must never reload the app.
  page.frameLoads = [];
  page.on('request', (r) => {
    if (r.isNavigationRequest() && r.frame() !== page.mainFrame()) page.frameLoads.push(new URL(r.url()).pathname);
  });
  await page.goto(shell.url + path);
  return page;
}

const app = (page) => appFrame(page, oms);

/** The shell on the list, its first page on screen: the page and the app's frame. */
async function openList() {
  const page = await openShell();
  const frame = await app(page);
  await expectRowsMatchApi(frame, oms, { page: 1, limit: 20 });
  return { page, frame };
}

const shellPath = (page) => {
  const u = new URL(page.url());
  return u.pathname + u.search;
};
const heading = async (page) => (await app(page)).locator('main h1').first().textContent();
/** What the shell received from the app, as parsed framebus messages. */
const received = (page) => page.evaluate(() => window.demoShell.received.slice());
const events = async (page, name) =>
  (await received(page))
    .filter((m) => typeof m === 'string' && m.startsWith('/*framebus*/'))
    .map((m) => JSON.parse(m.slice('/*framebus*/'.length)))
    .filter((m) => m.event === name);
/** Marks the frame's document, to tell a same-document move from a reload. */
const mark = async (page) => (await app(page)).evaluate(() => (window.__sameDocument = true));
const sameDocument = async (page) => (await app(page)).evaluate(() => window.__sameDocument === true);
const ignoredCount = async (page) =>
  Number((await (await app(page)).evaluate(() => document.documentElement.dataset.embedIgnored)) ?? 0);

/** No message the app posted carries any token, and the frame saw no CSP violation. */
async function checkHygiene(page) {
  for (const text of await received(page)) {
    for (const token of tokens) assert.ok(!String(text).includes(token), `a message carries a token: ${text}`);
  }
  const csp = page.console.filter((m) => /Content Security Policy|Refused to/i.test(m));
  assert.deepEqual(csp, [], 'no CSP violation');
  assert.deepEqual(page.errors, [], 'no uncaught error');
}

test('the shell signs the app in: rows without a sign-in screen, menu and app id from the protocol', async () => {
  const { page, frame } = await openList();
  assert.ok(!page.frameLoads.some((p) => p.includes('sign-in')), `no sign-in: ${page.frameLoads}`);
  assert.ok(!(await frame.evaluate(() => location.pathname)).includes('sign-in'));

  // SET_CONFIG's menu in the shell's sidebar, in the app's language.
  await eventually(
    () => page.locator('#shell-menu a').allTextContents(),
    ['Discrepancies', 'Insights', 'Remove old records'],
    'the menu from SET_CONFIG',
  );
  const [config] = await events(page, 'SET_CONFIG');
  assert.deepEqual(config.eventData.menu.map((i) => i.path), ['/discrepancies', '/discrepancies/insights', '/discrepancies/remove']);
  assert.equal(config.eventData.type, 'full_page');
  assert.equal(await frame.evaluate(() => document.documentElement.dataset.embedAppId), '7');
  // Embedded, the shell's language decides: the app's own switcher is hidden.
  assert.equal(await frame.locator('#language-switch').isVisible(), false);
  await checkHygiene(page);
  await page.context().close();
});

test('moving in the frame moves the shell: Next, back and forward, reload', async () => {
  const { page, frame } = await openList();
  await mark(page);
  await frame.getByRole('main').getByRole('link', { name: 'Next', exact: true }).click();
  await expectRowsMatchApi(frame, oms, { page: 2, limit: 20 });
  await poll(() => shellPath(page), (p) => p === '/en/extension/7/discrepancies?page=2', { message: 'the shell URL follows' });
  assert.ok(await sameDocument(page), 'the flip did not reload the app');

  await page.goBack();
  await expectRowsMatchApi(frame, oms, { page: 1, limit: 20 });
  await poll(() => shellPath(page), (p) => p === '/en/extension/7/discrepancies', { message: 'back: the shell URL follows' });
  await page.goForward();
  await expectRowsMatchApi(frame, oms, { page: 2, limit: 20 });
  await poll(() => shellPath(page), (p) => p === '/en/extension/7/discrepancies?page=2', { message: 'forward: the shell URL follows' });

  // A reload of the shell reopens the same view inside the frame.
  await page.reload();
  await expectRowsMatchApi(await app(page), oms, { page: 2, limit: 20 });
  assert.equal(shellPath(page), '/en/extension/7/discrepancies?page=2');
  await checkHygiene(page);
  await page.context().close();
});

test('NAVIGATE_CHILD and the shell menu move the app without a reload, and are not echoed', async () => {
  const { page, frame } = await openList();
  await mark(page);
  const before = (await events(page, 'NAVIGATE')).length;
  await page.evaluate(() => window.demoShell.navigateChild('/discrepancies/42'));
  await poll(() => heading(page), (h) => h === 'Discrepancy #42', { message: 'record 42' });
  assert.ok(await sameDocument(page), 'NAVIGATE_CHILD did not reload the app');
  await new Promise((r) => setTimeout(r, 300));
  assert.equal((await events(page, 'NAVIGATE')).length, before, 'no NAVIGATE echo for a move the shell asked for');

  await page.locator('#shell-menu a', { hasText: 'Remove old records' }).click();
  await poll(() => heading(page), (h) => h === 'Remove old records', { message: 'the removal page' });
  assert.ok(await sameDocument(page), 'the menu did not reload the app');
  assert.equal(shellPath(page), '/en/extension/7/discrepancies/remove');
  await checkHygiene(page);
  await page.context().close();
});

test('the shell switches language and theme in place', async () => {
  const { page, frame } = await openList();
  await mark(page);
  assert.equal(await frame.evaluate(() => document.documentElement.dataset.theme), 'dark');
  const dark = await frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(dark, 'rgb(41, 50, 69)', "Akinon's dark layout background");

  await page.selectOption('#shell-lang', 'tr');
  await poll(() => heading(page), (h) => h === 'Envanter uyuşmazlıkları', { message: 'Turkish' });
  assert.equal(await frame.evaluate(() => document.documentElement.lang), 'tr');
  assert.ok(await sameDocument(page), 'the language switched in place');
  // SET_CONFIG again, with the menu in Turkish.
  await eventually(
    () => page.locator('#shell-menu a').allTextContents(),
    ['Uyuşmazlıklar', 'Analiz', 'Eski kayıtları sil'],
    'the menu in Turkish',
  );
  assert.ok(shellPath(page).startsWith('/tr/extension/7/'));

  await page.selectOption('#shell-theme', 'light');
  await poll(() => frame.evaluate(() => document.documentElement.dataset.theme), (t) => t === 'light', { message: 'light' });
  const light = await frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(light, 'rgb(246, 247, 249)', "the app's own light look");
  await checkHygiene(page);
  await page.context().close();
});

test('a rotated token is used by the next request', async () => {
  const { page, frame } = await openList();
  const old = oms.token;
  // Every list request of the frame from now on, with the token it carried and its status.
  const seen = [];
  page.on('response', (r) => {
    if (r.frame() !== page.mainFrame() && r.url().includes('/inventory-discrepancies/')) {
      seen.push({ auth: r.request().headers().authorization, status: r.status() });
    }
  });
  await page.click('#shell-rotate');
  await poll(() => shell.token(), (t) => t !== old, { message: 'the shell rotated the token' });
  oms.token = shell.token();
  tokens.add(oms.token);
  await frame.getByRole('main').getByRole('link', { name: 'Next', exact: true }).click();
  await expectRowsMatchApi(frame, oms, { page: 2, limit: 20 });
  assert.ok(seen.length >= 1, 'the flip made a request');
  assert.deepEqual(
    seen.filter((s) => s.auth !== `Token ${oms.token}` || s.status !== 200),
    [],
    'every request after the rotation carried the new token and none got 401',
  );
  assert.ok(!(await frame.evaluate(() => location.pathname)).includes('sign-in'));
  await checkHygiene(page);
  await page.context().close();
});

test('a 401 asks the shell for a new token: answered, the view reloads; unanswered, sign-in in the frame', async () => {
  const { page, frame } = await openList();

  // The token changes behind the app's back: its next request gets 401.
  const rotate = async () => {
    const res = await fetch(`${shell.url}/shell/rotate`, { method: 'POST' });
    assert.equal(res.status, 200);
    oms.token = shell.token();
    tokens.add(oms.token);
  };
  await rotate();
  await frame.getByRole('main').getByRole('link', { name: 'Next', exact: true }).click();
  await expectRowsMatchApi(frame, oms, { page: 2, limit: 20 });
  const [ask] = await events(page, 'INVOKE_ACTION');
  assert.equal(ask.eventData.key, 'refreshOmsToken');
  assert.match(ask.reply, /\S/, 'the request carries a reply id');
  assert.ok(!(await frame.evaluate(() => location.pathname)).includes('sign-in'));

  // Again, but the shell does not answer: after the 5 s timeout, the app's own sign-in.
  await page.uncheck('#shell-answer-refresh');
  await rotate();
  await frame.getByRole('main').getByRole('link', { name: 'Next', exact: true }).click();
  await poll(() => events(page, 'INVOKE_ACTION'), (e) => e.length === 2, { message: 'asked again' });
  await poll(() => frame.evaluate(() => location.pathname), (p) => p === '/sign-in', { timeout: 10_000, message: 'sign-in in the frame' });
  await frame.getByRole('heading', { level: 1 }).waitFor();
  await poll(() => shellPath(page), (p) => p.startsWith('/en/extension/7/sign-in'), { message: 'the shell follows to sign-in' });

  // The operator signs in inside the frame with a token of their own.
  await frame.getByLabel('API token').fill(oms.token);
  await frame.getByRole('button', { name: 'Sign in' }).click();
  await expectRowsMatchApi(frame, oms, { page: 3, limit: 20 });
  await page.check('#shell-answer-refresh');
  await checkHygiene(page);
  await page.context().close();
});

test('hostile messages change nothing: a sibling frame, bad paths, malformed data', async () => {
  const { page, frame } = await openList();
  await mark(page);
  const ignoredBefore = await ignoredCount(page);

  // A sibling frame on the shell's own (allowed) origin: not the parent, so not obeyed.
  await page.evaluate(() => {
    const sibling = document.createElement('iframe');
    sibling.name = 'sibling';
    document.body.appendChild(sibling);
  });
  const sibling = await poll(() => page.frames().find((f) => f.name() === 'sibling'), (f) => f !== undefined, { message: 'the sibling' });
  await sibling.evaluate(() => {
    const app = window.parent.frames[0];
    const post = (event, eventData) => app.postMessage('/*framebus*/' + JSON.stringify({ event, origin: '*', eventData }), '*');
    post('SET_DATA', { locale: 'tr', theme: 'light', oms: { baseUrl: 'https://evil.example.com', token: 'evil' } });
    post('NAVIGATE_CHILD', { path: '/discrepancies/1' });
  });
  // The parent itself, with paths that leave the app and malformed shapes.
  await page.evaluate(() => {
    for (const path of ['javascript:alert(1)', '//evil.example.com/x', 'https://evil.example.com/', '/\\evil.example.com']) {
      window.demoShell.emit('NAVIGATE_CHILD', { path });
    }
    window.demoShell.emit('SET_DATA', { locale: 5 });
    window.demoShell.emit('SET_DATA', { oms: { baseUrl: 'javascript:alert(1)', token: 'evil' } });
  });
  await poll(() => ignoredCount(page), (n) => n >= ignoredBefore + 6, { message: 'the hostile messages were seen and ignored' });
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(await heading(page), 'Inventory discrepancies', 'still the list, in English');
  assert.equal(await frame.evaluate(() => location.pathname + location.search), '/discrepancies');
  assert.equal(await frame.evaluate(() => document.documentElement.dataset.theme), 'dark');
  assert.ok(await sameDocument(page));
  assert.deepEqual(await visibleIds(frame), (await oms.list({ page: 1, limit: 20 })).results.map((r) => r.id));
  await checkHygiene(page);
  await page.context().close();
});

test('a removal shows its outcome in the app and as a shell toast', async () => {
  const page = await openShell('/en/extension/7/discrepancies/remove');
  const frame = await app(page);
  await poll(() => heading(page), (h) => h === 'Remove old records', { message: 'the removal page' });
  await insertOld(oms, { location: 4242, n: 3, year: 2001, label: 'embedded' });
  await review(frame, { date: '2002-01-01', location: 4242 });
  await frame.getByRole('button', { name: 'Remove 3 records' }).click();
  const done = 'Done. The OMS removed the records (3 matched before the request).';
  await page.locator('#shell-toasts', { hasText: done }).waitFor();
  await frame.getByText(done).first().waitFor();
  const toasts = await events(page, 'SHOW_TOAST');
  assert.deepEqual(
    toasts.map((t) => t.eventData.type),
    ['loading', 'destroy', 'success'],
  );
  await checkHygiene(page);
  await page.context().close();
});

for (const viewport of [{ width: 360, height: 640 }, { width: 1920, height: 1080 }]) {
  test(`at ${viewport.width} px: one scrollbar, the frame's, and nothing wider than the frame`, async () => {
    for (const path of ['/en/extension/7/discrepancies', '/en/extension/7/discrepancies/42', '/en/extension/7/discrepancies/remove']) {
      const page = await openShell(path, viewport);
      const frame = await app(page);
      await frame.locator('main h1').first().waitFor();
      if (path.endsWith('/discrepancies')) await expectRowsMatchApi(frame, oms, { page: 1, limit: 20 });
      const shellBox = await page.evaluate(() => ({
        scroll: document.scrollingElement.scrollHeight - innerHeight,
        wide: document.scrollingElement.scrollWidth - innerWidth,
      }));
      assert.deepEqual(shellBox, { scroll: 0, wide: 0 }, `${path}: the shell page itself does not scroll`);
      const overflow = await frame.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${path}: the app is ${overflow} px wider than its frame`);
      await checkHygiene(page);
      await page.context().close();
    }
  });
}
