// Browser tests of a built minhbach site (run by run.sh, which builds it).
//
// Usage: node site.test.mjs SITE_DIR
// Serves SITE_DIR on 127.0.0.1 (a random port; the server stops with the
// test, and a watchdog ends everything after MB_TIMEOUT_S seconds), drives
// Debian's Chromium headless with playwright-core, and checks:
//   - every page type (one page per URL pattern of sitemap.xml, plus
//     404.html) at 360×740 and 1280×800: no console error, no failed
//     request, no horizontal scroll on the phone, no axe-core violation at
//     WCAG 2.1 A/AA, and the structure WCAG asks for (lang="vi", one h1,
//     main landmark, a working skip link, visible focus, tables with caption
//     and headers, charts with a text alternative);
//   - search: "dai son" and "ho so truc tuyen" find Đại Sơn and "hồ sơ trực
//     tuyến", results grouped by kind, links that resolve, offline once
//     loaded, the page's fold equals the build's FoldVi, no-JS fallback;
//   - the overdue lists print: nav hidden, table rows not split;
//   - every JSON file validates against its JSON Schema (2020-12);
//   - feeds and sitemap are well-formed XML listing what the site contains.
// Screenshots (and print PDFs) go to MB_SCREENSHOTS. The last line is
// "N passed, N failed"; the exit status is 1 when anything failed.
import { createServer } from 'node:http';
import { readFileSync, existsSync, statSync, readdirSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, extname, resolve, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const here = fileURLToPath(new URL('.', import.meta.url));
const siteDir = resolve(process.argv[2] || '');
if (!process.argv[2] || !existsSync(join(siteDir, 'index.html'))) {
  console.error(`usage: node site.test.mjs SITE_DIR (a built site; ${siteDir} has no index.html)`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const shotsDir = resolve(process.env.MB_SCREENSHOTS || join(here, 'screenshots'));
const chromiumPath = process.env.MB_CHROMIUM || '/usr/bin/chromium';
const timeoutS = Number(process.env.MB_TIMEOUT_S || 900);
const VIEWPORTS = [
  { name: 'phone', width: 360, height: 740 },
  { name: 'desktop', width: 1280, height: 800 },
];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
// Findings in other owners' files, reported to them (known-issues.json).
const knownIssues = JSON.parse(readFileSync(join(here, 'known-issues.json'), 'utf8')).issues
  .map((k) => ({ ...k, pageRe: new RegExp(k.page), messageRe: new RegExp(k.message) }));
const knownSeen = new Map();
// Splits a check's findings into known ones (printed, counted as skipped) and the rest.
function unknownFindings(name, pattern, findings) {
  return findings.filter((f) => {
    const k = knownIssues.find((x) => x.pageRe.test(pattern) && x.messageRe.test(f));
    if (!k) return true;
    knownSeen.set(k, (knownSeen.get(k) || 0) + 1);
    return false;
  });
}

// ------------------------------------------------------------- results
let passed = 0, failed = 0, skipped = 0;
function check(name, ok, detail = '') {
  if (ok) {
    passed++;
    console.log(`ok    ${name}`);
  } else {
    failed++;
    console.log(`FAIL  ${name}${detail ? '\n      ' + String(detail).replace(/\n/g, '\n      ') : ''}`);
  }
  return ok;
}
function skip(name, why) {
  skipped++;
  console.log(`skip  ${name}: ${why}`);
}
async function step(name, fn) {
  try {
    await fn();
  } catch (e) {
    check(name, false, e && e.stack ? e.stack.split('\n').slice(0, 4).join('\n') : String(e));
  }
}

// ------------------------------------------------------------- server
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.xml': 'application/xml', '.svg': 'image/svg+xml', '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8', '.sqlite': 'application/vnd.sqlite3', '.png': 'image/png',
};
function fileFor(urlPath) {
  let p;
  try { p = decodeURIComponent(urlPath.split('?')[0]); } catch { return null; }
  const full = resolve(siteDir, '.' + p);
  if (full !== siteDir && !full.startsWith(siteDir + sep)) return null;
  if (existsSync(full) && statSync(full).isDirectory()) {
    const index = join(full, 'index.html');
    return existsSync(index) ? index : null;
  }
  return existsSync(full) ? full : null;
}
const server = createServer((req, res) => {
  const file = fileFor(req.url);
  if (!file) {
    const notFound = join(siteDir, '404.html');
    res.writeHead(404, { 'content-type': TYPES['.html'] });
    res.end(existsSync(notFound) ? readFileSync(notFound) : 'not found');
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
  res.end(readFileSync(file));
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const origin = `http://127.0.0.1:${server.address().port}`;
const watchdog = setTimeout(() => {
  console.log(`FAIL  the browser tests took more than ${timeoutS} s`);
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
}, timeoutS * 1000);
watchdog.unref();

// ------------------------------------------------------------- site facts
function walk(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out); else out.push(relative(siteDir, p).split(sep).join('/'));
  }
  return out;
}
const files = walk(siteDir).sort();
const readSite = (p) => readFileSync(join(siteDir, p), 'utf8');
const robots = existsSync(join(siteDir, 'robots.txt')) ? readSite('robots.txt') : '';
const baseUrl = ((robots.match(/^Sitemap:\s*(\S+)sitemap\.xml\s*$/m) || [])[1]) || '';
const sitemapXml = existsSync(join(siteDir, 'sitemap.xml')) ? readSite('sitemap.xml') : '';
const locs = [...sitemapXml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1].replace(/&amp;/g, '&'));
const localOf = (url) => (url.startsWith(baseUrl) ? url.slice(baseUrl.length) : null);
let units = [];
if (existsSync(join(siteDir, 'api/v1/units.json'))) units = JSON.parse(readSite('api/v1/units.json'));
else if (existsSync(join(siteDir, 'tim-kiem/index.json'))) units = JSON.parse(readSite('tim-kiem/index.json')).units;
const unitIds = new Set(units.map((u) => u.id));

// One page per URL pattern: the unit segment and the item slugs generalized.
function patternOf(path) {
  const segs = path.split('/');
  if (unitIds.has(segs[0])) segs[0] = ':unit';
  const from = segs[0] === ':unit' ? 2 : 1;
  for (let i = from; i < segs.length; i++) if (segs[i] !== '') segs[i] = ':id';
  return segs.join('/');
}
const pageTypes = new Map();
for (const path of locs.map(localOf).filter((p) => p !== null).sort()) {
  const pat = patternOf(path);
  if (!pageTypes.has(pat)) pageTypes.set(pat, path);
}
if (existsSync(join(siteDir, '404.html'))) pageTypes.set('404.html', '404.html');

// ------------------------------------------------------------- browser
rmSync(shotsDir, { recursive: true, force: true });
mkdirSync(shotsDir, { recursive: true });
const browser = await chromium.launch({
  executablePath: chromiumPath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
const axeSource = readFileSync(join(here, 'node_modules/axe-core/axe.min.js'), 'utf8');
const shotName = (pat, vp) => (pat.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'home') + `-${vp}.png`;

async function openPage(context, path) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText || ''}`));
  page.on('response', (r) => {
    if (r.url().startsWith(origin) && r.status() >= 400 && !r.url().endsWith('/404.html') && path !== '404.html') {
      problems.push(`HTTP ${r.status()}: ${r.url()}`);
    }
  });
  await page.goto(`${origin}/${path}`, { waitUntil: 'load' });
  if (await page.evaluate(() => !!window.minhbachSearch)) await page.evaluate(() => window.minhbachSearch.ready);
  return { page, problems };
}

// The structure WCAG 2.1 asks for, beyond what axe checks.
async function structure(page) {
  return page.evaluate(() => {
    const out = [];
    if (document.documentElement.getAttribute('lang') !== 'vi') out.push('html lang is not "vi"');
    const h1 = document.querySelectorAll('h1').length;
    if (h1 !== 1) out.push(`${h1} h1 elements (one expected)`);
    const main = document.querySelectorAll('main, [role="main"]');
    if (main.length !== 1) out.push(`${main.length} main landmarks`);
    const skip = document.querySelector('a[href^="#"]');
    const target = skip && document.getElementById(skip.getAttribute('href').slice(1));
    if (!skip || !target || !target.matches('main, [role="main"]')) out.push('no skip link to the main landmark first');
    for (const t of document.querySelectorAll('table')) {
      const name = t.querySelector('caption') || t.getAttribute('aria-label') || t.getAttribute('aria-labelledby');
      if (!name) out.push(`table without caption: ${t.outerHTML.slice(0, 80)}`);
      if (!t.querySelector('th')) out.push(`table without header cells: ${t.outerHTML.slice(0, 80)}`);
    }
    for (const svg of document.querySelectorAll('svg')) {
      if (svg.closest('[aria-hidden="true"]')) continue;
      const named = svg.getAttribute('aria-label') || svg.getAttribute('aria-labelledby') || svg.querySelector('title');
      if (svg.getAttribute('role') !== 'img' || !named) out.push(`chart (svg) without role="img" and a text alternative`);
    }
    return out;
  });
}

// Tab to the first focusable element (the skip link): it shows, with a visible focus indicator.
async function focusVisible(page) {
  await page.keyboard.press('Tab');
  return page.evaluate(() => {
    const a = document.activeElement;
    if (!a || a === document.body) return 'Tab focuses nothing';
    const s = getComputedStyle(a);
    const r = a.getBoundingClientRect();
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
    const onScreen = r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight;
    if (!outline) return `focused ${a.tagName} has no visible outline`;
    if (!onScreen) return `focused ${a.tagName} is off screen`;
    return '';
  });
}

for (const vp of VIEWPORTS) {
  const context = await browser.newContext({ viewport: { width: vp.width, height: vp.height }, locale: 'vi-VN' });
  for (const [pat, path] of pageTypes) {
    const label = `${pat || '/'} (${path || '/'}) at ${vp.width}×${vp.height}`;
    await step(`${label}: loads`, async () => {
      const { page, problems } = await openPage(context, path);
      check(`${label}: no console error or failed request`, problems.length === 0, problems.slice(0, 8).join('\n'));
      if (vp.name === 'phone') {
        const [sw, iw] = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
        check(`${label}: no horizontal scroll`, sw <= iw, `scrollWidth ${sw} > innerWidth ${iw}`);
      }
      await page.evaluate(axeSource);
      const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }),
                                         AXE_TAGS);
      check(`${label}: axe WCAG 2.1 AA`, result.violations.length === 0,
            result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ` +
              v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.html.slice(0, 140)}`).join('\n  ')).join('\n'));
      const s = unknownFindings(label, pat, await structure(page));
      check(`${label}: landmarks, one h1, lang, skip link, tables, charts`, s.length === 0, s.slice(0, 8).join('\n'));
      await page.screenshot({ path: join(shotsDir, shotName(pat, vp.name)), fullPage: true });
      const f = await focusVisible(page);
      check(`${label}: visible keyboard focus`, f === '', f);
      await page.close();
    });
  }
  await context.close();
}

// ------------------------------------------------------------- search
const searchIndex = existsSync(join(siteDir, 'tim-kiem/index.json')) ? JSON.parse(readSite('tim-kiem/index.json')) : null;
if (!check('search: tim-kiem/index.html and tim-kiem/index.json exist',
           existsSync(join(siteDir, 'tim-kiem/index.html')) && searchIndex !== null)) {
  // nothing more to test
} else {
  const allDocs = searchIndex.units.flatMap((u) =>
    existsSync(join(siteDir, 'tim-kiem', u.shard)) ? JSON.parse(readSite(join('tim-kiem', u.shard))).documents : []);
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
  await step('search: runs', async () => {
    const { page, problems } = await openPage(context, 'tim-kiem/');
    const folds = await page.evaluate((us) => us.map((u) => [u.key, window.minhbachSearch.fold(u.title + ' ' + u.province)]),
                                      searchIndex.units);
    const bad = folds.filter(([a, b]) => a !== b);
    check('search: the page folds text as the build does (FoldVi)', folds.length > 0 && bad.length === 0,
          bad.map(([a, b]) => `build "${a}" page "${b}"`).join('\n'));
    const marks = await page.evaluate(() => window.minhbachSearch.fold('ĐẠI Sơn hồ sơ TRỰC tuyến Đồng Phú ưỡ'));
    check('search: fold drops tone marks and đ, lower-cases', marks === 'dai son ho so truc tuyen dong phu uo', marks);

    async function search(q) {
      await page.fill('#tim-kiem-q', '');
      await page.fill('#tim-kiem-q', q);
      await page.press('#tim-kiem-q', 'Enter');
      await page.waitForFunction((qq) => document.getElementById('tim-kiem-trang-thai').textContent.includes(qq), q);
      return page.evaluate(() => ({
        status: document.getElementById('tim-kiem-trang-thai').textContent,
        groups: [...document.querySelectorAll('#tim-kiem-ket-qua section')].map((s) => ({
          heading: s.querySelector('h2').textContent,
          links: [...s.querySelectorAll('li')].map((li) => ({ id: li.getAttribute('data-id'),
            text: li.querySelector('a').textContent, href: li.querySelector('a').getAttribute('href'),
            url: li.querySelector('a').href })),
        })),
        tags: [...new Set([...document.querySelectorAll('#tim-kiem-ket-qua *')].map((e) => e.tagName))].sort(),
        url: location.search,
      }));
    }
    const labels = searchIndex.kinds.map((k) => k.label);
    const orderOk = (r) => {
      const idx = r.groups.map((g) => labels.findIndex((l) => g.heading.startsWith(l + ' (')));
      return idx.every((i) => i >= 0) && idx.every((v, i) => i === 0 || idx[i - 1] < v);
    };
    const expectations = [
      ['dai son', 'Đại Sơn'],
      ['ho so truc tuyen', 'hồ sơ trực tuyến'],
    ];
    for (const [q, want] of expectations) {
      const inData = allDocs.some((d) => (d.title + ' ' + d.detail + ' ' + d.text).toLowerCase().includes(want.toLowerCase())) ||
                     searchIndex.units.some((u) => u.title.includes(want));
      if (!inData) { skip(`search: "${q}"`, `no document of this site contains "${want}"`); continue; }
      const r = await search(q);
      // A result whose text (shown or searched) holds the words as written.
      const byId = new Map(allDocs.map((d) => [d.id, d]));
      const hits = r.groups.flatMap((g) => g.links);
      const found = hits.filter((l) => {
        const d = byId.get(l.id);
        const text = d ? `${d.title} ${d.detail} ${d.text}` : l.text;
        return text.toLowerCase().includes(want.toLowerCase());
      });
      check(`search: "${q}" finds "${want}" (${found.length} of ${hits.length} results hold it as written)`,
            found.length > 0, `${r.status}\n${hits.slice(0, 10).map((l) => l.text).join('\n')}`);
      check(`search: "${q}" results grouped by kind, in order (${r.groups.map((g) => g.heading).join(', ')})`,
            r.groups.length > 0 && orderOk(r), r.groups.map((g) => g.heading).join(', '));
      check(`search: "${q}" results are text and links only`,
            r.tags.every((t) => ['SECTION', 'H2', 'OL', 'LI', 'A', 'P'].includes(t)), r.tags.join(' '));
      check(`search: "${q}" is kept in the address`, new URLSearchParams(r.url).get('q') === q, r.url);
      const links = r.groups.flatMap((g) => g.links).slice(0, 40);
      const dead = [];
      for (const l of links) {
        const file = fileFor(new URL(l.url).pathname);
        if (!file || !file.endsWith('.html')) dead.push(`${l.text} -> ${l.href}`);
      }
      check(`search: "${q}" result links lead to pages (${links.length} checked)`, links.length > 0 && dead.length === 0,
            dead.join('\n'));
    }
    // "Tìm trong": one unit's shard (loaded on demand on a large site), and only its results.
    const unit = searchIndex.units.find((u) => u.documents > 0);
    if (unit) {
      const doc = JSON.parse(readSite(join('tim-kiem', unit.shard))).documents.find((d) => d.kind !== 'plan') ||
                  JSON.parse(readSite(join('tim-kiem', unit.shard))).documents[0];
      const q = doc.title.split(/\s+/).slice(0, 4).join(' ');
      await page.selectOption('#tim-kiem-don-vi', unit.id);
      const r = await search(q);
      const ids = r.groups.flatMap((g) => g.links.map((l) => l.id));
      const loaded = await page.evaluate(() => window.minhbachSearch.loadedUnits());
      check(`search: "Tìm trong" ${unit.title} loads its shard and finds "${q}"`,
            loaded.includes(unit.id) && ids.includes(doc.id), `${r.status}\nloaded: ${loaded.length}`);
      const foreign = ids.filter((id) => !id.startsWith(unit.id + '/') && id !== 'unit:' + unit.id);
      check(`search: "Tìm trong" ${unit.title} shows only its results`, foreign.length === 0, foreign.slice(0, 5).join('\n'));
      check('search: the unit is kept in the address', new URLSearchParams(r.url).get('don-vi') === unit.id, r.url);
      await page.selectOption('#tim-kiem-don-vi', '');
    }
    const kindsSeen = new Set(allDocs.map((d) => d.kind));
    check(`search: the index holds plans, indicators, tasks and agencies (${[...kindsSeen].join(', ')})`,
          ['plan', 'indicator', 'task', 'agency'].every((k) => kindsSeen.has(k)));
    await page.screenshot({ path: join(shotsDir, 'search-results-phone.png'), fullPage: true });

    // Offline once loaded (small sites load every shard).
    if (searchIndex.load_all) {
      const loaded = await page.evaluate(() => window.minhbachSearch.loadedUnits().length);
      check('search: every shard loaded on a small site', loaded === searchIndex.units.length,
            `${loaded} of ${searchIndex.units.length}`);
      const requests = [];
      const onRequest = (req) => { if (!req.url().endsWith('/favicon.svg')) requests.push(req.url()); };
      page.on('request', onRequest);
      await context.setOffline(true);
      const q = allDocs.length ? allDocs[allDocs.length - 1].title.split(/\s+/).slice(0, 3).join(' ') : 'xa';
      const r = await search(q);
      check(`search: works offline once loaded ("${q}", no request)`, r.groups.length > 0 && requests.length === 0,
            `${r.status}\n${requests.join('\n')}`);
      await context.setOffline(false);
      page.off('request', onRequest);
      problems.splice(0, problems.length, ...problems.filter((p) => !p.includes('favicon.svg') &&
                                                                    !p.includes('ERR_INTERNET_DISCONNECTED')));
    } else {
      skip('search: offline', 'a large site loads shards when asked');
    }
    check('search: no console error', problems.length === 0, problems.join('\n'));
    await page.close();
  });
  await context.close();

  // Without JavaScript: the form stays hidden, the page links every unit.
  const noJs = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
  await step('search without JavaScript', async () => {
    const page = await noJs.newPage();
    await page.goto(`${origin}/tim-kiem/`);
    const r = await page.evaluate(() => ({
      formShown: !!document.querySelector('form.search-form') && getComputedStyle(document.querySelector('form.search-form')).display !== 'none',
      links: [...document.querySelectorAll('noscript ~ *, main a')].length,
      text: document.querySelector('main').innerText,
      unitLinks: [...document.querySelectorAll('main a')].map((a) => a.getAttribute('href')),
    }));
    check('search without JavaScript: no dead form', !r.formShown);
    const wanted = searchIndex.units.filter((u) => u.href).map((u) => '../' + u.href);
    check('search without JavaScript: says so and links every unit',
          /JavaScript/.test(r.text) && wanted.every((h) => r.unitLinks.includes(h)),
          `missing: ${wanted.filter((h) => !r.unitLinks.includes(h)).join(', ')}`);
    await page.screenshot({ path: join(shotsDir, 'search-nojs-phone.png'), fullPage: true });
    await page.close();
  });
  await noJs.close();
}

// ------------------------------------------------------------- print
const overdue = [...pageTypes.entries()].filter(([pat]) => /\/qua-han\/$/.test(pat));
if (!overdue.length) skip('print: overdue list', 'the site has no /<unit>/qua-han/ page yet');
for (const [, path] of overdue) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await step(`print: ${path}`, async () => {
    const { page } = await openPage(context, path);
    await page.emulateMedia({ media: 'print' });
    const r = await page.evaluate(() => {
      const hidden = (e) => { for (let x = e; x; x = x.parentElement) if (getComputedStyle(x).display === 'none') return true; return false; };
      const navs = [...document.querySelectorAll('nav, .site-header, .skip')];
      const rows = [...document.querySelectorAll('main tr')];
      return {
        navShown: navs.filter((n) => !hidden(n) && !n.closest('main')).map((n) => n.outerHTML.slice(0, 60)),
        rows: rows.length,
        split: rows.filter((tr) => {
          const s = getComputedStyle(tr);
          return s.breakInside !== 'avoid' && s.pageBreakInside !== 'avoid';
        }).length,
        items: document.querySelectorAll('main li, main tr').length,
      };
    });
    check(`print: ${path} hides the navigation`, r.navShown.length === 0, r.navShown.join('\n'));
    if (r.rows) check(`print: ${path} keeps each of ${r.rows} table rows on one page`, r.split === 0, `${r.split} rows may split`);
    else skip(`print: ${path} table rows`, 'the list has no table rows');
    await page.pdf({ path: join(shotsDir, path.replace(/\W+/g, '_') + 'print.pdf'), format: 'A4' });
    await page.screenshot({ path: join(shotsDir, path.replace(/\W+/g, '_') + 'print.png'), fullPage: true });
    await page.close();
  });
  await context.close();
}

// ------------------------------------------------------------- XML
const xmlPage = await (await browser.newContext()).newPage();
await xmlPage.goto(`${origin}/robots.txt`);
async function parseXml(text) {
  return xmlPage.evaluate((t) => {
    const doc = new DOMParser().parseFromString(t, 'application/xml');
    const err = doc.querySelector('parsererror');
    if (err) return { error: err.textContent.slice(0, 300) };
    const root = doc.documentElement;
    const atom = 'http://www.w3.org/2005/Atom';
    const text = (e, name) => (e.getElementsByTagNameNS(atom, name)[0] || {}).textContent || '';
    return {
      root: root.localName, ns: root.namespaceURI,
      locs: [...doc.getElementsByTagName('loc')].map((e) => e.textContent),
      updated: text(root, 'updated'),
      selfLink: ([...root.children].find((e) => e.localName === 'link' && e.getAttribute('rel') === 'self') || { getAttribute: () => '' }).getAttribute('href'),
      entries: [...doc.getElementsByTagNameNS(atom, 'entry')].map((e) => ({
        id: text(e, 'id'), title: text(e, 'title'), updated: text(e, 'updated'),
        href: (e.getElementsByTagNameNS(atom, 'link')[0] || { getAttribute: () => '' }).getAttribute('href'),
      })),
    };
  }, text);
}
await step('sitemap', async () => {
  const x = await parseXml(sitemapXml);
  check('sitemap.xml is well-formed XML (urlset)', !x.error && x.root === 'urlset', x.error);
  check('robots.txt names the sitemap', baseUrl !== '', robots);
  const missing = locs.filter((u) => { const p = localOf(u); return p === null || !fileFor('/' + p); });
  check(`sitemap.xml: all ${locs.length} URLs are pages of the site`, locs.length > 0 && missing.length === 0, missing.slice(0, 10).join('\n'));
  const listed = new Set(locs.map(localOf));
  const pagesOnDisk = files.filter((f) => f.endsWith('.html') && f !== '404.html')
    .map((f) => (f === 'index.html' ? '' : f.replace(/index\.html$/, '')));
  const unlisted = pagesOnDisk.filter((p) => !listed.has(p));
  check(`sitemap.xml lists every page (${pagesOnDisk.length})`, unlisted.length === 0, unlisted.slice(0, 10).join('\n'));
  for (const p of ['tim-kiem/', 'du-lieu/']) check(`sitemap.xml lists ${p}`, listed.has(p));
});

const feeds = files.filter((f) => /^[^/]+\/feed\.xml$/.test(f));
check(`a feed per unit (${feeds.length} of ${units.length})`, units.length > 0 && units.every((u) => feeds.includes(`${u.id}/feed.xml`)));
const plansJson = existsSync(join(siteDir, 'api/v1/plans.json')) ? JSON.parse(readSite('api/v1/plans.json')) : [];
const cyclesJson = existsSync(join(siteDir, 'api/v1/cycles.json')) ? JSON.parse(readSite('api/v1/cycles.json')) : [];
for (const f of feeds) {
  await step(`feed ${f}`, async () => {
    const unit = f.split('/')[0];
    const x = await parseXml(readSite(f));
    check(`${f}: well-formed Atom`, !x.error && x.root === 'feed' && x.ns === 'http://www.w3.org/2005/Atom', x.error);
    if (x.error) return;
    check(`${f}: self link is its canonical URL`, x.selfLink === `${baseUrl}${f}`, x.selfLink);
    const ids = x.entries.map((e) => e.id);
    check(`${f}: entry ids unique`, new Set(ids).size === ids.length);
    const dated = [x.updated, ...x.entries.map((e) => e.updated)].every((d) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/.test(d));
    check(`${f}: RFC 3339 dates`, dated);
    check(`${f}: updated is its newest entry`, x.entries.length === 0 || x.updated === x.entries.map((e) => e.updated).sort().pop(), x.updated);
    const dead = x.entries.filter((e) => { const p = localOf(e.href); return p === null || !fileFor('/' + p); });
    check(`${f}: entry links are pages of the site`, dead.length === 0, dead.map((e) => e.href).join('\n'));
    const titles = new Set(x.entries.map((e) => e.title));
    const plans = plansJson.filter((p) => p.unit === unit);
    const cycles = cyclesJson.filter((c) => c.unit === unit);
    check(`${f}: lists the unit's ${plans.length} plans and ${cycles.length} report cycles`,
          x.entries.length === plans.length + cycles.length && plans.every((p) => titles.has(p.title)),
          `${x.entries.length} entries`);
    const unitPage = readSite(`${unit}/index.html`);
    const link = unitPage.match(/<link rel="alternate" type="application\/atom\+xml"[^>]*href="([^"]+)"/);
    check(`${f}: the unit's page links it`, !!link && new URL(link[1], `${origin}/${unit}/`).pathname === `/${f}`,
          link ? link[1] : 'no <link rel="alternate" type="application/atom+xml">');
  });
}

// ------------------------------------------------------------- JSON
await step('JSON schemas', async () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
  addFormats(ajv);
  const schemaFiles = files.filter((f) => /^api\/v1\/schema\/[^/]+\.json$/.test(f));
  const validators = {};
  for (const f of schemaFiles) {
    try {
      validators[f.split('/').pop()] = ajv.compile(JSON.parse(readSite(f)));
    } catch (e) {
      check(`${f} is a valid JSON Schema 2020-12`, false, e.message);
    }
  }
  check(`${schemaFiles.length} JSON Schemas compile`, schemaFiles.length > 0 && Object.keys(validators).length === schemaFiles.length);
  const schemaFor = (f) => {
    if (f === 'tim-kiem/index.json') return 'search-index.json';
    if (/^tim-kiem\/[^/]+\.json$/.test(f)) return 'search-shard.json';
    const own = f.match(/^[^/]+\/chi-tieu\/([^/]+)\/([^/]+)\.json$/);
    if (own && own[1] === own[2]) return 'indicator-detail.json';
    const m = f.match(/^api\/v1\/([^/]+)\.json$/);
    return m ? `${m[1]}.json` : null;
  };
  const bySchema = new Map();
  for (const f of files.filter((x) => x.endsWith('.json') && !x.startsWith('api/v1/schema/'))) {
    const s = schemaFor(f);
    if (!s || !validators[s]) { check(`${f} has a schema`, false, `expected api/v1/schema/${s || '?'}`); continue; }
    if (!bySchema.has(s)) bySchema.set(s, []);
    bySchema.get(s).push(f);
  }
  for (const [s, list] of bySchema) {
    const errors = [];
    for (const f of list) {
      let data;
      try { data = JSON.parse(readSite(f)); } catch (e) { errors.push(`${f}: ${e.message}`); continue; }
      if (!validators[s](data)) errors.push(`${f}: ` + ajv.errorsText(validators[s].errors, { dataVar: f }).slice(0, 600));
    }
    check(`${list.length === 1 ? list[0] : list.length + ' files'} valid against api/v1/schema/${s}`, errors.length === 0,
          errors.slice(0, 5).join('\n'));
  }
  // The catalogue points only at files that exist.
  if (existsSync(join(siteDir, 'api/v1/index.json'))) {
    const cat = JSON.parse(readSite('api/v1/index.json'));
    const paths = [...cat.datasets.flatMap((d) => [d.path, d.schema]),
                   ...cat.units.flatMap((u) => [u.indicators_csv, u.tasks_csv, u.observations_csv, u.feed]),
                   cat.database && cat.database.path].filter(Boolean);
    const missing = paths.filter((p) => !files.includes(p));
    check(`api/v1/index.json: all ${paths.length} files it lists exist`, missing.length === 0, missing.join('\n'));
    const unlisted = files.filter((f) => /^api\/v1\/[^/]+\.json$/.test(f) && f !== 'api/v1/index.json')
      .filter((f) => !cat.datasets.some((d) => d.path === f));
    check('api/v1/index.json lists every api/v1 JSON file', unlisted.length === 0, unlisted.join('\n'));
    check('api/v1/index.json: every dataset has a schema', cat.datasets.every((d) => d.schema),
          cat.datasets.filter((d) => !d.schema).map((d) => d.path).join('\n'));
  } else {
    check('api/v1/index.json exists', false);
  }
});

// ------------------------------------------------------------- open data page
await step('open data page', async () => {
  const html = existsSync(join(siteDir, 'du-lieu/index.html')) ? readSite('du-lieu/index.html') : '';
  check('du-lieu/ exists', html !== '');
  const hrefs = [...html.matchAll(/<main[\s\S]*?<\/main>/g)].flatMap((m) => [...m[0].matchAll(/href="([^"#]+)"/g)].map((h) => h[1]));
  const dead = hrefs.filter((h) => !/^[a-z]+:/.test(h) && !fileFor(new URL(h, `${origin}/du-lieu/`).pathname));
  check(`du-lieu/: all ${hrefs.length} links resolve`, hrefs.length > 0 && dead.length === 0, dead.join('\n'));
  check('du-lieu/ links the database, JSON, CSV, schemas and feeds',
        ['minhbach.sqlite', '.json', '.csv', 'schema/', 'feed.xml'].every((s) => hrefs.some((h) => h.includes(s))));
  if (existsSync(join(siteDir, 'du-lieu/minhbach.sqlite'))) {
    const head = readFileSync(join(siteDir, 'du-lieu/minhbach.sqlite')).subarray(0, 16).toString('latin1');
    check('du-lieu/minhbach.sqlite is an SQLite database', head === 'SQLite format 3\u0000');
  }
  // Every CSV (RFC 4180 quoting): valid UTF-8, a header, rows as wide as it.
  const csvs = files.filter((f) => f.endsWith('.csv'));
  const badCsv = [];
  for (const f of csvs) {
    const text = readSite(f);
    const rows = parseCsv(text);
    const width = rows.length ? rows[0].length : 0;
    const ragged = rows.findIndex((r) => r.length !== width);
    if (text.includes('\uFFFD') || !rows.length || ragged >= 0 || !/\n$/.test(text)) {
      badCsv.push(`${f}: ${ragged >= 0 ? `row ${ragged + 1} has ${rows[ragged].length} fields, header ${width}` : 'not UTF-8, empty or no final newline'}`);
    }
  }
  check(`${csvs.length} CSV files parse with one width per file`, csvs.length > 0 && badCsv.length === 0, badCsv.slice(0, 5).join('\n'));
});

function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

// ------------------------------------------------------------- vendored library
await step('vendored MiniSearch', async () => {
  let ok = true, out = '';
  try { execFileSync('node', [join(here, 'vendor.mjs'), '--check'], { stdio: 'pipe' }); }
  catch (e) { ok = false; out = String(e.stderr || e.message); }
  check('themes/default/assets/vendor/minisearch.js is what package-lock.json installs (npm run vendor)', ok, out);
});

for (const [k, n] of knownSeen) {
  skipped++;
  console.log(`known ${n}× /${k.message}/ on /${k.page}/\n      owner: ${k.owner}\n      fix: ${k.fix}`);
}
await browser.close();
server.close();
console.log(`\nscreenshots: ${shotsDir}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
