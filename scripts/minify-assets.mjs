// Release builds: minifies what trunk 0.21 leaves readable, and rewrites each file's
// Subresource Integrity hash in index.html to match.
// - wasm-bindgen's JavaScript glue (60 kB of readable code, 10 kB gzip), with terser.
// - The style sheet: comments and whitespace out (11.9 → 9.5 kB, 3.4 → 2.6 kB gzip).
// - index.html: its comments and the whitespace between tags out, its inline scripts (the
//   boot script and trunk's loader) through terser. The config meta tag is left exactly as
//   it is, quotes included, for hosts that rewrite it. A server that sends the CSP must hash
//   the inline scripts as served (oms-dev reads them from the file).
// trunk's own minifier (`minify`) would do both, but it also minifies index.html and strips
// the quotes a host page rewrites in the config meta tag.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { minify } from 'terser';

const sri = (text) => `sha384-${createHash('sha384').update(text).digest('base64')}`;

/**
 * Comments and insignificant whitespace out of a style sheet. Only what is safe without a
 * parser: whitespace runs become one space, and go entirely around `{ } ; , >` and after
 * `:` (never before it: `.a :focus` is a descendant selector); the last `;` of a block goes.
 * The sheet has no strings or `url()`s where that would matter.
 */
export function minifyCss(css) {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .trim();
}

/** Comments and inter-tag whitespace out of `html`, its inline scripts minified. */
export async function minifyHtml(html) {
  const scripts = [];
  for (const match of html.matchAll(/(<script(?![^>]*\bsrc=)[^>]*>)([\s\S]*?)(<\/script>)/g)) {
    const isModule = /type="module"/.test(match[1]);
    const { code } = await minify(match[2], { module: isModule, compress: { passes: 2 }, mangle: true, format: { comments: false } });
    scripts.push([match[0], match[1] + code + match[3]]);
  }
  for (const [before, after] of scripts) html = html.replace(before, () => after);
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/>\s+</g, '><')
    .trim();
}

/** Minifies the `.js` and `.css` files of `dir`; returns `index` with their new hashes. */
export async function minifyAssets(dir, index) {
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.js') || f.endsWith('.css'))) {
    const file = path.join(dir, name);
    const source = readFileSync(file, 'utf8');
    const code = name.endsWith('.css')
      ? minifyCss(source)
      : (await minify(source, { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } })).code;
    const before = sri(source);
    if (!index.includes(before)) throw new Error(`index.html does not carry the integrity of ${name}`);
    writeFileSync(file, code);
    index = index.replaceAll(before, sri(code));
    console.log(`minify-assets: ${name} ${source.length} -> ${code.length} bytes`);
  }
  const minified = await minifyHtml(index);
  console.log(`minify-assets: index.html ${index.length} -> ${minified.length} bytes`);
  return minified;
}
