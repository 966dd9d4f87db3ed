#!/usr/bin/env node
// Browser benchmark of the built app against oms-dev (NOT part of the test command).
//
//   node tests/bench/browser-bench.mjs [--runs N] [--flips N] [--mem-flips N] [--mem-runs N]
//        [--records N] [--seed S] [--dist DIR] [--oms-dev BIN] [--out-dir DIR] [--note TEXT]
//
// Starts oms-dev (release build preferred) with 100,000 records in memory, serving a copy of
// the release app build plus a static baseline page from target/bench-dist, and drives
// Debian's chromium through playwright-core (tests/e2e/harness.mjs: startOms, LIST_PATH).
// Everything is timed inside the page with performance.now():
//
//   1. time to first rows: navigation start → a MutationObserver (installed by
//      addInitScript before any page script) sees 20 `table.records tbody tr` rows. The
//      session is injected into sessionStorage by the same init script (no sign-in).
//      Cold = fresh browser context per run; warm = page.reload() in that same context.
//   2. the same for baseline.html: the app's own rendering of page 1 (checked id for id
//      against the API's answer) saved as static HTML with the app's CSS, no scripts.
//   3. page flips: a capture-phase click listener stamps t0 when `a.next` is clicked; the
//      observer stamps t1 when the first row id changed and the row count equals the limit.
//      network = Resource Timing responseEnd − startTime of the list request issued in
//      that window; client = total − network. Wrapped fetch / Response.text also give
//      waiting = fetch() → body in JS, and app = total − waiting (the app's own work).
//   4. memory after load, after flip 10 and after flip 200 (GC forced via CDP
//      HeapProfiler.collectGarbage first): performance.memory.usedJSHeapSize (chromium
//      runs with --enable-precise-memory-info) + the wasm linear memory
//      (`memory.buffer.byteLength` of the instance exports trunk's loader hands to the
//      `TrunkApplicationStarted` event), plus CDP Runtime.getHeapUsage / Memory.getDOMCounters.
//   5. first-load transfer: Resource Timing transferSize / encodedBodySize /
//      decodedBodySize of the document, JS, wasm and CSS of each cold load.
//
// Writes BENCHMARKS.json (raw samples + summaries) and BENCHMARKS.md at the repo root.

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const rel = (p) => path.relative(ROOT, p) || '.';
const fromRoot = (p) => (path.isAbsolute(p) ? p : path.join(ROOT, p));

// ---------------------------------------------------------------- options
const DEFAULTS = { runs: 10, flips: 30, 'mem-flips': 200, 'mem-runs': 3, records: 100_000, seed: 42, warmup: 2 };
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
  console.error(`${msg}\nusage: node tests/bench/browser-bench.mjs [--runs N] [--flips N] [--mem-flips N] [--mem-runs N] [--records N] [--seed S] [--dist DIR] [--oms-dev BIN] [--out-dir DIR] [--note TEXT]`);
  process.exit(2);
}
const FLIP_LIMITS = [20, 100, 1000];
const PAGE_ROWS = 20;

// ---------------------------------------------------------------- the build under test
/** `--dist`, else the root dist/ if it is a release build (trunk's dev build injects its reload client). */
let distNote = '';
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
async function newContext(session) {
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
  return { context, page };
}

/** Waits for the first-rows stamp of the current navigation and returns its timings. */
async function firstRowsSample(page) {
  await page.waitForFunction(() => window.__bench && window.__bench.firstRowsFrame !== null);
  return page.evaluate((listPath) => {
    const B = window.__bench;
    const nav = performance.getEntriesByType('navigation')[0];
    const list = performance.getEntriesByType('resource').find((e) => e.name.includes(listPath));
    return {
      firstRows: B.firstRows,
      firstRowsFrame: B.firstRowsFrame,
      responseEnd: nav.responseEnd,
      domContentLoaded: nav.domContentLoadedEventEnd,
      appStarted: B.appStarted,
      listRequestStart: list ? list.startTime : null,
      listResponseEnd: list ? list.responseEnd : null,
    };
  }, LIST_PATH);
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
};

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
    const html = await page.evaluate(() => {
      const doc = document.documentElement.cloneNode(true);
      doc.querySelectorAll('script, link[rel="modulepreload"], link[rel="preload"]').forEach((e) => e.remove());
      return `<!DOCTYPE html>\n${doc.outerHTML}\n`;
    });
    writeFileSync(path.join(BENCH_DIST, 'baseline.html'), html);
    return { rows: ids.length, bytes: Buffer.byteLength(html), count: api.count };
  } finally {
    await context.close();
  }
}

async function timeToFirstRows(kind, url, session, runs) {
  const cold = [];
  const warm = [];
  const transfer = [];
  const warmTransfer = [];
  // Run 0 is an untimed warm-up (first renderer start-up, server and OS caches).
  for (let i = -1; i < runs; i++) {
    const { context, page } = await newContext(session);
    try {
      await page.goto(url, { waitUntil: 'commit' });
      const c = await firstRowsSample(page);
      const ct = await transferSizes(page);
      await page.reload({ waitUntil: 'commit' });
      const w = await firstRowsSample(page);
      const wt = await transferSizes(page);
      if (page.errors.length) throw new Error(`${kind}: page errors ${page.errors}`);
      if (i < 0) continue;
      cold.push(c);
      transfer.push(ct);
      warm.push(w);
      warmTransfer.push(wt);
    } finally {
      await context.close();
    }
    process.stdout.write(`  ${kind} run ${i + 1}/${runs}: cold ${r1(cold.at(-1).firstRows)} ms, warm ${r1(warm.at(-1).firstRows)} ms\n`);
  }
  return { cold, warm, transfer, warmTransfer };
}

async function pageFlips(limit, flips) {
  const { context, page } = await newContext(true);
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
  const { context, page } = await newContext(true);
  try {
    const cdp = await context.newCDPSession(page);
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
const command = ['node', 'tests/bench/browser-bench.mjs', ...argv].join(' ');
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

  raw.flips = {};
  for (const limit of FLIP_LIMITS) {
    console.log(`page flips at limit ${limit} (${opts.warmup} warm-up + ${opts.flips})…`);
    raw.flips[limit] = await pageFlips(limit, opts.flips);
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
for (const kind of ['app', 'static']) {
  ttfr[kind] = {};
  for (const cache of ['cold', 'warm']) {
    ttfr[kind][cache] = { dom: summary(pick(raw[kind][cache], 'firstRows')), frame: summary(pick(raw[kind][cache], 'firstRowsFrame')) };
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

const flips = {};
for (const limit of FLIP_LIMITS) {
  const s = raw.flips[limit];
  flips[limit] = Object.fromEntries(['total', 'network', 'client', 'waiting', 'app', 'appBefore', 'appAfter', 'beforeRequest', 'afterResponse', 'frame'].map((f) => [f, summary(pick(s, f))]));
  flips[limit].networkShare = median(s.map((x) => x.network / x.total));
}

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

const KB = 1024;
const targets = [
  { name: 'time to first rows ≤ 2× static baseline (cold, median)', value: ratio.cold, limit: 2, unit: '×', ok: ratio.cold <= 2 },
  { name: 'time to first rows ≤ 2× static baseline (warm, median)', value: ratio.warm, limit: 2, unit: '×', ok: ratio.warm <= 2 },
  { name: 'client-side part of a 100-row flip ≤ 16 ms (median, total − Resource Timing network)', value: flips[100].client.median, limit: 16, unit: 'ms', ok: flips[100].client.median <= 16 },
  { name: 'client-side part of a 100-row flip ≤ 16 ms (median, app work: total − wait on fetch)', value: flips[100].app.median, limit: 16, unit: 'ms', ok: flips[100].app.median <= 16 },
  { name: 'client-side part of a 1000-row flip ≤ 100 ms (median, total − Resource Timing network)', value: flips[1000].client.median, limit: 100, unit: 'ms', ok: flips[1000].client.median <= 100 },
  { name: 'client-side part of a 1000-row flip ≤ 100 ms (median, app work: total − wait on fetch)', value: flips[1000].app.median, limit: 100, unit: 'ms', ok: flips[1000].app.median <= 100 },
  { name: `memory (JS heap + wasm) after ${memFlips} flips within 10% of after 10`, value: memory.growth.total * 100, limit: 10, unit: '%', ok: Math.abs(memory.growth.total) <= 0.1 },
  { name: 'first-load gzip transfer ≤ 180 KB (document+JS+wasm+CSS transferSize)', value: transfer.transferSize / KB, limit: 180, unit: 'KiB', ok: transfer.transferSize <= 180 * KB },
];

const busy = Math.max(machine.loadavgStart[0], machine.loadavgStart[1]) > 0.5;
const result = {
  date: startedAt.toISOString(),
  command,
  options: opts,
  machine,
  busy,
  elapsedSeconds: elapsedS,
  build: { dist: rel(SRC_DIST), servedFrom: rel(BENCH_DIST), omsDev: rel(OMS_DEV), records: opts.records, seed: opts.seed },
  summary: { timeToFirstRows: ttfr, ratioAppOverStatic: ratio, flips, memory, transfer, targets },
  raw,
};
writeFileSync(path.join(fromRoot(opts['out-dir']), 'BENCHMARKS.json'), `${JSON.stringify(result, null, 2)}\n`);

// ---------------------------------------------------------------- table
const ms = (x) => (x === null || x === undefined ? '–' : `${x.toFixed(1)} ms`);
const kib = (x) => `${(x / KB).toFixed(1)} KiB`;
const mib = (x) => (x === null || x === undefined ? '–' : `${(x / 2 ** 20).toFixed(2)} MiB`);
const pct = (x) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
const rows = [];
const head = ['Metric', 'Median', 'p95', 'n'];
const add = (name, s, fmt = ms) => rows.push([name, fmt(s.median), s.p95 === undefined ? '' : fmt(s.p95), String(s.n ?? '')]);
add('First rows, app, cold', ttfr.app.cold.dom);
add('First rows, static baseline, cold', ttfr.static.cold.dom);
rows.push(['  ratio app/static, cold', `${ratio.cold.toFixed(2)}×`, '', '']);
add('First rows, app, warm (reload)', ttfr.app.warm.dom);
add('First rows, static baseline, warm', ttfr.static.warm.dom);
rows.push(['  ratio app/static, warm', `${ratio.warm.toFixed(2)}×`, '', '']);
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
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(`\n${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}`);
console.log('\nTargets:');
for (const tg of targets) console.log(`  ${tg.ok ? 'PASS' : 'FAIL'}  ${tg.name}: ${tg.value.toFixed(1)} ${tg.unit} (limit ${tg.limit} ${tg.unit})`);
console.log(`\n${elapsedS} s; wrote BENCHMARKS.json and BENCHMARKS.md${busy ? ' (machine was busy: load average ' + machine.loadavgStart.join(' ') + ' at start)' : ''}`);

// ---------------------------------------------------------------- BENCHMARKS.md
const mdRow = (r) => `| ${r.join(' | ')} |`;
const fileRows = transfer.files.map((f) => mdRow([`\`${f.path}\``, f.kind, String(f.transferSize), String(f.encodedBodySize), String(f.decodedBodySize)]));
const md = `# Benchmarks

Browser benchmark of the release build of the app against \`oms-dev\` holding
${opts.records.toLocaleString('en-US')} records (in-memory SQLite) on loopback. Not part of \`make test\`.

${opts.runs < DEFAULTS.runs || opts.flips < DEFAULTS.flips ? `> **Validation run**: ${opts.runs} loads per variant and ${opts.flips} flips per page size (defaults ${DEFAULTS.runs} and ${DEFAULTS.flips}); with so few samples p95 is the maximum and the medians are rough.\n\n` : ''}${busy || opts.note ? `> **Measured on a busy machine**: ${opts.note || `other builds were running (load average ${machine.loadavgStart.join(' / ')} at start, ${machine.loadavgEnd.join(' / ')} at the end, on ${machine.nproc} CPUs)`}. The figures are noisy; re-run on an idle machine with the default repetition counts before relying on them.\n` : ''}
## Command

\`\`\`sh
${command}
\`\`\`

Options: \`--runs N\` (page loads per variant, default ${DEFAULTS.runs}), \`--flips N\` (timed flips per page size after
${DEFAULTS.warmup} warm-up flips, default ${DEFAULTS.flips}), \`--mem-flips N\` (default ${DEFAULTS['mem-flips']}), \`--mem-runs N\` (default ${DEFAULTS['mem-runs']}),
\`--records\`, \`--seed\`, \`--dist DIR\`, \`--oms-dev BIN\`, \`--out-dir DIR\`, \`--note TEXT\`. \`make bench-browser\`
builds the release app and a release oms-dev first and passes \`ARGS\` on (\`make bench-browser ARGS="--runs 3"\`).

This run: app build \`${rel(SRC_DIST)}\`${distNote} (copied to \`${rel(BENCH_DIST)}\` together with \`baseline.html\`),
oms-dev \`${rel(OMS_DEV)}\`, ${opts.runs} runs, ${opts.flips} flips per size, ${opts['mem-runs']} × ${memFlips} memory flips; ${elapsedS} s in total.

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

| Target | Figure | Limit | Holds |
|---|---|---|---|
${targets.map((tg) => mdRow([tg.name, `${tg.value.toFixed(1)} ${tg.unit}`, `${tg.limit} ${tg.unit}`, tg.ok ? 'yes' : '**no**'])).join('\n')}

## All figures

Medians (and nearest-rank p95) over the samples; raw samples are in \`BENCHMARKS.json\`.

${mdRow(head)}
${mdRow(head.map(() => '---'))}
${rows.map(mdRow).join('\n')}

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
  (\`discrepancy-admin.session\`) by the same init script, so there is no sign-in. *Cold*: a fresh
  browser context per run (empty HTTP cache); *warm*: \`page.reload()\` in that same context.
  oms-dev sends hashed assets with \`Last-Modified\` but no \`Cache-Control\`, so on reload the
  browser either uses heuristic freshness or revalidates (304); the files keep the build's
  timestamps in the copy. One untimed cold+warm load precedes the timed runs of each variant.
  The static baseline is \`/baseline.html\`: the app's own rendering of page 1 (checked id for id
  against the API's answer for \`page=1&limit=${PAGE_ROWS}\`), saved as plain HTML with the app's CSS
  file and no scripts, served by the same oms-dev. For the baseline the observer fires when
  the parser inserts the ${PAGE_ROWS}th row. The "next frame" figures in the JSON are the time
  after the following \`requestAnimationFrame\` (≈ first paint with the rows).
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
