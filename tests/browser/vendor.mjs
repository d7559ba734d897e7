// Vendors the front-end libraries the site ships into themes/default/assets/vendor/,
// so that building a site needs no npm. Run after `npm ci` here:
//   npm run vendor            writes the vendored files
//   node vendor.mjs --check   exits 1 when a vendored file differs from node_modules
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const vendorDir = join(here, '..', '..', 'themes', 'default', 'assets', 'vendor');

// What the site ships: MiniSearch's UMD build (global `MiniSearch`), with its licence.
export function vendoredFiles() {
  const pkgDir = join(here, 'node_modules', 'minisearch');
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const code = readFileSync(join(pkgDir, 'dist', 'umd', 'index.js'), 'utf8')
    .replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');  // the map is not shipped
  const header = `/*! MiniSearch ${pkg.version} (npm: minisearch) | ${pkg.license} licence: minisearch.LICENSE.txt\n` +
                 ` *  Vendored by tests/browser/vendor.mjs; do not edit. */\n`;
  return {
    'minisearch.js': header + code,
    'minisearch.LICENSE.txt': readFileSync(join(pkgDir, 'LICENSE.txt'), 'utf8'),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  let bad = 0;
  mkdirSync(vendorDir, { recursive: true });
  for (const [name, text] of Object.entries(vendoredFiles())) {
    const path = join(vendorDir, name);
    if (check) {
      if (!existsSync(path) || readFileSync(path, 'utf8') !== text) {
        console.error(`${path}: differs from node_modules (run: npm run vendor)`);
        bad++;
      }
    } else {
      writeFileSync(path, text);
      console.log(`wrote ${path}`);
    }
  }
  process.exit(bad ? 1 : 0);
}
