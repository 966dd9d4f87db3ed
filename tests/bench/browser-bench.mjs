#!/usr/bin/env node
// Browser benchmark of the built app against oms-dev (NOT part of the test command).
//
//   node tests/bench/browser-bench.mjs [--runs N] [--flips N] [--mem-flips N] [--mem-runs N]
//        [--net-runs N] [--cpu-runs N] [--records N] [--seed S] [--dist DIR] [--oms-dev BIN]
//        [--out-dir DIR] [--note TEXT]
//
// Starts oms-dev (release build preferred) with 100,000 records in memory, serving a copy of
// the release app build plus a static baseline page from target/bench-dist, and drives
// Debian's chromium through playwright-core (tests/e2e/harness.mjs: startOms, LIST_PATH).
// Everything is timed inside the page with performance.now() (0 = navigation start):
//
//   1. time to first rows: navigation start → a MutationObserver (installed by
//      addInitScript before any page script) sees 20 `table.records tbody tr` rows. The
//      session is injected into sessionStorage by the same init script (no sign-in), so
//      index.html's boot script starts the list request before the wasm loads.
//      Cold = fresh browser context per run; warm = page.reload() in that same context.
//      Each load also reports its first contentful paint (the `first-contentful-paint`
//      paint entry, read once the page has loaded).
//   2. the same for baseline.html: the app's own rendering of page 1 (checked id for id
//      against the API's answer) saved as static HTML with the app's CSS, no scripts.
//      And for plain.html: that document with an empty table body and a few lines of
//      JavaScript that fetch page 1 and write the rows (the plain-JS page of issue 14).
//      Each load is also timed to the frame after its rows ("rows painted").
//   3. start-up breakdown of each cold app load, read after its first rows: the app's
//      performance.marks (early-request-sent from the boot script, wasm-start, app-mounted,
//      early-request-adopted or first-request-sent, first-response, rows-rendered) and
//      Resource Timing of the document, JS glue, wasm and list request. Medians of each
//      step since navigation start and of each part between consecutive steps.
//   4. page flips: a capture-phase click listener stamps t0 when `a.next` is clicked; the
//      observer stamps t1 when the first row id changed and the row count equals the limit.
//      network = Resource Timing responseEnd − startTime of the list request issued in
//      that window; client = total − network. Wrapped fetch / Response.text also give
//      waiting = fetch() → body in JS, and app = total − waiting (the app's own work).
//   5. memory after load, after flip 10 and after flip 200 (GC forced via CDP
//      HeapProfiler.collectGarbage first): performance.memory.usedJSHeapSize (chromium
//      runs with --enable-precise-memory-info) + the wasm linear memory
//      (`memory.buffer.byteLength` of the instance exports trunk's loader hands to the
//      `TrunkApplicationStarted` event), plus CDP Runtime.getHeapUsage / Memory.getDOMCounters.
//   6. first-load transfer: Resource Timing transferSize / encodedBodySize /
//      decodedBodySize of the document, JS, wasm and CSS of each cold load.
//   7. conditions: 1–4 again (cold loads only, flips at 20 rows) under an emulated network
//      (CDP Network.emulateNetworkConditions: 40 ms latency, 20 Mbit/s down, 10 Mbit/s up;
//      --net-runs loads per page) and with the CPU throttled 4× (CDP
//      Emulation.setCPUThrottlingRate; --cpu-runs loads per page), each set on the new
//      page's CDP session before it navigates; 0 runs skips a condition. A fixed JS loop
//      timed after every cold load shows the CPU slowdown actually applied.
//
// Writes BENCHMARKS.json (raw samples + summaries) and BENCHMARKS.md at the repo root.

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const fromRoot = (p) => (path.isAbsolute(p) ? p : path.join(ROOT, p));
/** A path as the results show it: relative to the repository, or just its name when outside (no machine's paths). */
const rel = (p) => {
  const r = path.relative(ROOT, fromRoot(p));
  return r.startsWith('..') || path.isAbsolute(r) ? `…/${path.basename(p)}` : r || '.';
};

// ---------------------------------------------------------------- options
const DEFAULTS = { runs: 10, flips: 30, 'mem-flips': 200, 'mem-runs': 3, 'net-runs': 5, 'cpu-runs': 3, records: 100_000, seed: 42, warmup: 2 };
const opts = { ...DEFAULTS, dist: null, 'oms-dev': null, 'out-dir': ROOT, note: '' };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const m = argv[i].match(/^--([a-z-]+)(?:=(.*))?$/);
  if (!m || !(m[1] in opts)) usage(`unknown argument ${argv[i]}`);
  const value = m[2] ?? argv[++i];
  if (value === undefined) usage(`${argv[i - 1]} needs a value`);
  opts[m[1]] = m[1] in DEFAULTS ? Number(value) : value;
  if (m[1] in DEFAULTS && !(Number.isInteger(opts[m[1]]) && opts[m[1]] >= 0)) usage(`${m[1]}: not a count`);
}
if (opts.runs < 1 || opts.flips < 1 || opts['mem-flips'] < 10) usage('--runs and --flips ≥ 1, --mem-flips ≥ 10');
function usage(msg) {
  console.error(`${msg}\nusage: node tests/bench/browser-bench.mjs [--runs N] [--flips N] [--mem-flips N] [--mem-runs N] [--net-runs N] [--cpu-runs N] [--records N] [--seed S] [--dist DIR] [--oms-dev BIN] [--out-dir DIR] [--note TEXT]`);
  process.exit(2);
}
const FLIP_LIMITS = [20, 100, 1000];
const PAGE_ROWS = 20;

// ---------------------------------------------------------------- conditions
/**
 * What the page runs under: loopback as it is, or an emulation set on each new page's CDP
 * session before it navigates (it then holds for the page's reloads and later navigations).
 * Under the emulated ones only cold loads are timed, and flips at CONDITION_FLIP_ROWS rows.
 */
const CONDITIONS = [
  { id: 'loopback', label: 'loopback', runs: opts.runs, apply: null },
  {
    id: 'network',
    label: '40 ms RTT, 20 Mbit/s',
    runs: opts['net-runs'],
    async apply(cdp) {
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 40, downloadThroughput: 20e6 / 8, uploadThroughput: 10e6 / 8 });
    },
  },
  { id: 'cpu4', label: 'CPU 4× slower', runs: opts['cpu-runs'], apply: (cdp) => cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 }) },
];
const [LOOPBACK, NETWORK, CPU4] = CONDITIONS;
const CONDITION_FLIP_ROWS = PAGE_ROWS;

// ---------------------------------------------------------------- the build under test
/** `--dist`, else the root dist/ if it is a release build (trunk's dev build injects its reload client). */
function pickDist() {
  if (opts.dist) return fromRoot(opts.dist);
  const dir = fromRoot('dist');
  const wasm = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.wasm')) : [];
  const html = existsSync(path.join(dir, 'index.html')) ? readFileSync(path.join(dir, 'index.html'), 'utf8') : '';
  if (wasm.length === 1 && html && !html.includes('__trunk_address__') && statSync(path.join(dir, wasm[0])).size < 3_000_000) return dir;
  throw new Error('dist/ is missing or a debug build: run `make bench-browser` (or `trunk build --release` first)');
}
/** `--oms-dev`, else a release oms-dev (its latency is what a real server's would be), else debug. */
function pickOmsDev() {
  if (opts['oms-dev']) return fromRoot(opts['oms-dev']);
  for (const b of ['target/release/oms-dev', 'target/debug/oms-dev']) if (existsSync(fromRoot(b))) return fromRoot(b);
  throw new Error('no oms-dev binary: cargo build -p oms-dev --release');
}
const SRC_DIST = pickDist();
const distNote = rel(SRC_DIST).startsWith('…/') ? ', a build kept outside the repository' : '';
const OMS_DEV = pickOmsDev();
const BENCH_DIST = path.join(ROOT, 'target', 'bench-dist');
rmSync(BENCH_DIST, { recursive: true, force: true });
mkdirSync(path.dirname(BENCH_DIST), { recursive: true });
cpSync(SRC_DIST, BENCH_DIST, { recursive: true, preserveTimestamps: true });

// The harness reads these when it is loaded.
process.env.DIST_DIR = BENCH_DIST;
process.env.OMS_DEV_BIN = OMS_DEV;
const { startOms, LIST_PATH, launchBrowser } = await import('../e2e/harness.mjs');

// ---------------------------------------------------------------- statistics
const sorted = (xs) => xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
function median(xs) {
  const s = sorted(xs);
  if (!s.length) return null;
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}
function p95(xs) {
  const s = sorted(xs);
  return s.length ? s[Math.ceil(0.95 * s.length) - 1] : null;
}
const summary = (xs) => ({ n: sorted(xs).length, median: median(xs), p95: p95(xs), min: sorted(xs)[0] ?? null, max: sorted(xs).at(-1) ?? null });
const r1 = (x) => (x === null || x === undefined ? null : Math.round(x * 10) / 10);

// ---------------------------------------------------------------- browser
/** The e2e harness's browser, plus precise performance.memory for the heap figures. */
const launchBenchBrowser = () => launchBrowser(['--enable-precise-memory-info']);

/** Runs in the page before any of its scripts, on every navigation of the context. */
function benchInit({ key, value, rows, listPath }) {
  if (value) sessionStorage.setItem(key, value);
  performance.setResourceTimingBufferSize(100000);
  const B = (window.__bench = { firstRows: null, firstRowsFrame: null, appStarted: null, wasm: null, pending: null, armed: 0 });
  addEventListener('TrunkApplicationStarted', (e) => {
    B.appStarted = performance.now();
    B.wasm = e.detail && e.detail.wasm;
  });
  const rowCount = () => document.querySelectorAll('table.records tbody tr').length;
  const firstId = () => {
    const a = document.querySelector('table.records tbody tr td:first-child a');
    return a ? a.textContent.trim() : null;
  };
  // After the next rendering opportunity: rAF runs before paint, the message after it.
  const afterFrame = (cb) =>
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => cb(performance.now());
      ch.port2.postMessage(0);
    });
  B.firstId = firstId;
  new MutationObserver(() => {
    const p = B.pending;
    const waitingFlip = p && p.done === null;
    if (B.firstRows !== null && !waitingFlip) return;
    const now = performance.now();
    if (B.firstRows === null && rowCount() >= rows) {
      B.firstRows = now;
      afterFrame((t) => (B.firstRowsFrame = t));
    }
    if (waitingFlip) {
      const id = firstId();
      if (id !== null && id !== p.fromId && rowCount() === p.expectRows) {
        p.done = now;
        afterFrame((t) => (p.frame = t));
      }
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
  addEventListener(
    'click',
    (e) => {
      if (!B.armed || !e.target.closest || !e.target.closest('a.next')) return;
      B.pending = { t0: performance.now(), fromId: firstId(), expectRows: B.armed, done: null, frame: null, fetchAt: null, bodyAt: null };
      B.armed = 0;
    },
    true,
  );
  // When the app hands the list request to the browser, and when its body is back in
  // JavaScript: between the two the app only waits (on the server and on the browser's
  // network stack, which on loopback costs more than the server itself).
  const pageFetch = window.fetch;
  window.fetch = function (input, ...rest) {
    const promise = pageFetch.call(this, input, ...rest);
    const p = B.pending;
    const url = typeof input === 'string' ? input : input && input.url;
    if (p && p.done === null && p.fetchAt === null && url && url.includes(listPath)) {
      p.fetchAt = performance.now();
      promise.then((response) => (response.__benchFlip = p), () => {});
    }
    return promise;
  };
  const pageText = Response.prototype.text;
  Response.prototype.text = function () {
    const promise = pageText.call(this);
    const p = this.__benchFlip;
    if (p) promise.then(() => (p.bodyAt = performance.now()), () => {});
    return promise;
  };
}

let browser;
let oms;
/** A fresh browser context (own cache and storage) with one page, under `condition`. */
async function newContext(session, condition = LOOPBACK) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: 'UTC', locale: 'en-GB' });
  context.setDefaultTimeout(60_000);
  context.setDefaultNavigationTimeout(60_000);
  await context.addInitScript(benchInit, {
    key: 'discrepancy-admin.session',
    value: session ? JSON.stringify({ base_url: oms.url, token: oms.token }) : null,
    rows: PAGE_ROWS,
    listPath: LIST_PATH,
  });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  const cdp = await context.newCDPSession(page);
  if (condition.apply) await condition.apply(cdp);
  return { context, page, cdp };
}

/**
 * Waits for the first-rows stamp of the current navigation and returns its timings: the
 * observer's, the first contentful paint, the start-up marks and the Resource Timing of
 * the document, JS glue, wasm and (first) list request.
 */
async function firstRowsSample(page) {
  await page.waitForFunction(() => window.__bench && window.__bench.firstRowsFrame !== null);
  // The paint entry comes once the frame is presented; by load it is there (else: none).
  await page
    .waitForFunction(() => document.readyState === 'complete' && performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 5_000 })
    .catch(() => {});
  return page.evaluate((listPath) => {
    const B = window.__bench;
    const nav = performance.getEntriesByType('navigation')[0];
    const resources = performance.getEntriesByType('resource');
    const list = resources.find((e) => e.name.includes(listPath));
    const file = (ext) => resources.find((e) => new URL(e.name).pathname.endsWith(ext));
    const js = file('.js');
    const wasm = file('.wasm');
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    return {
      firstRows: B.firstRows,
      firstRowsFrame: B.firstRowsFrame,
      fcp: fcp ? fcp.startTime : null,
      responseEnd: nav.responseEnd,
      domContentLoaded: nav.domContentLoadedEventEnd,
      appStarted: B.appStarted,
      listRequestStart: list ? list.startTime : null,
      listResponseEnd: list ? list.responseEnd : null,
      jsFetchStart: js ? js.startTime : null,
      jsResponseEnd: js ? js.responseEnd : null,
      wasmFetchStart: wasm ? wasm.startTime : null,
      wasmResponseEnd: wasm ? wasm.responseEnd : null,
      wasmEntries: resources.filter((e) => e.name.endsWith('.wasm')).length,
      marks: Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])),
    };
  }, LIST_PATH);
}

/** A fixed piece of JavaScript timed in the page: how much slower a condition made the CPU. */
function cpuProbe(page) {
  return page.evaluate(() => {
    const spin = () => {
      const t0 = performance.now();
      let x = 0;
      for (let i = 0; i < 3e6; i++) x = (x * 31 + i) % 1000003;
      return { ms: performance.now() - t0, x };
    };
    spin(); // the timed round runs optimised code
    return spin().ms;
  });
}

/** Sizes of the first load's document, JS, wasm and CSS (deduplicated by URL). */
async function transferSizes(page) {
  await page.waitForFunction(() => document.readyState === 'complete');
  return page.evaluate(() => {
    const kind = (name, type) =>
      type === 'navigation' ? 'document' : /\.wasm$/.test(name) ? 'wasm' : /\.js$/.test(name) ? 'js' : /\.css$/.test(name) ? 'css' : null;
    const byUrl = new Map();
    for (const e of [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]) {
      const path = new URL(e.name).pathname;
      const k = kind(path, e.entryType);
      if (!k) continue;
      const prev = byUrl.get(path);
      if (!prev || e.transferSize > prev.transferSize) {
        byUrl.set(path, { path, kind: k, transferSize: e.transferSize, encodedBodySize: e.encodedBodySize, decodedBodySize: e.decodedBodySize });
      }
    }
    const files = [...byUrl.values()];
    const sum = (f) => files.reduce((a, x) => a + x[f], 0);
    return { files, transferSize: sum('transferSize'), encodedBodySize: sum('encodedBodySize'), decodedBodySize: sum('decodedBodySize') };
  });
}

/** One click on `a.next`; returns the in-page timings of that flip. */
async function flip(page, limit) {
  await page.locator('.results[aria-busy="false"]').waitFor();
  await page.evaluate((n) => {
    window.__bench.pending = null;
    window.__bench.armed = n;
  }, limit);
  await page.locator('a.next').click();
  await page.waitForFunction(() => window.__bench.pending && window.__bench.pending.frame !== null);
  return page.evaluate((listPath) => {
    const p = window.__bench.pending;
    const reqs = performance
      .getEntriesByType('resource')
      .filter((e) => e.name.includes(listPath) && e.startTime >= p.t0 && e.responseEnd <= p.done);
    const req = reqs.at(-1);
    const total = p.done - p.t0;
    // Keep the instrumentation from accumulating entries (and their wrappers) over many flips.
    performance.clearResourceTimings();
    const network = req ? req.responseEnd - req.startTime : null;
    const waiting = p.fetchAt !== null && p.bodyAt !== null ? p.bodyAt - p.fetchAt : null;
    return {
      total,
      frame: p.frame - p.t0,
      network,
      client: network === null ? null : total - network,
      waiting,
      app: waiting === null ? null : total - waiting,
      appBefore: p.fetchAt === null ? null : p.fetchAt - p.t0,
      appAfter: p.bodyAt === null ? null : p.done - p.bodyAt,
      beforeRequest: req ? req.startTime - p.t0 : null,
      afterResponse: req ? p.done - req.responseEnd : null,
      requests: reqs.length,
      encodedBodySize: req ? req.encodedBodySize : null,
      url: location.pathname + location.search,
    };
  }, LIST_PATH);
}

async function memorySample(page, cdp) {
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const inPage = await page.evaluate(() => ({
    usedJSHeapSize: performance.memory.usedJSHeapSize,
    totalJSHeapSize: performance.memory.totalJSHeapSize,
    wasmMemory: window.__bench.wasm && window.__bench.wasm.memory ? window.__bench.wasm.memory.buffer.byteLength : null,
  }));
  const heap = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  return {
    ...inPage,
    total: inPage.usedJSHeapSize + (inPage.wasmMemory ?? 0),
    cdpUsedSize: heap.usedSize,
    domNodes: dom.nodes,
    jsEventListeners: dom.jsEventListeners,
  };
}

// ---------------------------------------------------------------- the phases
const t = {
  appUrl: () => `${oms.url}/discrepancies`,
  staticUrl: () => `${oms.url}/baseline.html`,
  plainUrl: () => `${oms.url}/plain.html`,
};

/**
 * The plain-JavaScript page: the issue's "practical floor", a page doing one fetch and
 * writing rows. First in the head, it asks the OMS for page 1 at once, as the app's boot
 * script does (same URL, same headers, the session the init script stored), and
 * writes the app's row markup once the document is parsed, with the browser's `Intl` for the
 * dates; no framework, no wasm. An external file: the CSP allows scripts of the page's own
 * origin, not inline ones. Parser-blocking rather than `async`: Chromium ran the `async`
 * script 50–100 ms after it had arrived, and its rows came 25–45 ms later.
 */
const PLAIN_PAGE_JS = `(function () {
  var session = JSON.parse(sessionStorage.getItem('discrepancy-admin.session'));
  var esc = function (v) {
    return String(v).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  };
  var when = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  var answer = fetch(session.base_url + '${LIST_PATH}?page=1&limit=${PAGE_ROWS}', { headers: { Authorization: 'Token ' + session.token, Accept: 'application/json' } })
    .then(function (r) { return r.json(); });
  var parsed = new Promise(function (resolve) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', resolve);
    else resolve();
  });
  Promise.all([answer, parsed]).then(function (both) {
      var page = both[0];
      document.querySelector('table.records tbody').innerHTML = page.results.map(function (d) {
        var item = d.package_item != null ? 'Package item ' + d.package_item : d.transfer_item != null ? 'Transfer item ' + d.transfer_item : '—';
        return '<tr' + (d.is_active ? '' : ' class="inactive"') + '><td class="num"><a href="/discrepancies/' + d.id + '" aria-label="Open discrepancy ' + d.id + '">' + d.id +
          '</a></td><td class="reason" title="' + esc(d.reason) + '"><span class="reason-text" dir="auto">' + esc(d.reason) +
          '</span></td><td class="location" dir="auto" title="' + d.stock_location + '">' + d.stock_location + '</td><td class="item">' + esc(item) +
          '</td><td class="active">' + (d.is_active ? 'Yes' : 'No') + '</td><td class="date"><time datetime="' + esc(d.created_date) + '" title="' + esc(d.created_date) + '">' +
          esc(when.format(new Date(d.created_date))) + '</time></td></tr>';
      }).join('');
  });
})();
`;

async function writeBaseline() {
  const { context, page } = await newContext(true);
  try {
    await page.goto(`${t.appUrl()}?page=1&limit=${PAGE_ROWS}`);
    await firstRowsSample(page);
    await page.locator('.results[aria-busy="false"]').waitFor();
    const ids = await page.$$eval('table.records tbody tr td:first-child a', (as) => as.map((a) => Number(a.textContent.trim())));
    const api = await oms.list({ page: 1, limit: PAGE_ROWS });
    const apiIds = api.results.map((r) => r.id);
    if (JSON.stringify(ids) !== JSON.stringify(apiIds)) throw new Error(`app rows ${ids} differ from the API's page 1 ${apiIds}`);
    // The app's own document with its scripts and preloads taken out: the same head (title,
    // metas, CSS, icon) and the rendered body, so the baseline cannot drift from index.html.
    // The plain-JS page is that document with an empty table body and the script above.
    const { html, plain } = await page.evaluate(() => {
      const doc = document.documentElement.cloneNode(true);
      doc.querySelectorAll('script, link[rel="modulepreload"], link[rel="preload"]').forEach((e) => e.remove());
      const html = `<!DOCTYPE html>\n${doc.outerHTML}\n`;
      doc.querySelector('table.records tbody').textContent = '';
      const script = document.createElement('script');
      script.src = '/plain.js';
      doc.querySelector('head').prepend(script);
      return { html, plain: `<!DOCTYPE html>\n${doc.outerHTML}\n` };
    });
    writeFileSync(path.join(BENCH_DIST, 'baseline.html'), html);
    writeFileSync(path.join(BENCH_DIST, 'plain.html'), plain);
    writeFileSync(path.join(BENCH_DIST, 'plain.js'), PLAIN_PAGE_JS);
    return { rows: ids.length, bytes: Buffer.byteLength(html), count: api.count };
  } finally {
    await context.close();
  }
}

/**
 * `runs` timed loads of `url`, each in a fresh context under `condition`, after one untimed
 * load (first renderer start-up, server and OS caches): cold, and on loopback also a warm
 * reload and the transfer sizes of both.
 */
async function timeToFirstRows(kind, url, session, runs, condition = LOOPBACK) {
  const withWarm = condition === LOOPBACK;
  const out = withWarm ? { cold: [], warm: [], transfer: [], warmTransfer: [] } : { cold: [] };
  for (let i = -1; i < runs; i++) {
    const { context, page } = await newContext(session, condition);
    try {
      await page.goto(url, { waitUntil: 'commit' });
      const cold = { ...(await firstRowsSample(page)), cpuProbe: await cpuProbe(page) };
      let rest = null;
      if (withWarm) {
        const transfer = await transferSizes(page);
        await page.reload({ waitUntil: 'commit' });
        rest = { transfer, warm: await firstRowsSample(page), warmTransfer: await transferSizes(page) };
      }
      if (page.errors.length) throw new Error(`${kind}: page errors ${page.errors}`);
      if (i < 0) continue;
      out.cold.push(cold);
      if (rest) for (const [k, v] of Object.entries(rest)) out[k].push(v);
      const warm = rest ? `, warm ${r1(rest.warm.firstRows)} ms` : '';
      process.stdout.write(`  ${kind} (${condition.label}) run ${i + 1}/${runs}: cold ${r1(cold.firstRows)} ms, FCP ${r1(cold.fcp)} ms${warm}\n`);
    } finally {
      await context.close();
    }
  }
  return out;
}

async function pageFlips(limit, flips, condition = LOOPBACK) {
  const { context, page } = await newContext(true, condition);
  try {
    await page.goto(`${t.appUrl()}?page=1&limit=${limit}`);
    await page.waitForFunction((n) => document.querySelectorAll('table.records tbody tr').length === n, limit);
    for (let i = 0; i < opts.warmup; i++) await flip(page, limit);
    const samples = [];
    for (let i = 0; i < flips; i++) samples.push(await flip(page, limit));
    if (page.errors.length) throw new Error(`flips: page errors ${page.errors}`);
    return samples;
  } finally {
    await context.close();
  }
}

async function memoryRun(flips) {
  const { context, page, cdp } = await newContext(true);
  try {
    await page.goto(`${t.appUrl()}?page=1&limit=${PAGE_ROWS}`);
    await firstRowsSample(page);
    await page.locator('.results[aria-busy="false"]').waitFor();
    const checkpoints = new Set([10, 50, 100, 150, flips].filter((n) => n <= flips));
    const samples = [{ flips: 0, ...(await memorySample(page, cdp)) }];
    for (let i = 1; i <= flips; i++) {
      await flip(page, PAGE_ROWS);
      if (checkpoints.has(i)) samples.push({ flips: i, ...(await memorySample(page, cdp)) });
    }
    if (page.errors.length) throw new Error(`memory: page errors ${page.errors}`);
    return samples;
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------- main
const sh = (cmd, args) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return (r.stdout || '').trim();
};
const machine = {
  nproc: os.availableParallelism ? os.availableParallelism() : os.cpus().length,
  cpu: (readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m) || [])[1] || os.cpus()[0]?.model,
  memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
  chromium: sh(process.env.CHROMIUM_BIN || '/usr/bin/chromium', ['--version']).split('\n').at(-1),
  node: process.version,
  kernel: `${os.type()} ${os.release()}`,
  loadavgStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
};
// The command and options as the results show them: path options through rel().
const PATH_OPTIONS = ['dist', 'oms-dev', 'out-dir'];
const shownArgv = argv.map((a, i) => {
  const inline = a.match(/^--([a-z-]+)=(.*)$/);
  if (inline && PATH_OPTIONS.includes(inline[1])) return `--${inline[1]}=${rel(inline[2])}`;
  const previous = (argv[i - 1] ?? '').match(/^--([a-z-]+)$/);
  return previous && PATH_OPTIONS.includes(previous[1]) ? rel(a) : a;
});
const shownOpts = { ...opts, ...Object.fromEntries(PATH_OPTIONS.map((k) => [k, opts[k] && rel(opts[k])])) };
const command = ['node', 'tests/bench/browser-bench.mjs', ...shownArgv].join(' ');
const startedAt = new Date();
console.log(`app build: ${rel(SRC_DIST)} (copied to ${rel(BENCH_DIST)}); oms-dev: ${rel(OMS_DEV)}`);
console.log(`machine: ${machine.nproc} cpus, ${machine.cpu}, ${machine.memoryGiB} GiB, ${machine.chromium}, load ${machine.loadavgStart.join(' ')}`);

const raw = {};
const t0 = Date.now();
try {
  const seedStart = Date.now();
  oms = await startOms({ records: opts.records, seed: opts.seed });
  const seedMs = Date.now() - seedStart;
  console.log(`oms-dev at ${oms.url} with ${oms.records} records (started in ${seedMs} ms)`);
  browser = await launchBenchBrowser();

  console.log('baseline page…');
  raw.baseline = await writeBaseline();

  console.log(`time to first rows (${opts.runs} runs each)…`);
  raw.app = await timeToFirstRows('app', t.appUrl(), true, opts.runs);
  raw.static = await timeToFirstRows('static', t.staticUrl(), false, opts.runs);
  raw.plain = await timeToFirstRows('plain', t.plainUrl(), true, opts.runs);

  raw.flips = {};
  for (const limit of FLIP_LIMITS) {
    console.log(`page flips at limit ${limit} (${opts.warmup} warm-up + ${opts.flips})…`);
    raw.flips[limit] = await pageFlips(limit, opts.flips);
  }

  // The same cold loads, and flips at one page size, under each emulated condition.
  raw.conditions = {};
  for (const c of [NETWORK, CPU4]) {
    if (!c.runs) continue;
    console.log(`${c.label}: time to first rows (${c.runs} cold runs each), flips at limit ${CONDITION_FLIP_ROWS} (${opts.warmup} warm-up + ${opts.flips})…`);
    raw.conditions[c.id] = {
      app: await timeToFirstRows('app', t.appUrl(), true, c.runs, c),
      static: await timeToFirstRows('static', t.staticUrl(), false, c.runs, c),
      plain: await timeToFirstRows('plain', t.plainUrl(), true, c.runs, c),
      flips: await pageFlips(CONDITION_FLIP_ROWS, opts.flips, c),
    };
  }

  raw.memory = [];
  for (let i = 0; i < opts['mem-runs']; i++) {
    console.log(`memory run ${i + 1}/${opts['mem-runs']} (${opts['mem-flips']} flips)…`);
    raw.memory.push(await memoryRun(opts['mem-flips']));
  }
  raw.seedMs = seedMs;
} finally {
  await browser?.close();
  await oms?.stop();
}
machine.loadavgEnd = os.loadavg().map((x) => Math.round(x * 100) / 100);
const elapsedS = Math.round((Date.now() - t0) / 1000);

// ---------------------------------------------------------------- results
const pick = (rows, f) => rows.map((r) => r[f]);
const ttfr = {};
for (const kind of ['app', 'static', 'plain']) {
  ttfr[kind] = {};
  for (const cache of ['cold', 'warm']) {
    const s = raw[kind][cache];
    ttfr[kind][cache] = { dom: summary(pick(s, 'firstRows')), frame: summary(pick(s, 'firstRowsFrame')), fcp: summary(pick(s, 'fcp')) };
  }
}
for (const cache of ['cold', 'warm']) {
  const s = raw.app[cache];
  ttfr.app[cache].listRequestStart = summary(pick(s, 'listRequestStart'));
  ttfr.app[cache].listResponseEnd = summary(pick(s, 'listResponseEnd'));
  ttfr.app[cache].responseToRows = summary(s.map((x) => x.firstRows - x.listResponseEnd));
}
const ratio = {
  cold: ttfr.app.cold.dom.median / ttfr.static.cold.dom.median,
  warm: ttfr.app.warm.dom.median / ttfr.static.warm.dom.median,
};
const ratioFcp = {
  cold: ttfr.app.cold.fcp.median / ttfr.static.cold.fcp.median,
  warm: ttfr.app.warm.fcp.median / ttfr.static.warm.fcp.median,
};

const FLIP_FIELDS = ['total', 'network', 'client', 'waiting', 'app', 'appBefore', 'appAfter', 'beforeRequest', 'afterResponse', 'frame'];
function flipSummary(samples) {
  const out = Object.fromEntries(FLIP_FIELDS.map((f) => [f, summary(pick(samples, f))]));
  out.networkShare = median(samples.map((x) => x.network / x.total));
  return out;
}
const flips = {};
for (const limit of FLIP_LIMITS) flips[limit] = flipSummary(raw.flips[limit]);

// Start-up of a cold app load: the steps on its way to the rows, each in ms since navigation
// start, with the name of the part that ends at it. A part is how much later than all the
// steps above it its step came (0 when it came before one of them: the preload scanner asks
// for the wasm before the boot script runs), so per load the parts add up to the last step.
const STEPS = [
  ['documentEnd', 'document received (navigation `responseEnd`)', 'document request'],
  ['earlyRequestSent', 'early request sent (`early-request-sent`, boot script)', 'renderer start and parsing up to the boot script'],
  ['wasmFetched', 'wasm fetched (Resource Timing `responseEnd`)', 'wasm download'],
  ['wasmStart', 'wasm compiled, instantiated, glue run (`wasm-start`)', 'wasm compile + instantiate + glue'],
  ['appMounted', 'app mounted (`app-mounted`)', 'app start-up and mount'],
  ['firstResponse', 'list answer in the app (`first-response`)', 'wait for the list answer after mounting'],
  ['firstRows', 'first rows in the DOM (observer)', 'decoding and rendering the rows'],
  ['rowsRendered', 'frame with the rows (`rows-rendered`, rAF)', 'rows in the DOM → their frame'],
];
// Alongside the path: when the other files and the list request came, and who asked.
const ALONGSIDE = [
  ['jsFetchStart', 'JS glue fetch start'],
  ['jsFetched', 'JS glue fetched (`responseEnd`)'],
  ['wasmFetchStart', 'wasm fetch start'],
  ['listRequestStart', 'list request start (Resource Timing)'],
  ['listResponseEnd', 'list request `responseEnd`'],
  ['adopted', 'early answer adopted (`early-request-adopted`)'],
  ['firstRequestSent', 'app asked itself (`first-request-sent`)'],
  ['fcp', 'first contentful paint'],
];
const orNull = (x) => (x === undefined ? null : x);
function startupPoints(s) {
  const m = s.marks;
  return {
    earlyRequestSent: orNull(m['early-request-sent']),
    wasmFetched: s.wasmResponseEnd,
    wasmStart: orNull(m['wasm-start']),
    appMounted: orNull(m['app-mounted']),
    firstResponse: orNull(m['first-response']),
    firstRows: s.firstRows,
    rowsRendered: orNull(m['rows-rendered']),
    documentEnd: s.responseEnd,
    jsFetchStart: s.jsFetchStart,
    jsFetched: s.jsResponseEnd,
    wasmFetchStart: s.wasmFetchStart,
    listRequestStart: s.listRequestStart,
    listResponseEnd: s.listResponseEnd,
    adopted: orNull(m['early-request-adopted']),
    firstRequestSent: orNull(m['first-request-sent']),
    fcp: s.fcp,
  };
}
function breakdown(samples) {
  const points = samples.map(startupPoints);
  const at = Object.fromEntries([...STEPS, ...ALONGSIDE].map(([k]) => [k, summary(pick(points, k))]));
  const latest = points.map(() => 0);
  const parts = STEPS.map(([key, , name]) => {
    const d = points.map((p, i) => {
      if (p[key] === null) return null;
      const part = Math.max(0, p[key] - latest[i]);
      latest[i] = Math.max(latest[i], p[key]);
      return part;
    });
    return { key, name, ...summary(d) };
  });
  const largest = parts.reduce((a, b) => ((b.median ?? -Infinity) > (a.median ?? -Infinity) ? b : a));
  const adopted = points.filter((p) => p.adopted !== null).length;
  return { at, parts, largest: largest.key, adopted, loads: points.length };
}

/**
 * First rows and FCP of the app against the static page and the plain-JS page for one
 * condition and load: rows in the DOM, and rows painted (the frame after them; for the
 * static page, parsed long before its first frame, that frame is its first paint).
 */
function versusStatic(app, stat, plain) {
  const of = (f) => ({ app: summary(pick(app, f)), static: summary(pick(stat, f)), plain: summary(pick(plain, f)) });
  const fr = of('firstRows');
  const painted = of('firstRowsFrame');
  const fcp = of('fcp');
  return {
    firstRows: fr,
    painted,
    fcp,
    ratio: fr.app.median / fr.static.median,
    paintedRatio: painted.app.median / painted.static.median,
    plainRatio: fr.app.median / fr.plain.median,
    plainPaintedRatio: painted.app.median / painted.plain.median,
    fcpRatio: fcp.app.median / fcp.static.median,
  };
}

// Every measured condition side by side: loads, start-up, flips at CONDITION_FLIP_ROWS rows.
const conditions = {
  loopback: {
    label: LOOPBACK.label,
    cold: versusStatic(raw.app.cold, raw.static.cold, raw.plain.cold),
    warm: versusStatic(raw.app.warm, raw.static.warm, raw.plain.warm),
    breakdown: breakdown(raw.app.cold),
    flips: flips[CONDITION_FLIP_ROWS],
    cpuProbe: summary(pick(raw.app.cold, 'cpuProbe')),
  },
};
for (const c of [NETWORK, CPU4]) {
  const r = raw.conditions[c.id];
  if (!r) continue;
  conditions[c.id] = {
    label: c.label,
    cold: versusStatic(r.app.cold, r.static.cold, r.plain.cold),
    breakdown: breakdown(r.app.cold),
    flips: flipSummary(r.flips),
    cpuProbe: summary(pick(r.app.cold, 'cpuProbe')),
  };
}
const measured = CONDITIONS.filter((c) => conditions[c.id]);

const memAt = (run, n) => run.find((x) => x.flips === n);
const memMetrics = ['usedJSHeapSize', 'wasmMemory', 'total', 'domNodes', 'jsEventListeners'];
const memFlips = opts['mem-flips'];
const memory = { afterLoad: {}, after10: {}, afterN: {}, growth: {} };
for (const m of memMetrics) {
  memory.afterLoad[m] = median(raw.memory.map((run) => memAt(run, 0)[m]));
  memory.after10[m] = median(raw.memory.map((run) => memAt(run, 10)[m]));
  memory.afterN[m] = median(raw.memory.map((run) => memAt(run, memFlips)[m]));
  memory.growth[m] = median(raw.memory.map((run) => (memAt(run, memFlips)[m] - memAt(run, 10)[m]) / memAt(run, 10)[m]));
}

const transfer = {};
for (const f of ['transferSize', 'encodedBodySize', 'decodedBodySize']) transfer[f] = median(pick(raw.app.transfer, f));
transfer.files = raw.app.transfer[0].files;
transfer.staticBaseline = { transferSize: median(pick(raw.static.transfer, 'transferSize')) };
transfer.warmReload = { transferSize: median(pick(raw.app.warmTransfer, 'transferSize')), files: raw.app.warmTransfer[0].files };

// The targets of "Performance, second round" (and issue 4's size budget); a figure that
// was not measured (its condition skipped) holds neither way.
const KB = 1024;
const target = (name, value, limit, unit) => {
  const known = value !== null && value !== undefined && Number.isFinite(value);
  return { name, value: known ? value : null, limit, unit, ok: known ? Math.abs(value) <= limit : null };
};
const cond = (id) => conditions[id] ?? null;
/** The first-rows limit of each condition. */
const FIRST_ROWS_LIMITS = [['loopback', 1.5], ['network', 1.3], ['cpu4', 2]];
const targets = [
  target('first rows ≤ 1.5× static baseline, loopback, cold (median)', ratio.cold, 1.5, '×'),
  target('first rows ≤ 1.5× static baseline, loopback, warm (median)', ratio.warm, 1.5, '×'),
  target(`first rows ≤ 1.3× static baseline, ${NETWORK.label}, cold (median)`, cond('network')?.cold.ratio, 1.3, '×'),
  target(`first rows ≤ 2× static baseline, ${CPU4.label}, cold (median)`, cond('cpu4')?.cold.ratio, 2, '×'),
  ...FIRST_ROWS_LIMITS.filter(([id]) => cond(id)).flatMap(([id, limit]) => [
    target(`rows painted ≤ ${limit}× static baseline, ${conditions[id].label}, cold (median, next frame)`, conditions[id].cold.paintedRatio, limit, '×'),
    target(`first rows ≤ ${limit}× plain-JS page (one fetch, writes rows), ${conditions[id].label}, cold (median)`, conditions[id].cold.plainRatio, limit, '×'),
  ]),
  ...measured.map((c) => target(`first contentful paint ≤ 1.2× static baseline, ${c.label}, cold (median)`, conditions[c.id].cold.fcpRatio, 1.2, '×')),
  target('client part of a 100-row flip ≤ 16 ms (median, total − Resource Timing network)', flips[100].client.median, 16, 'ms'),
  target('client part of a 100-row flip ≤ 16 ms (median, app work: total − wait on fetch)', flips[100].app.median, 16, 'ms'),
  target('client part of a 1000-row flip ≤ 60 ms (median, total − Resource Timing network)', flips[1000].client.median, 60, 'ms'),
  target('client part of a 1000-row flip ≤ 60 ms (median, app work: total − wait on fetch)', flips[1000].app.median, 60, 'ms'),
  target(`client part of a ${CONDITION_FLIP_ROWS}-row flip, ${CPU4.label}, ≤ 33 ms (median, total − Resource Timing network)`, cond('cpu4')?.flips.client.median, 33, 'ms'),
  target(`client part of a ${CONDITION_FLIP_ROWS}-row flip, ${CPU4.label}, ≤ 33 ms (median, app work: total − wait on fetch)`, cond('cpu4')?.flips.app.median, 33, 'ms'),
  target(`memory (JS heap + wasm) after ${memFlips} flips within 10% of after 10`, memory.growth.total * 100, 10, '%'),
  target('first-load gzip transfer ≤ 180 KB (issue 4; document+JS+wasm+CSS transferSize)', transfer.transferSize / KB, 180, 'KiB'),
];

const busy = Math.max(machine.loadavgStart[0], machine.loadavgStart[1]) > 0.5;
const result = {
  date: startedAt.toISOString(),
  command,
  options: shownOpts,
  machine,
  busy,
  elapsedSeconds: elapsedS,
  build: { dist: rel(SRC_DIST), servedFrom: rel(BENCH_DIST), omsDev: rel(OMS_DEV), records: opts.records, seed: opts.seed },
  summary: { timeToFirstRows: ttfr, ratioAppOverStatic: ratio, ratioFcpAppOverStatic: ratioFcp, conditions, flips, memory, transfer, targets },
  raw,
};
writeFileSync(path.join(fromRoot(opts['out-dir']), 'BENCHMARKS.json'), `${JSON.stringify(result, null, 2)}\n`);

// ---------------------------------------------------------------- tables
const ms = (x) => (x === null || x === undefined ? '–' : `${x.toFixed(1)} ms`);
const times = (x) => (x === null || x === undefined || !Number.isFinite(x) ? '–' : `${x.toFixed(2)}×`);
const kib = (x) => `${(x / KB).toFixed(1)} KiB`;
const mib = (x) => (x === null || x === undefined ? '–' : `${(x / 2 ** 20).toFixed(2)} MiB`);
const pct = (x) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
const mdRow = (r) => `| ${r.join(' | ')} |`;
/** A table as padded text (stdout) and as Markdown. */
function table(head, rows) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return {
    text: [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n'),
    md: [mdRow(head), mdRow(head.map(() => '---')), ...rows.map(mdRow)].join('\n'),
  };
}

// All loopback figures, as before, with the first contentful paint.
const rows = [];
const add = (name, s, fmt = ms) => rows.push([name, fmt(s.median), s.p95 === undefined ? '' : fmt(s.p95), String(s.n ?? '')]);
add('First rows, app, cold', ttfr.app.cold.dom);
add('First rows, static baseline, cold', ttfr.static.cold.dom);
rows.push(['  ratio app/static, cold', times(ratio.cold), '', '']);
add('First rows, app, warm (reload)', ttfr.app.warm.dom);
add('First rows, static baseline, warm', ttfr.static.warm.dom);
rows.push(['  ratio app/static, warm', times(ratio.warm), '', '']);
add('First contentful paint, app, cold', ttfr.app.cold.fcp);
add('First contentful paint, static baseline, cold', ttfr.static.cold.fcp);
rows.push(['  ratio app/static, cold', times(ratioFcp.cold), '', '']);
add('First contentful paint, app, warm (reload)', ttfr.app.warm.fcp);
add('First contentful paint, static baseline, warm', ttfr.static.warm.fcp);
rows.push(['  ratio app/static, warm', times(ratioFcp.warm), '', '']);
add('  app cold: list request start', ttfr.app.cold.listRequestStart);
add('  app cold: list response end', ttfr.app.cold.listResponseEnd);
add('  app cold: list response end → rows', ttfr.app.cold.responseToRows);
add('  app warm: list request start', ttfr.app.warm.listRequestStart);
for (const limit of FLIP_LIMITS) {
  add(`Flip ${limit} rows: total (click → rows in DOM)`, flips[limit].total);
  add(`Flip ${limit} rows: network (list request)`, flips[limit].network);
  add(`Flip ${limit} rows: client = total − network`, flips[limit].client);
  add(`Flip ${limit} rows: waiting = fetch() → body in JS`, flips[limit].waiting);
  add(`Flip ${limit} rows: app = total − waiting (click → fetch() + body → rows)`, flips[limit].app);
  add(`Flip ${limit} rows: click → next frame`, flips[limit].frame);
}
rows.push(['JS heap after load / 10 / ' + memFlips + ' flips', `${mib(memory.afterLoad.usedJSHeapSize)} / ${mib(memory.after10.usedJSHeapSize)} / ${mib(memory.afterN.usedJSHeapSize)}`, '', String(raw.memory.length)]);
rows.push(['wasm memory after load / 10 / ' + memFlips + ' flips', `${mib(memory.afterLoad.wasmMemory)} / ${mib(memory.after10.wasmMemory)} / ${mib(memory.afterN.wasmMemory)}`, '', String(raw.memory.length)]);
rows.push([`Memory growth flip 10 → ${memFlips} (JS heap / wasm / sum)`, `${pct(memory.growth.usedJSHeapSize)} / ${pct(memory.growth.wasmMemory)} / ${pct(memory.growth.total)}`, '', String(raw.memory.length)]);
rows.push([`DOM nodes after 10 / ${memFlips} flips`, `${memory.after10.domNodes} / ${memory.afterN.domNodes}`, '', String(raw.memory.length)]);
rows.push(['First load transfer (gzip, incl. headers)', kib(transfer.transferSize), '', String(raw.app.transfer.length)]);
rows.push(['First load encoded body (gzip)', kib(transfer.encodedBodySize), '', String(raw.app.transfer.length)]);
rows.push(['First load decoded body (raw)', kib(transfer.decodedBodySize), '', String(raw.app.transfer.length)]);
rows.push(['Warm reload transfer (304s / cache)', kib(transfer.warmReload.transferSize), '', String(raw.app.warmTransfer.length)]);
const allFigures = table(['Metric', 'Median', 'p95', 'n'], rows);

// First rows and FCP, app against the static page, in every condition.
const loadRows = [
  [LOOPBACK.label, 'cold', conditions.loopback.cold],
  [LOOPBACK.label, 'warm (reload)', conditions.loopback.warm],
  ...measured.slice(1).map((c) => [c.label, 'cold', conditions[c.id].cold]),
];
const firstRowsTable = table(
  ['Condition', 'Load', 'First rows, app', 'static', 'app/static', 'FCP, app', 'static', 'app/static', 'n (app/static)'],
  loadRows.map(([label, load, v]) => [label, load, ms(v.firstRows.app.median), ms(v.firstRows.static.median), times(v.ratio), ms(v.fcp.app.median), ms(v.fcp.static.median), times(v.fcpRatio), `${v.firstRows.app.n}/${v.firstRows.static.n}`]),
);
// Rows painted (the frame after them) for all three pages, and the plain-JS page's rows.
const paintedTable = table(
  ['Condition', 'Load', 'Rows painted, app', 'static', 'app/static', 'First rows, plain-JS page', 'app/plain', 'Rows painted, plain-JS page', 'app/plain', 'n (plain)'],
  loadRows.map(([label, load, v]) => [label, load, ms(v.painted.app.median), ms(v.painted.static.median), times(v.paintedRatio), ms(v.firstRows.plain.median), times(v.plainRatio), ms(v.painted.plain.median), times(v.plainPaintedRatio), String(v.firstRows.plain.n)]),
);

// The start-up breakdown: step (median ms since navigation start) and part, per condition.
const stepCells = (b, key, part) => [ms(b.at[key].median), part ? ms(part.median) : ''];
const breakdownTable = table(
  ['Cold app load', ...measured.flatMap((c) => [`${c.label}: at`, 'part'])],
  [
    ['navigation start', ...measured.flatMap(() => ['0.0 ms', ''])],
    ...STEPS.map(([key, label], i) => [label, ...measured.flatMap((c) => stepCells(conditions[c.id].breakdown, key, conditions[c.id].breakdown.parts[i]))]),
    ...ALONGSIDE.map(([key, label]) => [`(alongside) ${label}`, ...measured.flatMap((c) => stepCells(conditions[c.id].breakdown, key, null))]),
    ['early answer adopted in', ...measured.flatMap((c) => [`${conditions[c.id].breakdown.adopted}/${conditions[c.id].breakdown.loads} loads`, ''])],
  ],
);
const largestPart = (c) => {
  const b = conditions[c.id].breakdown;
  const p = b.parts.find((x) => x.key === b.largest);
  return `${c.label}: ${p.name}, ${ms(p.median)} of ${ms(b.at.firstRows.median)} to first rows`;
};
const largestLine = `Largest part — ${measured.map(largestPart).join('; ')}.`;

// Flips in every condition: loopback at all sizes, the emulated ones at CONDITION_FLIP_ROWS.
const flipRows = [
  ...FLIP_LIMITS.map((limit) => [`loopback, ${limit} rows`, flips[limit]]),
  ...measured.slice(1).map((c) => [`${c.label}, ${CONDITION_FLIP_ROWS} rows`, conditions[c.id].flips]),
];
const flipTable = table(
  ['Flip (medians)', 'total', 'network', 'client = total − network', 'waiting', 'app = total − waiting', 'click → next frame', 'n'],
  flipRows.map(([label, f]) => [label, ...['total', 'network', 'client', 'waiting', 'app', 'frame'].map((k) => ms(f[k].median)), String(f.total.n)]),
);

// How strongly the emulations held: the fixed JS loop, and the list request of a cold load.
const probeBase = conditions.loopback.cpuProbe.median;
const checks = measured.map(
  (c) =>
    `${c.label}: JS loop ${ms(conditions[c.id].cpuProbe.median)} (${times(conditions[c.id].cpuProbe.median / probeBase)} loopback's), ` +
    `early list request ${ms(conditions[c.id].breakdown.at.listResponseEnd.median - conditions[c.id].breakdown.at.listRequestStart.median)} start → responseEnd`,
);

const verdict = (tg) => (tg.ok === null ? 'not measured' : tg.ok ? 'met' : 'NOT MET');
const fmtTarget = (tg) => (tg.value === null ? '–' : tg.unit === '×' ? times(tg.value) : `${tg.value.toFixed(1)} ${tg.unit}`);
console.log(`\n${allFigures.text}`);
console.log(`\nFirst rows and first contentful paint, app vs static page:\n${firstRowsTable.text}`);
console.log(`\nRows painted, and the plain-JS page (one fetch, writes rows):\n${paintedTable.text}`);
console.log(`\nStart-up breakdown (medians over cold app loads, ms since navigation start; part = how much later than every step above):\n${breakdownTable.text}\n${largestLine}`);
console.log(`\nPage flips:\n${flipTable.text}`);
console.log(`\nEmulation checks:\n${checks.map((x) => `  ${x}`).join('\n')}`);
console.log('\nTargets:');
for (const tg of targets) console.log(`  ${verdict(tg).padEnd(12)}  ${tg.name}: ${fmtTarget(tg)} (limit ${tg.limit}${tg.unit === '×' ? '×' : ` ${tg.unit}`})`);
console.log(`\n${elapsedS} s; wrote BENCHMARKS.json and BENCHMARKS.md${busy ? ' (machine was busy: load average ' + machine.loadavgStart.join(' ') + ' at start)' : ''}`);

// ---------------------------------------------------------------- BENCHMARKS.md
const fileRows = transfer.files.map((f) => mdRow([`\`${f.path}\``, f.kind, String(f.transferSize), String(f.encodedBodySize), String(f.decodedBodySize)]));
const conditionRuns = [NETWORK, CPU4].map((c) => `${c.runs} cold loads per page with ${c.label}`).join(', ');
const md = `# Benchmarks

Browser benchmark of the release build of the app against \`oms-dev\` holding
${opts.records.toLocaleString('en-US')} records (in-memory SQLite), on loopback and under an emulated network
(${NETWORK.label}) and a 4× throttled CPU. Not part of \`make test\`.

${opts.runs < DEFAULTS.runs || opts.flips < DEFAULTS.flips ? `> **Validation run**: ${opts.runs} loads per variant and ${opts.flips} flips per page size (defaults ${DEFAULTS.runs} and ${DEFAULTS.flips}); with so few samples p95 is the maximum and the medians are rough.\n\n` : ''}${busy || opts.note ? `> **Measured on a busy machine**: ${opts.note || `other builds were running (load average ${machine.loadavgStart.join(' / ')} at start, ${machine.loadavgEnd.join(' / ')} at the end, on ${machine.nproc} CPUs)`}. The figures are noisy; re-run on an idle machine with the default repetition counts before relying on them.\n` : ''}
## Command

\`\`\`sh
${command}
\`\`\`

Options: \`--runs N\` (page loads per variant on loopback, default ${DEFAULTS.runs}), \`--flips N\` (timed flips per page size after
${DEFAULTS.warmup} warm-up flips, default ${DEFAULTS.flips}), \`--mem-flips N\` (default ${DEFAULTS['mem-flips']}), \`--mem-runs N\` (default ${DEFAULTS['mem-runs']}),
\`--net-runs N\` (cold loads per page under the emulated network, default ${DEFAULTS['net-runs']}), \`--cpu-runs N\` (cold loads per page with
the CPU throttled, default ${DEFAULTS['cpu-runs']}; 0 skips a condition),
\`--records\`, \`--seed\`, \`--dist DIR\`, \`--oms-dev BIN\`, \`--out-dir DIR\`, \`--note TEXT\`. \`make bench-browser\`
builds the release app and a release oms-dev first and passes \`ARGS\` on (\`make bench-browser ARGS="--runs 3"\`).

This run: app build \`${rel(SRC_DIST)}\`${distNote} (copied to \`${rel(BENCH_DIST)}\` together with \`baseline.html\` and \`plain.html\`),
oms-dev \`${rel(OMS_DEV)}\`, ${opts.runs} runs, ${opts.flips} flips per size, ${opts['mem-runs']} × ${memFlips} memory flips, ${conditionRuns}; ${elapsedS} s in total.

## Machine

| | |
|---|---|
| Date | ${startedAt.toISOString()} |
| CPUs (\`nproc\`) | ${machine.nproc} |
| Model name | ${machine.cpu} |
| Memory | ${machine.memoryGiB} GiB |
| Browser | ${machine.chromium}, headless, via playwright-core |
| Node | ${machine.node} |
| Load average (1/5/15 min) at start / end | ${machine.loadavgStart.join(' ')} / ${machine.loadavgEnd.join(' ')} |

## Results against the targets

Targets of "Performance, second round" (and the size budget of issue 4). Ratios are app / static baseline, medians.

| Target | Figure | Limit | Met |
|---|---|---|---|
${targets.map((tg) => mdRow([tg.name, fmtTarget(tg), tg.unit === '×' ? `${tg.limit}×` : `${tg.limit} ${tg.unit}`, tg.ok === null ? 'not measured' : tg.ok ? 'met' : '**not met**'])).join('\n')}

## First rows and first contentful paint

Medians, ms since navigation start; the static baseline is loaded in the same run and condition.

${firstRowsTable.md}

Rows painted (the frame after the rows reached the DOM), and the plain-JS page: one fetch of
the same page, rows written by a few lines of JavaScript (the issue's "practical floor").

${paintedTable.md}

## Start-up breakdown

Cold app loads, medians in ms since navigation start (*at*) and of the part that ends at the
step (*part*: how much later than every step above it the step came, 0 when it came earlier;
per load the parts add up to the last step, their medians need not). Lines marked
"alongside" are not on the path to the rows.

${breakdownTable.md}

${largestLine}

## Page flips

Medians; emulated conditions at ${CONDITION_FLIP_ROWS} rows per page (the 20-row flip of the loopback measurement), same definitions as below.

${flipTable.md}

Emulation checks (medians over the cold app loads): ${checks.join('; ')}.

## All figures (loopback)

Medians (and nearest-rank p95) over the samples; raw samples are in \`BENCHMARKS.json\`.

${allFigures.md}

Memory trajectory (median over the memory runs; bytes after forced GC):

| After flip | JS heap (usedJSHeapSize) | wasm linear memory | DOM nodes | JS event listeners |
|---|---|---|---|---|
${raw.memory[0].map((x) => x.flips).map((n) => mdRow([String(n), ...['usedJSHeapSize', 'wasmMemory', 'domNodes', 'jsEventListeners'].map((f) => String(median(raw.memory.map((run) => memAt(run, n)[f]))))])).join('\n')}

First-load files (bytes, one cold load):

| File | Kind | transferSize | encodedBodySize | decodedBodySize |
|---|---|---|---|---|
${fileRows.join('\n')}

## What is measured

- **First rows**: \`performance.now()\` (relative to navigation start) at the moment a
  \`MutationObserver\`, installed with \`context.addInitScript\` before any page script runs, first
  sees ${PAGE_ROWS} \`table.records tbody tr\` rows. The session is put into \`sessionStorage\`
  (\`discrepancy-admin.session\`) by the same init script, so there is no sign-in and
  \`index.html\`'s boot script starts the list request before the wasm loads. *Cold*: a fresh
  browser context per run (empty HTTP cache); *warm*: \`page.reload()\` in that same context.
  oms-dev sends hashed assets with \`Last-Modified\` but no \`Cache-Control\`, so on reload the
  browser either uses heuristic freshness or revalidates (304); the files keep the build's
  timestamps in the copy. One untimed load precedes the timed runs of each variant.
  The static baseline is \`/baseline.html\`: the app's own rendering of page 1 (checked id for id
  against the API's answer for \`page=1&limit=${PAGE_ROWS}\`), saved as plain HTML with the app's CSS
  file and no scripts, served by the same oms-dev. For the baseline the observer fires when
  the parser inserts the ${PAGE_ROWS}th row.
- **Rows painted**: the time after the \`requestAnimationFrame\` that follows the first rows (a
  message posted from the callback: after that frame's style, layout and paint). For the static
  page the rows are parsed before its first frame, so this is when they first show; "first rows"
  alone credits it with rows nobody can see yet.
- **The plain-JS page** is \`/plain.html\`: the static baseline's document with an empty table
  body and one same-origin script first in its head (\`plain.js\`, written by the
  benchmark) that reads the stored session, fetches page 1 at once with the same URL and
  headers as the app, and writes the app's row markup once the document is parsed, dates
  through \`Intl\`. It is what issue 14 calls "a plain-JS page doing one fetch and
  writing rows (the practical floor)". Loaded like the app, in the same run and conditions.
- **First contentful paint**: \`startTime\` of the \`first-contentful-paint\` paint entry of
  the same load, read once the document has loaded. For the app that is normally the boot
  skeleton of \`index.html\`, not the rows.
- **Start-up breakdown**: after the first rows of each cold app load, the page's
  \`performance.getEntriesByType('mark')\` (set by the boot script and \`src/perf.rs\`) and
  Resource Timing: the document's \`responseEnd\`, the JS glue's and the wasm's
  \`startTime\`/\`responseEnd\`, the list request's. \`wasm-start\` is set when the glue calls the
  app's start, so the part ending there is compilation, instantiation and the glue (and any
  wait for the module script to run).
  \`rows-rendered\` is set in the \`requestAnimationFrame\` after the table's rows are built, so it
  normally comes after the observer saw them. The largest part is the one with the largest
  median.
- **Conditions**: the emulated network is CDP \`Network.emulateNetworkConditions\` (latency 40 ms,
  download 20 Mbit/s, upload 10 Mbit/s; Chromium adds the latency to every request), the slow
  CPU is CDP \`Emulation.setCPUThrottlingRate\` with rate 4; each is set on the new page's CDP
  session before it navigates, for every load (a fresh context each) and for the flips.
  Only cold loads are timed there, the app's and then the static page's in the same run,
  and flips at ${CONDITION_FLIP_ROWS} rows. A fixed JavaScript loop timed after every cold load shows the
  slowdown the throttling actually applied. Chromium throttles only the renderer's main
  thread (it is interrupted every 200 µs and made to spin for 3× the time it ran): wasm
  compilation on background threads and the browser's network service, where most of a
  flip's waiting is, are not slowed.
- **Page flip**: a capture-phase \`click\` listener stamps t0 when \`a.next\` is clicked (by
  Playwright); the observer stamps t1 when the first row's id has changed and the row count equals
  the page size. *network* = Resource Timing \`responseEnd − startTime\` of the list request started
  within [t0, t1]; *client* = total − network (router, request set-up, JSON decoding, rendering).
  Resource Timing stops at the network layer, but the body still has to reach JavaScript (on
  this machine another 5–15 ms through the browser's network service), so *client* also counts
  browser time in which the app only waits. The init script therefore also wraps \`fetch\` and
  \`Response.prototype.text\` to stamp when the app hands the list request to the browser and
  when its body is back in JavaScript: *waiting* = that span; *app* = total − waiting = (click →
  \`fetch()\`: router, URL, request set-up) + (body → rows in the DOM: JSON decoding, rendering).
  Both definitions are reported against the targets.
  Each page size gets a fresh context at page 1 and ${opts.warmup} untimed warm-up flips. The
  "click → next frame" row adds the following \`requestAnimationFrame\` (style, layout, paint).
- **Memory**: after three CDP \`HeapProfiler.collectGarbage\` calls,
  \`performance.memory.usedJSHeapSize\` (chromium started with \`--enable-precise-memory-info\`)
  plus the wasm linear memory, \`memory.buffer.byteLength\` of the instance exports that trunk's
  loader passes in the \`TrunkApplicationStarted\` event (\`window.wasmBindings\` is the JS glue
  module and does not expose the memory). Linear memory never shrinks, so its growth shows
  allocator high-water growth, in 64 KiB pages. Samples after load and after flip 10, 50, 100,
  150 and ${memFlips} at ${PAGE_ROWS} rows per page; growth = (after ${memFlips} − after 10) / after 10.
  \`performance.measureUserAgentSpecificMemory\` is unavailable (needs cross-origin isolation).
  DOM node and listener counts come from CDP \`Memory.getDOMCounters\`.
- **Transfer**: Resource Timing of each cold load's document, JS, wasm and CSS (favicon and
  API requests excluded; duplicate entries of one URL, e.g. preload + fetch, counted once):
  \`transferSize\` (gzip-compressed body + headers, what the target is checked against, with
  1 KB = 1024 bytes), \`encodedBodySize\` (gzip body), \`decodedBodySize\` (raw). oms-dev gzips
  when the browser accepts it.
`;
writeFileSync(path.join(fromRoot(opts['out-dir']), 'BENCHMARKS.md'), md);
process.exit(0);
