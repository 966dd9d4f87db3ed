// Trunk's post-build hook. One hook rather than one per step: trunk runs the hooks of a
// stage at the same time, and every step here rewrites index.html.
// 1. Release builds: minify the JavaScript glue and the style sheet (minify-assets.mjs).
// 2. Any profile, when OMS_ADMIN_CONFIG is set: write it into the config meta tag
//    (inject-config.mjs); `make dev` uses it so the demo shell can embed the app.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { minifyAssets } from './minify-assets.mjs';
import { injectConfig } from './inject-config.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('post-build: TRUNK_STAGING_DIR is not set (this script runs as a trunk hook)');
  process.exit(1);
}
const indexPath = path.join(dir, 'index.html');
let index = readFileSync(indexPath, 'utf8');
if (process.env.TRUNK_PROFILE === 'release') index = await minifyAssets(dir, index);
if (process.env.OMS_ADMIN_CONFIG !== undefined) {
  try {
    index = injectConfig(index, process.env.OMS_ADMIN_CONFIG);
  } catch (err) {
    console.error(`post-build: ${err.message}`);
    process.exit(1);
  }
}
writeFileSync(indexPath, index);
