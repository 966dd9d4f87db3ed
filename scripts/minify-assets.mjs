// Trunk post-build hook: in release builds, minifies the JavaScript glue that wasm-bindgen
// writes (60 kB of readable code, 10 kB gzip) with terser, and rewrites its Subresource
// Integrity hash in index.html to match. trunk 0.21 minifies CSS and HTML but not this file,
// and its HTML minifier would also strip the quotes a host page rewrites in the config meta
// tag, so only the glue is minified, here.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { minify } from 'terser';

const dir = process.env.TRUNK_STAGING_DIR;
if (process.env.TRUNK_PROFILE !== 'release' || !dir) process.exit(0);

const sri = (text) => `sha384-${createHash('sha384').update(text).digest('base64')}`;
const indexPath = path.join(dir, 'index.html');
let index = readFileSync(indexPath, 'utf8');
for (const name of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
  const file = path.join(dir, name);
  const source = readFileSync(file, 'utf8');
  const { code } = await minify(source, { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } });
  const before = sri(source);
  if (!index.includes(before)) throw new Error(`index.html does not carry the integrity of ${name}`);
  writeFileSync(file, code);
  index = index.replaceAll(before, sri(code));
  console.log(`minify-glue: ${name} ${source.length} -> ${code.length} bytes`);
}
writeFileSync(indexPath, index);
