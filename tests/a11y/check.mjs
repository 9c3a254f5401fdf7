// Accessibility check of a built site: opens every HTML page in Debian's Chromium (through
// playwright-core; no browser is downloaded), runs axe-core with the WCAG 2.1 A and AA rules,
// and fails on any violation. It also fails if a page loads anything from another host.
//
//   node check.mjs <site folder> <base url served from that folder>
import { chromium } from 'playwright-core';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
const [dir, base] = process.argv.slice(2);
if (!dir || !base) {
  console.error('usage: node check.mjs <site folder> <base url>');
  process.exit(2);
}

function htmlFiles(root) {
  const out = [];
  for (const name of readdirSync(root)) {
    const path = join(root, name);
    if (statSync(path).isDirectory()) out.push(...htmlFiles(path));
    else if (name.endsWith('.html')) out.push(path);
  }
  return out;
}

const urlPath = (file) => '/' + relative(dir, file).split('\\').join('/').replace(/index\.html$/, '');
const pages = htmlFiles(dir).map(urlPath).sort();
// A few page kinds are also checked at phone width, where layout (and contrast over
// wrapped elements) differs.
const phone = pages.filter((p) => /^\/(en\/)?$|\/agenda\/$|\/(initiatieven|initiatives)\/[^/]+\/$/.test(p)).slice(0, 8);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const origin = new URL(base).origin;
let failures = 0;
let checked = 0;

async function check(path, viewport) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const foreign = [];
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('about:')) foreign.push(u);
  });
  const response = await page.goto(base + path, { waitUntil: 'load' });
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  const label = `${path} @${viewport.width}px`;
  if (!response || (response.status() !== 200 && !path.endsWith('404.html'))) {
    console.log(`FAIL ${label}: HTTP ${response && response.status()}`);
    failures++;
  }
  for (const v of result.violations) {
    failures++;
    console.log(`FAIL ${label}: ${v.id} (${v.impact}): ${v.help}`);
    for (const n of v.nodes.slice(0, 3)) console.log(`     ${n.target.join(' ')}: ${n.failureSummary.split('\n').slice(1, 2).join(' ').trim()}`);
  }
  for (const u of foreign) {
    failures++;
    console.log(`FAIL ${label}: loads from another host: ${u}`);
  }
  checked++;
  await context.close();
}

for (const p of pages) await check(p, { width: 1280, height: 900 });
for (const p of phone) await check(p, { width: 320, height: 640 });
await browser.close();
console.log(`axe-core (wcag2a, wcag2aa, wcag21a, wcag21aa): ${checked} page views, ${failures} problem(s)`);
process.exit(failures ? 1 : 0);
