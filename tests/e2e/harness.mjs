// Shared pieces of the end-to-end tests: start oms-dev serving the built app, launch
// Debian's chromium through playwright-core, sign in, poll, and save screenshots.
//
// Every test file calls `setup()` once: it starts its own oms-dev (fresh in-memory
// database) and one browser in `before`, and stops both in `after`. Servers are started in
// their own process group and are also killed when the node process exits, so a crashed
// test never leaves one behind.

import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { startShell } from '../../demo-shell/server.mjs';

/** The repository root (`tests/e2e/..`). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The API list path. */
export const LIST_PATH = '/api/v1/oms/inventory-discrepancies/';
/** The stock locations' names (`list-simple`), served as `oms.locations(mode)` says. */
export const LOCATIONS_PATH = '/api/v1/oms/stocklocations/list-simple/';
/** Generous: a debug build of the app loads slowly on a busy 2-core machine. */
export const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 20_000);

const fromRoot = (p) => (path.isAbsolute(p) ? p : path.join(ROOT, p));
const OMS_DEV_BIN = fromRoot(process.env.OMS_DEV_BIN || 'target/debug/oms-dev');
const DIST_DIR = fromRoot(process.env.DIST_DIR || 'dist');
// Tests keep their pictures out of the tree (the README's come from `make screenshots`).
const screenshotDir = () => fromRoot(process.env.SCREENSHOT_DIR || 'tests/e2e/output/screenshots');

const running = new Set();
process.on('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    for (const child of running) killGroup(child, 'SIGKILL');
    process.exit(130);
  });
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

/**
 * Starts oms-dev on an ephemeral port with `--db :memory:` and `--static DIST_DIR`.
 * Options: records, seed, hostile, latencyMs, failRate, throttle, token, locations (how
 * list-simple answers: 'list', 'paginated', 'forbidden' or 'missing'), args (extra flags),
 * and `config`: an `oms-admin-config` JSON object written into a copy of the build's
 * index.html (e.g. `{ router_base: '/apps/oms' }`), as a host page would.
 */
export async function startOms({ records = 200, seed = 7, hostile = false, latencyMs, failRate, throttle, token, locations, args = [], config, port = 0 } = {}) {
  if (!existsSync(path.join(DIST_DIR, 'index.html'))) {
    throw new Error(`${DIST_DIR}/index.html not found: build the app first (trunk build --release) or set DIST_DIR`);
  }
  if (!existsSync(OMS_DEV_BIN)) {
    throw new Error(`${OMS_DEV_BIN} not found: build it first (cargo build -p oms-dev) or set OMS_DEV_BIN`);
  }
  const staticDir = config === undefined ? DIST_DIR : configuredCopy(config);
  const argv = ['--port', String(port), '--db', ':memory:', '--static', staticDir, '--records', String(records), '--seed', String(seed)];
  if (hostile) argv.push('--hostile');
  if (latencyMs !== undefined) argv.push('--latency-ms', String(latencyMs));
  if (failRate !== undefined) argv.push('--fail-rate', String(failRate));
  if (throttle !== undefined) argv.push('--throttle', String(throttle));
  if (token !== undefined) argv.push('--token', token);
  if (locations !== undefined) argv.push('--locations', locations);
  argv.push(...args);

  const child = spawn(OMS_DEV_BIN, argv, {
    cwd: ROOT,
    detached: true, // own process group: stop() kills it and anything it started
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, RUST_LOG: process.env.OMS_DEV_LOG || 'warn' },
  });
  running.add(child);
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => {
    stderr = (stderr + d).slice(-4000);
  });

  const info = await new Promise((resolve, reject) => {
    let out = '';
    const found = {};
    const timer = setTimeout(() => fail(new Error('oms-dev did not print its address within 30 s')), 30_000);
    function fail(err) {
      clearTimeout(timer);
      killGroup(child, 'SIGKILL');
      running.delete(child);
      reject(new Error(`${err.message}\ncommand: ${OMS_DEV_BIN} ${argv.join(' ')}\nstdout: ${out}\nstderr: ${stderr}`));
    }
    child.on('error', fail);
    child.on('exit', (code, sig) => fail(new Error(`oms-dev exited early (code ${code}, signal ${sig})`)));
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      out += chunk;
      for (const line of out.split('\n')) {
        let m;
        if ((m = line.match(/^oms-dev listening on (http:\/\/\S+)/))) found.url = m[1];
        else if ((m = line.match(/^token: (\S+)/))) found.token = m[1];
        else if ((m = line.match(/^read-only token: (\S+)/))) found.readonlyToken = m[1];
        else if ((m = line.match(/^records: (\d+)/))) found.records = Number(m[1]);
      }
      if (found.url && found.token && found.readonlyToken && found.records !== undefined) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        child.removeAllListeners('error');
        child.stdout.removeAllListeners('data');
        resolve(found);
      }
    });
  });
  child.stdout.resume();

  const url = info.url.replace(/\/$/, '');
  const dev = async (method, route, body) => {
    const res = await fetch(url + route, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    assert.ok(res.ok, `${method} ${route} → ${res.status}: ${text}`);
    return text ? JSON.parse(text) : null;
  };

  const oms = {
    url,
    token: info.token,
    readonlyToken: info.readonlyToken,
    records: info.records,
    /** `{"records":N,"requests":{"list":n,"detail":n,"remove":n,"locations":n}}` */
    stats: () => dev('GET', '/__dev/stats'),
    /** Any subset of `{latency_ms, fail_rate, throttle}`. */
    faults: (settings) => dev('POST', '/__dev/faults', settings),
    /** Replaces the read-write token: the old one gets 401 from now on. */
    setToken: async (token) => {
      const r = await dev('POST', '/__dev/token', { token });
      oms.token = token;
      return r;
    },
    /**
     * How `GET LOCATIONS_PATH` answers from now on: 'list' (a JSON array, the default),
     * 'paginated' (DRF pages, `page`/`limit`), 'forbidden' (403) or 'missing' (Django's 404).
     * Resolves to `{ mode }`.
     */
    locations: (mode) => dev('POST', '/__dev/locations', { mode }),
    /** The API's own answer to `GET LOCATIONS_PATH?params`: `{ status, body }` (body parsed when JSON). */
    stockLocations: async (params = {}) => {
      const qs = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
      const res = await fetch(`${url}${LOCATIONS_PATH}?${qs}`, {
        headers: { Authorization: `Token ${oms.token}`, Accept: 'application/json' },
      });
      const text = await res.text();
      return { status: res.status, body: (res.headers.get('content-type') ?? '').startsWith('application/json') ? JSON.parse(text) : text };
    },
    /** `{"records":N,"seed":S,"hostile":bool}`; the locations' names follow `hostile` too. */
    reseed: (settings) => dev('POST', '/__dev/reseed', settings),
    insertRecords: (records) => dev('POST', '/__dev/records', records),
    /** The API's own answer (parsed JSON) to `GET LIST_PATH?params`, with the current token. */
    list: async (params = {}) => {
      const qs = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
      const res = await fetch(`${url}${LIST_PATH}?${qs}`, {
        headers: { Authorization: `Token ${oms.token}`, Accept: 'application/json' },
      });
      assert.equal(res.status, 200, `list ${qs} → ${res.status}`);
      return res.json();
    },
    detail: async (id) => {
      const res = await fetch(`${url}${LIST_PATH}${id}/`, {
        headers: { Authorization: `Token ${oms.token}`, Accept: 'application/json' },
      });
      return { status: res.status, body: await res.json() };
    },
    stop: async () => {
      if (staticDir !== DIST_DIR) rmSync(staticDir, { recursive: true, force: true });
      if (!running.has(child)) return;
      running.delete(child);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
  return oms;
}

/** A free port on 127.0.0.1, for a server whose address must be known before it starts. */
export async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * oms-dev serving the app for a demo shell (demo-shell/) on another origin, and that shell,
 * signing the app in with oms-dev's token: the app lists the shell in `shell_origins`, and
 * `frame-ancestors` lets it frame the app. `omsOptions` go to `startOms`.
 */
export async function startEmbedded(omsOptions = {}) {
  const port = await freePort();
  const shellOrigin = `http://localhost:${port}`;
  const oms = await startOms({ ...omsOptions, config: { shell_origins: [shellOrigin] }, args: ['--frame-ancestors', shellOrigin] });
  const shell = await startShell({ port, appUrl: oms.url, omsBaseUrl: oms.url, omsDevUrl: oms.url, token: oms.token });
  assert.equal(shell.url, shellOrigin);
  return { oms, shell };
}

/** The app's frame in a shell page, once there (a Playwright Frame: locators work on it). */
export function appFrame(page, oms) {
  return poll(
    () => page.frames().find((f) => f.url().startsWith(oms.url)),
    (f) => f !== undefined,
    { message: 'the app frame' },
  );
}

/** A temporary copy of the build whose index.html carries `config` in its config meta tag. */
function configuredCopy(config) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'oms-admin-dist-'));
  cpSync(DIST_DIR, dir, { recursive: true });
  const index = path.join(dir, 'index.html');
  const html = readFileSync(index, 'utf8');
  const attr = JSON.stringify(config).replaceAll('&', '&amp;').replaceAll('"', '&quot;');
  const patched = html.replace(/(<meta name="oms-admin-config" content=")[^"]*(")/, `$1${attr}$2`);
  assert.notEqual(patched, html, 'index.html has the oms-admin-config meta tag');
  writeFileSync(index, patched);
  return dir;
}

/** Debian's chromium, headless, no downloads, no background traffic; `extraArgs` are appended. */
export function launchBrowser(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

/**
 * Registers `before`/`after` hooks that start oms-dev (with `omsOptions`) and a browser.
 * Returns a context whose `oms` and `browser` are set once `before` ran, and `newPage()`
 * which opens a page in a fresh browser context (own session storage), 1280×800, UTC.
 */
export function setup(omsOptions = {}) {
  const ctx = { oms: null, browser: null, contexts: [] };
  before(async () => {
    ctx.oms = await startOms(omsOptions);
    ctx.browser = await launchBrowser();
  });
  after(async () => {
    try {
      await ctx.browser?.close();
    } finally {
      await ctx.oms?.stop();
    }
  });
  ctx.newPage = async () => {
    const context = await ctx.browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: 'UTC', locale: 'en-GB' });
    context.setDefaultTimeout(TIMEOUT);
    context.setDefaultNavigationTimeout(TIMEOUT);
    const page = await context.newPage();
    page.errors = [];
    page.on('pageerror', (e) => page.errors.push(String(e)));
    return page;
  };
  return ctx;
}

/**
 * Signs in through the form. Goes to `/sign-in` first unless the page is already there
 * (e.g. after a redirect carrying `next`). Waits until the app has left the sign-in page
 * unless `expectFailure`.
 */
export async function signIn(page, oms, { remember = false, token = oms.token, expectFailure = false, base = '' } = {}) {
  const signInPath = `${base}/sign-in`;
  if (!new URL(page.url() === 'about:blank' ? 'http://x/' : page.url()).pathname.startsWith(signInPath)) {
    await page.goto(`${oms.url}${signInPath}`);
  }
  const baseUrl = page.getByLabel('OMS base URL');
  await baseUrl.waitFor();
  await baseUrl.fill(oms.url);
  await page.getByLabel('API token').fill(token);
  const box = page.getByRole('checkbox', { name: 'Keep me signed in on this tab' });
  if (remember) await box.check();
  else await box.uncheck();
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (!expectFailure) {
    await page.waitForURL((u) => !u.pathname.startsWith(signInPath));
  }
}

/** Saves a screenshot as `NAME.png` in `SCREENSHOT_DIR` (default `tests/e2e/output/screenshots`). */
export async function screenshot(page, name) {
  const dir = screenshotDir();
  mkdirSync(dir, { recursive: true });
  await page.mouse.move(0, 799); // no hover highlight in the picture
  await page.screenshot({ path: path.join(dir, name.endsWith('.png') ? name : `${name}.png`) });
}

/** Polls `fn` until `check(value)` holds; then returns the value. Fails with the last value. */
export async function poll(fn, check, { timeout = TIMEOUT, interval = 100, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  let lastError;
  for (;;) {
    try {
      last = await fn();
      lastError = undefined;
      if (check(last)) return last;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${message}; last value: ${JSON.stringify(last)}${lastError ? `; last error: ${lastError}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Polls until `fn()` deep-equals `expected`, then asserts it (so the diff is shown on failure). */
export async function eventually(fn, expected, message = 'value') {
  let last;
  try {
    last = await poll(fn, (v) => {
      try {
        assert.deepEqual(v, expected);
        return true;
      } catch {
        return false;
      }
    }, { message });
  } catch {
    last = await fn();
  }
  assert.deepEqual(last, expected, message);
}

/** The ids of the rows on screen (first column), as numbers. */
export function visibleIds(page) {
  return page.$$eval('table.records tbody tr td:first-child a', (as) => as.map((a) => Number(a.textContent.trim())));
}

/** Waits until the list shows exactly the rows the API returns for `params`; returns that answer. */
export async function expectRowsMatchApi(page, oms, params) {
  const answer = await oms.list(params);
  const ids = answer.results.map((r) => r.id);
  await eventually(() => visibleIds(page), ids, `rows for ${JSON.stringify(params)}`);
  await page.locator('.results[aria-busy="false"]').waitFor();
  return answer;
}

/**
 * Inserts `n` records at stock location `location`, created on the 15th of the months of
 * `year` (all before `${year + 1}-01-01`), reasons `${label} ${location}/${i}`; returns the
 * created records.
 */
export function insertOld(oms, { location, n, year, label }) {
  return oms.insertRecords(
    Array.from({ length: n }, (_, i) => ({
      reason: `${label} ${location}/${i}`,
      created_date: `${year}-${String(1 + (i % 12)).padStart(2, '0')}-15T12:00:00Z`,
      stock_location: location,
    })),
  );
}

/** Opens the removal page from the main navigation (`base`: the app's router base). */
export async function openRemoval(page, base = '') {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Remove old records' }).click();
  await page.waitForURL((u) => u.pathname === `${base}/discrepancies/remove`);
  await page.getByRole('heading', { level: 1, name: 'Remove old records' }).waitFor();
}

/** Fills the removal form (`location` optional) and waits for the confirmation. */
export async function review(page, { date, location }) {
  await page.getByLabel('Remove records created before').fill(date);
  await page.getByLabel('Stock location ID (optional)').fill(String(location ?? ''));
  await page.getByRole('button', { name: 'Review removal' }).click();
  await page.getByRole('heading', { name: 'Confirm removal' }).waitFor();
}

/** "10 Oct 2023" for `YYYY-MM-DD`, as the app writes days in confirmations (the platform's
 *  Intl, in English, in UTC). */
export function humanDate(ymd) {
  return new Date(`${ymd}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** English labels of the reason codes the app knows; any other reason shows as sent. */
export const REASON_LABELS = {
  out_of_stock: 'Out of stock',
  damaged: 'Damaged',
  missing: 'Missing',
  wrong_product: 'Wrong product',
  expired: 'Expired',
  quality_issue: 'Quality issue',
};
/** What the list shows for a reason code, and its tooltip. */
export const shownReason = (code) => REASON_LABELS[code] ?? code;
export const reasonTitle = (code) => (code in REASON_LABELS ? `Code: ${code}` : code);

/**
 * id → name as the app shows stock locations: list-simple's names, trimmed of Unicode white
 * space as the app trims them (not JavaScript's `trim`, which also takes U+FEFF); empty when
 * the endpoint does not answer a list.
 */
export async function locationNames(oms) {
  const { status, body } = await oms.stockLocations({ limit: 1000 });
  if (status !== 200) return new Map();
  const items = Array.isArray(body) ? body : body.results;
  const trim = (s) => s.replace(/^\p{White_Space}+|\p{White_Space}+$/gu, '');
  return new Map(items.filter((l) => typeof l.name === 'string' && trim(l.name)).map((l) => [l.id, trim(l.name)]));
}

/** The current URL's path and query, e.g. `/discrepancies?page=3`. */
export function pathAndQuery(page) {
  const u = new URL(page.url());
  return u.pathname + u.search;
}

/**
 * Counts the requests `match` selects as the page sends them: `{ total, inFlight, most }`,
 * `most` the most in flight at once (a finished or failed request is no longer in flight).
 */
export function watchRequests(page, match) {
  const seen = { inFlight: 0, most: 0, total: 0 };
  page.on('request', (r) => {
    if (!match(r)) return;
    seen.total += 1;
    seen.inFlight += 1;
    seen.most = Math.max(seen.most, seen.inFlight);
  });
  const done = (r) => {
    if (match(r)) seen.inFlight -= 1;
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return seen;
}

/** A count query: a page of one row of the list (the removal breakdown's, the insights'). */
export function isCountQuery(r) {
  const url = new URL(r.url());
  return url.pathname === LIST_PATH && url.searchParams.get('limit') === '1';
}

/**
 * A breakdown as the app ranks it: the `[label, count]` lines with records, the most first
 * (ties in the order given), at most `top`, then `[rest, what is left of total]`.
 */
export function rankedLines(counted, total, rest, top = Infinity) {
  const lines = counted.filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]).slice(0, top);
  const listed = lines.reduce((s, [, n]) => s + n, 0);
  if (total > listed) lines.push([rest, total - listed]);
  return lines;
}
