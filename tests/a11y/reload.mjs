// Live reload in a real browser: `werkplaats serve` on a copy of the example site, a page
// open in Debian's Chromium, the page's file edited on disk; the page must reload by itself
// and show the new title, then show the error overlay for broken front matter, then clear it.
//
//   node reload.mjs <werkplaats binary> <site root copy>
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [bin, root] = process.argv.slice(2);
const server = spawn(bin, ['serve', '--root', root, '--port', '0'], { stdio: ['ignore', 'pipe', 'ignore'] });
const base = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('serve did not start')), 60_000);
  server.stdout.on('data', (chunk) => {
    const m = /serving (http:\/\/[^ ]+)\//.exec(chunk.toString());
    if (m) { clearTimeout(timer); resolve(m[1]); }
  });
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
let failed = 0;
const check = (ok, what) => { console.log(`${ok ? 'ok  ' : 'FAIL'} live reload: ${what}`); if (!ok) failed++; };
try {
  const page = await browser.newPage();
  await page.goto(base + '/initiatieven/technohub-woerden/', { waitUntil: 'load' });
  check((await page.textContent('h1')) === 'TechnoHub Woerden', 'the page is served');
  const file = join(root, 'content/initiatives/technohub-woerden.nl.md');
  const original = readFileSync(file, 'utf8');
  let reloaded = page.waitForEvent('load', { timeout: 20_000 });
  writeFileSync(file, original.replace('title: TechnoHub Woerden', 'title: TechnoHub Woerden (bewerkt)'));
  await reloaded;
  check((await page.textContent('h1')) === 'TechnoHub Woerden (bewerkt)', 'an edit reloads the page by itself with the new title');
  reloaded = page.waitForEvent('load', { timeout: 20_000 });
  writeFileSync(file, '---\ntitle: [kapot\n---\n');
  await reloaded;
  const overlay = await page.textContent('#werkplaats-overlay').catch(() => '');
  check(overlay.includes('content/initiatives/technohub-woerden.nl.md:2:8'), 'broken front matter shows the overlay with file, line and column');
  reloaded = page.waitForEvent('load', { timeout: 20_000 });
  writeFileSync(file, original);
  await reloaded;
  check((await page.$('#werkplaats-overlay')) === null && (await page.textContent('h1')) === 'TechnoHub Woerden', 'fixing it clears the overlay');
} catch (e) {
  check(false, String(e));
} finally {
  await browser.close();
  server.kill('SIGINT');
}
process.exit(failed ? 1 : 0);
