// Live reload in a real browser: `werkplaats serve` on a copy of the example site, a page
// open in Debian's Chromium, the page's file edited on disk; the page must reload by itself
// and show the new title, then show the error overlay for broken front matter, then clear it.
//
//   node reload.mjs <werkplaats binary> <site root copy>
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const [bin, root] = process.argv.slice(2);
const server = spawn(bin, ['serve', '--root', root, '--port', '0'], { stdio: ['ignore', 'pipe', 'ignore'] });
const base = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('serve did not start')), 60_000);
  server.stdout.on('data', (chunk) => {
    const m = /(http:\/\/[^ ]+)\/ \(Ctrl-C/.exec(chunk.toString());
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
  // The overlay as a communicator meets it on a phone: Dutch, the terminal's excerpt and
  // help, at the bottom (the header stays usable), scrollable, closable, axe-clean.
  await page.setViewportSize({ width: 320, height: 640 });
  check(overlay.includes('De site kan niet worden gemaakt') && overlay.includes('tip:'), 'the overlay speaks Dutch and gives the help');
  const pre = await page.textContent('#werkplaats-overlay pre').catch(() => '');
  check(pre.includes('title: [kapot') && pre.includes('^'), 'the overlay shows the line with a caret');
  const box = await page.locator('#werkplaats-overlay').boundingBox();
  check(box && box.x >= 0 && box.x + box.width <= 320.5 && box.height <= 320.5 && box.y + box.height <= 640.5, `at 320 px the overlay fits and takes at most half the screen (${JSON.stringify(box)})`);
  const header = await page.evaluate(() => {
    const h = document.querySelector('header');
    if (!h) return 'no header';
    const r = h.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + 5, r.top + 5);
    return hit && !hit.closest('#werkplaats-overlay') ? 'free' : 'covered';
  });
  check(header === 'free', `the page's header stays usable under the overlay (${header})`);
  const scroll = await page.evaluate(() => getComputedStyle(document.querySelector('#werkplaats-overlay')).overflowY);
  check(scroll === 'auto', `the overlay scrolls (overflow-y: ${scroll})`);
  await page.addScriptTag({ path: axePath });
  const axe = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  for (const v of axe.violations) console.log(`  axe: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  check(axe.violations.length === 0, `axe finds nothing with the overlay shown (${axe.violations.length})`);
  await page.keyboard.press('Tab');
  await page.click('#werkplaats-overlay button');
  check((await page.$('#werkplaats-overlay')) === null, 'the close button dismisses the overlay');
  reloaded = page.waitForEvent('load', { timeout: 20_000 });
  writeFileSync(file, '---\ntitle: [nog steeds kapot\n---\n');
  await reloaded;
  check((await page.$('#werkplaats-overlay')) !== null, 'the next failed save brings it back');
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
