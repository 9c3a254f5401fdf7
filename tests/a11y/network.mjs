// For benches/search.py: the bytes the search page fetches from /pagefind/ (Pagefind's
// script, its WebAssembly, the language's metadata, index chunks and fragments) for one
// query typed into the field, in Debian's Chromium. Prints one line.
//
//   node network.mjs <base url> <query>
import { chromium } from 'playwright-core';

const [base, term] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await (await browser.newContext()).newPage();
const sizes = [];
page.on('response', async (r) => {
  if (!new URL(r.url()).pathname.startsWith('/pagefind/')) return;
  try {
    sizes.push([new URL(r.url()).pathname, (await r.body()).length]);
  } catch (e) {
    // A redirect or an aborted request has no body.
  }
});
await page.goto(`${base}/zoeken/?q=${encodeURIComponent(term)}`, { waitUntil: 'load' });
await page.waitForFunction(() => /\d|Niets/.test(document.querySelector('[data-search-status]')?.textContent || ''), null, { timeout: 60000 });
await page.waitForTimeout(500);
await browser.close();
const total = sizes.reduce((n, [, b]) => n + b, 0);
const kind = (p) => (p.endsWith('.pf_fragment') ? 'fragments' : p.endsWith('.pf_index') ? 'index chunks' : p.includes('wasm') ? 'WebAssembly' : p.endsWith('.pf_meta') ? 'metadata' : p.endsWith('.pf_filter') ? 'filters' : 'script and entry');
const by = {};
for (const [p, b] of sizes) by[kind(p)] = (by[kind(p)] || 0) + b;
const parts = Object.entries(by).map(([k, b]) => `${k} ${(b / 1024).toFixed(0)} kB`).join(', ');
console.log(`${(total / 1024).toFixed(0)} kB in ${sizes.length} files from /pagefind/ (${parts})`);
