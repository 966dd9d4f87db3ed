// When OMS_ADMIN_CONFIG is set, its JSON object goes into the `oms-admin-config` meta tag of
// the built index.html (any profile; run by post-build.mjs).
//
// Why: `make dev` serves the app with `trunk serve` (no server of ours to rewrite the page),
// and the demo shell can only embed the app if the app lists the shell's origin:
//   OMS_ADMIN_CONFIG='{"shell_origins":["http://localhost:8081"]}' trunk serve
// A host can do the same at build time instead of rewriting the page when serving it.

// Every <meta> tag, attribute by attribute (quoted values may hold `>`), so the right one is
// found whatever its attribute order and quoting (a minifier may drop the quotes).
const metaTag = /<meta((?:\s+[^\s=>\/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*\/?>/gi;
const nameAttr = /\sname\s*=\s*(?:"oms-admin-config"|'oms-admin-config'|oms-admin-config(?=[\s\/>]|$))/i;

/** `html` with `raw` (JSON text of an object) as its configuration; throws when it cannot. */
export function injectConfig(html, raw) {
  let config;
  try {
    config = JSON.parse(raw);
  } catch (err) {
    throw new Error(`OMS_ADMIN_CONFIG is not valid JSON (${err.message}): ${raw}`);
  }
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new Error(`OMS_ADMIN_CONFIG must be a JSON object such as {"shell_origins":["http://localhost:8081"]}, not: ${raw}`);
  }
  // Escaped for a double-quoted attribute: the JSON's quotes, and `&`/`<` so no text in it
  // can end the attribute or start markup.
  const escaped = JSON.stringify(config).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  let found = 0;
  const out = html.replace(metaTag, (whole, attrs) => {
    if (!nameAttr.test(attrs)) return whole;
    found += 1;
    return `<meta name="oms-admin-config" content="${escaped}" />`;
  });
  if (found !== 1) throw new Error(`index.html has ${found} <meta name="oms-admin-config"> tags, expected one`);
  console.log(`inject-config: oms-admin-config = ${JSON.stringify(config)}`);
  return out;
}
