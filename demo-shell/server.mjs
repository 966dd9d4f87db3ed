// The demo shell: a stand-in for Akinon's Omnitron back office that embeds the app in an
// iframe on another origin and speaks the UI Protocol to it (../../shared/embedding/
// UI-PROTOCOL.md) over the real npm `framebus`. `make dev` runs it for people; the end-to-end
// tests start it with `startShell()` to drive the embedded app.
//
// No dependencies beyond Node's built-ins: framebus is CommonJS and no bundler is installed,
// so `/framebus.js` is bundled here, at the first request, by a few lines of module wrapping.
//
//   node demo-shell/server.mjs --port 8081 --app http://127.0.0.1:8080 \
//     --oms-base http://127.0.0.1:8080 --oms-dev http://127.0.0.1:8787 --token TOKEN

import { randomBytes } from 'node:crypto';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const SHELL_DIR = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(SHELL_DIR, '..');
const NODE_MODULES = path.join(REPO_ROOT, 'node_modules');

// The languages the shell's URLs carry (`/en/extension/7/…`), as Omnitron's do.
const LANGS = ['en', 'tr'];
// The app's page when the shell URL names none.
const DEFAULT_SUB_PATH = '/discrepancies';

/**
 * Starts the shell.
 * @param {object} options
 * @param {string} [options.host='127.0.0.1'] address to bind
 * @param {number} [options.port=0] port (0 = any free one)
 * @param {string} [options.publicHost='localhost'] host name in the shell's URL; `localhost`
 *   makes the shell another origin than an app on `http://127.0.0.1:…` while binding 127.0.0.1
 * @param {string} options.appUrl the app's URL with any path prefix (`http://127.0.0.1:9000/apps/oms`)
 * @param {string} [options.omsBaseUrl] given to the app as `oms.baseUrl` (default: the app's origin)
 * @param {string} [options.omsDevUrl] oms-dev's URL, for token rotation (`POST /__dev/token`)
 * @param {string} [options.token=''] the initial OMS token (empty: the app asks the operator)
 * @param {number} [options.appId=7] the app's id in the shell's URLs and `SET_APP_ID`
 * @returns {Promise<{url: string, stop: () => Promise<void>, token: () => string}>}
 */
export async function startShell(options = {}) {
  const config = normalise(options);
  let token = config.token;

  const server = http.createServer((req, res) => {
    route(req, res, config, {
      get: () => token,
      set: (t) => {
        token = t;
      },
    }).catch((err) => {
      // A bug here must not take the server down mid-test; the log says what happened.
      console.error('demo-shell:', err);
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address();
  const url = `http://${config.publicHost}:${port}`;
  return {
    url,
    token: () => token,
    stop: () =>
      new Promise((resolve) => {
        // Open keep-alive connections (the browser's) would hold close() forever.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// Checks the options once, so a typo fails at start-up rather than in the browser.
function normalise(options) {
  if (!options.appUrl) throw new Error('demo-shell: appUrl is required');
  const app = new URL(options.appUrl);
  if (app.protocol !== 'http:' && app.protocol !== 'https:') {
    throw new Error(`demo-shell: appUrl must be http(s): ${options.appUrl}`);
  }
  const appId = Number(options.appId ?? 7);
  if (!Number.isSafeInteger(appId) || appId < 0) throw new Error(`demo-shell: bad appId ${options.appId}`);
  const token = String(options.token ?? '');
  if (/[\s\x00-\x1f\x7f]/.test(token)) throw new Error('demo-shell: the token must not contain spaces');
  return {
    host: options.host ?? '127.0.0.1',
    port: Number(options.port ?? 0),
    publicHost: options.publicHost ?? 'localhost',
    // No trailing slash: the sub-path (`/discrepancies`) brings its own.
    appUrl: app.href.replace(/\/+$/, ''),
    appOrigin: app.origin,
    omsBaseUrl: String(options.omsBaseUrl ?? app.origin).replace(/\/+$/, ''),
    omsDevUrl: options.omsDevUrl ? String(options.omsDevUrl).replace(/\/+$/, '') : '',
    token,
    appId,
  };
}

// Answers one request. `token` reads and replaces the current OMS token.
async function route(req, res, config, token) {
  const { pathname } = new URL(req.url, 'http://shell.invalid');
  const method = req.method;

  if (method === 'GET' && pathname === '/') {
    res.writeHead(302, { Location: `/en/extension/${config.appId}${DEFAULT_SUB_PATH}` });
    return res.end();
  }
  if (method === 'GET' && isShellPage(pathname, config.appId)) {
    return sendHtml(res, config, await shellPage(config, token.get()));
  }
  if (method === 'GET' && pathname === '/shell.js') {
    return sendFile(res, 'shell.js', 'text/javascript; charset=utf-8');
  }
  if (method === 'GET' && pathname === '/shell.css') {
    return sendFile(res, 'shell.css', 'text/css; charset=utf-8');
  }
  if (method === 'GET' && pathname === '/framebus.js') {
    return sendBody(res, 200, 'text/javascript; charset=utf-8', framebusBundle());
  }
  if (method === 'GET' && pathname === '/hostile.html') {
    return sendHtml(res, config, HOSTILE_PAGE);
  }
  if (method === 'GET' && pathname === '/shell/token') {
    return sendJson(res, 200, { token: token.get() });
  }
  if (method === 'POST' && pathname === '/shell/rotate') {
    return rotate(req, res, config, token);
  }
  sendJson(res, 404, { error: 'not found' });
}

// `/{lang}/extension/{appId}` and anything below it; the query does not matter here.
function isShellPage(pathname, appId) {
  const m = /^\/([a-z]{2})\/extension\/(\d+)(\/.*)?$/.exec(pathname);
  return Boolean(m) && LANGS.includes(m[1]) && Number(m[2]) === appId;
}

// The page, with its settings in a meta tag: the CSP allows no inline script.
async function shellPage(config, token) {
  const template = await readFile(path.join(SHELL_DIR, 'index.html'), 'utf8');
  const settings = {
    appUrl: config.appUrl,
    omsBaseUrl: config.omsBaseUrl,
    appId: config.appId,
    token,
  };
  return template.replace('{{CONFIG}}', () => escapeHtml(JSON.stringify(settings)));
}

// A blank page on the shell's origin: tests put it in a frame beside the app's to post
// messages that come from the right origin but the wrong window.
const HOSTILE_PAGE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Sibling frame</title><link rel="icon" href="data:,"></head>
<body></body></html>
`;

// `POST /shell/rotate`: a new random token, given to oms-dev (which then refuses the old
// one with a 401), remembered, and returned for the page to send in `SET_DATA`.
async function rotate(req, res, config, token) {
  // Another site's page must not be able to revoke the token behind the operator's back
  // (a form POST needs no CORS permission). Browsers send Origin on every POST.
  const origin = req.headers.origin;
  if (origin && origin !== `http://${req.headers.host}`) {
    return sendJson(res, 403, { error: 'cross-origin request refused' });
  }
  req.resume(); // the body, if any, carries nothing we read
  if (!config.omsDevUrl) {
    return sendJson(res, 502, { error: 'no oms-dev URL configured (--oms-dev)' });
  }
  const next = randomBytes(16).toString('hex');
  try {
    const answer = await fetch(`${config.omsDevUrl}/__dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: next }),
      signal: AbortSignal.timeout(5000),
    });
    if (!answer.ok) {
      const detail = (await answer.text()).slice(0, 300);
      return sendJson(res, 502, { error: `oms-dev answered ${answer.status}: ${detail}` });
    }
  } catch (err) {
    return sendJson(res, 502, { error: `oms-dev unreachable: ${err.message}` });
  }
  token.set(next);
  sendJson(res, 200, { token: next });
}

// ---------------------------------------------------------------------------------------
// Responses

// Every HTML page gets the strict policy: scripts and styles only from files of this
// origin, frames only from the app (and this origin, for the hostile sibling frame the tests
// add), nothing else. A violation in the tests therefore means a real bug in the shell.
function sendHtml(res, config, html) {
  const csp = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    `frame-src 'self' ${config.appOrigin}`,
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  sendBody(res, 200, 'text/html; charset=utf-8', html, {
    'Content-Security-Policy': csp,
    'Cache-Control': 'no-store',
  });
}

function sendJson(res, status, value) {
  sendBody(res, status, 'application/json', JSON.stringify(value), { 'Cache-Control': 'no-store' });
}

async function sendFile(res, name, type) {
  // Read on each request so editing the shell needs no restart (the files are small).
  sendBody(res, 200, type, await readFile(path.join(SHELL_DIR, name)), { 'Cache-Control': 'no-cache' });
}

function sendBody(res, status, type, body, headers = {}) {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(body);
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// ---------------------------------------------------------------------------------------
// The framebus bundle: CommonJS modules wrapped in functions, with their requires resolved
// here, so the browser gets one classic script that sets `window.Framebus`.

let bundleCache = null;

function framebusBundle() {
  bundleCache ??= buildBundle();
  return bundleCache;
}

function buildBundle() {
  const framebusDir = path.join(NODE_MODULES, 'framebus', 'dist');
  const entry = path.join(framebusDir, 'index.js');
  const modules = new Map(); // absolute file -> { id, source, requires: {spec: file} }

  // Walks the require graph from the entry: exactly the files framebus needs (its dist
  // index.js, framebus.js, lib/*.js, and @braintree/uuid), nothing from spec/ or src/.
  const pending = [entry];
  while (pending.length) {
    const file = pending.pop();
    if (modules.has(file)) continue;
    const source = readFileSync(file, 'utf8');
    const requires = {};
    for (const [, spec] of source.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)) {
      requires[spec] = resolveModule(spec, path.dirname(file));
      pending.push(requires[spec]);
    }
    modules.set(file, { id: path.relative(NODE_MODULES, file).split(path.sep).join('/'), source, requires });
  }

  const idOf = (file) => modules.get(file).id;
  const defs = [...modules.values()].map(
    (m) => `${JSON.stringify(m.id)}: function (module, exports, require) {\n${m.source}\n}`,
  );
  const maps = Object.fromEntries(
    [...modules.values()].map((m) => [
      m.id,
      Object.fromEntries(Object.entries(m.requires).map(([spec, file]) => [spec, idOf(file)])),
    ]),
  );
  const version = JSON.parse(readFileSync(path.join(NODE_MODULES, 'framebus', 'package.json'), 'utf8')).version;

  return `/* framebus ${version} (MIT, braintree) and @braintree/uuid (ISC), from node_modules,
   bundled by demo-shell/server.mjs. Sets window.Framebus. */
(function () {
  var defs = {
${defs.join(',\n')}
  };
  var maps = ${JSON.stringify(maps)};
  var cache = {};
  function load(id) {
    if (cache[id]) return cache[id].exports;
    // Cached before running, as Node does, so the lib/index <-> lib/attach cycle resolves.
    var module = (cache[id] = { exports: {} });
    defs[id].call(module.exports, module, module.exports, function (spec) {
      var target = maps[id][spec];
      if (!target) throw new Error("demo-shell bundle: cannot find " + spec + " from " + id);
      return load(target);
    });
    return module.exports;
  }
  window.Framebus = load(${JSON.stringify(idOf(entry))});
})();
`;
}

// Node's resolution, reduced to what framebus uses: relative files (`./lib`, `../framebus`)
// and packages found in a node_modules folder up the tree (`@braintree/uuid`).
function resolveModule(spec, fromDir) {
  if (spec.startsWith('.')) {
    const base = path.resolve(fromDir, spec);
    const found = [base, `${base}.js`, path.join(base, 'index.js')].find(isFile);
    if (!found) throw new Error(`demo-shell bundle: cannot resolve ${spec} from ${fromDir}`);
    return found;
  }
  for (let dir = fromDir; dir.startsWith(REPO_ROOT); dir = path.dirname(dir)) {
    const pkgDir = path.join(dir, 'node_modules', spec);
    if (isFile(path.join(pkgDir, 'package.json'))) {
      const { main = 'index.js' } = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
      return resolveModule(`./${main}`, pkgDir);
    }
    if (dir === REPO_ROOT) break;
  }
  throw new Error(`demo-shell bundle: cannot find package ${spec}`);
}

function isFile(file) {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------
// Command line

async function main() {
  const { values } = parseArgs({
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      'public-host': { type: 'string' },
      app: { type: 'string' },
      'oms-base': { type: 'string' },
      'oms-dev': { type: 'string' },
      token: { type: 'string' },
      'app-id': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || !values.app) {
    console.log(
      'usage: node demo-shell/server.mjs --app APP_URL [--port 8081] [--host 127.0.0.1]\n' +
        '         [--public-host localhost] [--oms-base URL] [--oms-dev URL] [--token TOKEN] [--app-id 7]',
    );
    process.exit(values.help ? 0 : 2);
  }
  const shell = await startShell({
    host: values.host,
    port: values.port ?? 0,
    publicHost: values['public-host'],
    appUrl: values.app,
    omsBaseUrl: values['oms-base'],
    omsDevUrl: values['oms-dev'],
    token: values.token,
    appId: values['app-id'] ?? 7,
  });
  console.log(`demo-shell listening on ${shell.url}`);
  const stop = () => shell.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const runDirectly = process.argv[1] && pathToFileURL(realpathSync(process.argv[1])).href === import.meta.url;
if (runDirectly) {
  main().catch((err) => {
    console.error(err.message);
    process.exit(1);
  });
}
