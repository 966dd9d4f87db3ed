// The app under a strict Content-Security-Policy (the one `oms-dev --static` sends by
// default; README "Content-Security-Policy"): every violation is recorded, from the
// `securitypolicyviolation` event (into `window.__cspViolations` and, across navigations,
// into a Node-side list) and from console messages, and a whole session (sign in, list,
// detail, removal review, deep-link reload) must record none. Negative controls prove the
// detector sees an injected inline script, an inline style and a request to a foreign origin.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { setup, signIn, startOms, expectRowsMatchApi, poll, openRemoval, review } from './harness.mjs';

// --hostile: markup payloads in reasons are on page 1 and must not trip the policy either.
const ctx = setup({ records: 30, seed: 13, hostile: true });

/** Inline `<script>` bodies of an HTML document (no `src`), as CSP hashes them. */
function inlineScripts(html) {
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, '');
  return [...withoutComments.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)]
    .filter(([, attrs]) => !/(^|\s)src\s*=/i.test(attrs))
    .map(([, , body]) => body);
}

const sha256Source = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Splits a policy into `{directive: 'sources'}`. */
function directives(policy) {
  return Object.fromEntries(
    policy
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...sources] = d.split(/\s+/);
        return [name.toLowerCase(), sources.join(' ')];
      }),
  );
}

/**
 * Records every CSP violation of `page` (all documents it loads) into the returned array:
 * `securitypolicyviolation` events, which are also kept in `window.__cspViolations`, and
 * console messages about the Content Security Policy.
 */
async function watchCsp(page) {
  const seen = [];
  page.on('console', (m) => {
    if (/content[- ]security[- ]policy/i.test(m.text())) seen.push({ via: 'console', type: m.type(), text: m.text() });
  });
  await page.exposeFunction('__cspReport', (v) => {
    seen.push({ via: 'event', ...v });
  });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener(
      'securitypolicyviolation',
      (e) => {
        const v = {
          directive: e.effectiveDirective,
          blocked: e.blockedURI,
          sample: e.sample,
          source: e.sourceFile,
          line: e.lineNumber,
          disposition: e.disposition,
          url: document.location.href,
        };
        window.__cspViolations.push(v);
        window.__cspReport(v);
      },
      true,
    );
  });
  return seen;
}

/** Checks the response carries the strict policy with the hash of every inline script. */
async function assertStrictPolicy(response, label) {
  assert.ok(response, `${label}: a response`);
  assert.equal(response.status(), 200, label);
  const headers = response.headers();
  const policy = headers['content-security-policy'];
  assert.ok(policy, `${label}: Content-Security-Policy header`);
  assert.equal(headers['x-content-type-options'], 'nosniff', label);
  assert.equal(headers['referrer-policy'], 'no-referrer', label);
  const d = directives(policy);
  const scripts = inlineScripts(await response.text());
  assert.ok(scripts.length >= 1, `${label}: trunk's inline loader is there`);
  assert.deepEqual(
    d,
    {
      'default-src': "'none'",
      'script-src': ["'self'", "'wasm-unsafe-eval'", ...new Set(scripts.map(sha256Source))].join(' '),
      'style-src': "'self'",
      'connect-src': "'self'",
      'img-src': "'self' data:",
      'base-uri': "'none'",
      'form-action': "'self'",
      'frame-ancestors': "'none'",
    },
    `${label}: ${policy}`,
  );
  return policy;
}

test('the whole app under the strict policy: sign in, list, detail, removal, deep link; no violation', async () => {
  const { oms } = ctx;
  const page = await ctx.newPage();
  const violations = await watchCsp(page);

  const signInResponse = await page.goto(`${oms.url}/sign-in`);
  await assertStrictPolicy(signInResponse, '/sign-in');
  await signIn(page, oms, { remember: true });

  const answer = await expectRowsMatchApi(page, oms, { page: 1, limit: 20 });
  assert.ok(answer.results.some((r) => r.reason === '<img src=x onerror="window.__pwned=1">'), 'hostile records on page 1');
  await page.getByRole('link', { name: 'Next' }).click();
  await expectRowsMatchApi(page, oms, { page: 2, limit: 20 });
  await page.goBack();
  await expectRowsMatchApi(page, oms, { page: 1, limit: 20 });

  const record = answer.results.find((r) => r.reason === '<img src=x onerror="window.__pwned=1">');
  await page.getByRole('link', { name: `Open discrepancy ${record.id}`, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: `Discrepancy #${record.id}` }).waitFor();
  assert.equal(await page.locator('.reason-full').textContent(), record.reason);

  await openRemoval(page);
  await review(page, { date: '2023-06-01', location: 3 });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.locator('dialog.confirm').waitFor({ state: 'detached' });

  // A reload on a client-side route: the SPA fallback carries the same policy.
  const deep = await page.goto(`${oms.url}/discrepancies/${record.id}`);
  await assertStrictPolicy(deep, `/discrepancies/${record.id}`);
  await page.getByRole('heading', { level: 1, name: `Discrepancy #${record.id}` }).waitFor();

  await page.waitForTimeout(300); // late reports (an onerror, a deferred fetch) arrive by now
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'window.__cspViolations');
  assert.deepEqual(violations, [], 'CSP violations during the session');
  assert.equal(await page.evaluate(() => typeof window.__pwned), 'undefined');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('negative control: an inline script, an inline style and a foreign request are reported', async () => {
  const { oms } = ctx;
  const page = await ctx.newPage();
  const violations = await watchCsp(page);
  await signIn(page, oms);
  await expectRowsMatchApi(page, oms, { page: 1, limit: 20 });
  assert.deepEqual(violations, [], 'clean before the injections');

  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = 1;';
    document.body.append(s);
  });
  await poll(() => violations.filter((v) => v.directive === 'script-src-elem'), (l) => l.length > 0, { message: 'script-src-elem report' });
  assert.equal(await page.evaluate(() => typeof window.__inlineRan), 'undefined', 'the inline script did not run');

  await page.evaluate(() => document.querySelector('main').setAttribute('style', 'outline: 5px solid red'));
  await poll(() => violations.filter((v) => v.directive === 'style-src-attr'), (l) => l.length > 0, { message: 'style-src-attr report' });

  const foreign = 'http://127.0.0.1:9/api/v1/oms/inventory-discrepancies/';
  const fetched = await page.evaluate((u) => fetch(u).then(() => 'loaded', (e) => `failed: ${e}`), foreign);
  assert.match(fetched, /^failed/);
  await poll(() => violations.filter((v) => v.directive === 'connect-src' && v.blocked === foreign), (l) => l.length > 0, { message: 'connect-src report' });

  const inPage = await page.evaluate(() => window.__cspViolations.map((v) => v.directive));
  assert.deepEqual([...new Set(inPage)].sort(), ['connect-src', 'script-src-elem', 'style-src-attr'], 'window.__cspViolations has each');
  assert.ok(violations.some((v) => v.via === 'console'), `console messages seen too: ${JSON.stringify(violations)}`);
  await page.context().close();
});

test('an OMS on another origin: refused by connect-src unless allowed with --csp-connect', async () => {
  const api = await startOms({ records: 25, seed: 3 });
  const allowing = await startOms({ records: 5, seed: 3, args: ['--csp-connect', api.url] });
  try {
    // Default policy (connect-src 'self'): the sign-in check to the other origin is blocked.
    let page = await ctx.newPage();
    let violations = await watchCsp(page);
    await page.goto(`${ctx.oms.url}/sign-in`);
    await signIn(page, api, { expectFailure: true });
    await poll(() => violations.filter((v) => v.directive === 'connect-src' && v.blocked.startsWith(api.url)), (l) => l.length > 0, {
      message: 'connect-src report for the other origin',
    });
    assert.ok(new URL(page.url()).pathname.startsWith('/sign-in'), 'still on sign-in');
    await page.context().close();

    // Served with --csp-connect: the same sign-in works and the list comes from the other origin.
    page = await ctx.newPage();
    violations = await watchCsp(page);
    const response = await page.goto(`${allowing.url}/sign-in`);
    const policy = response.headers()['content-security-policy'];
    assert.equal(directives(policy)['connect-src'], `'self' ${api.url}`, policy);
    await signIn(page, api);
    const answer = await expectRowsMatchApi(page, api, { page: 1, limit: 20 });
    assert.equal(answer.count, 25, 'the rows are the other OMS’s');
    await page.waitForTimeout(200);
    assert.deepEqual(violations, []);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  } finally {
    await allowing.stop();
    await api.stop();
  }
});
