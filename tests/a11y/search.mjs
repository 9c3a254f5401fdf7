// Search (SPEC §2.3) in Debian's Chromium, on the built example site served from a plain
// web server: from the header of a page, by keyboard only, in both languages; a stemmed
// Dutch query; a filter that narrows; no request to another host; axe with results shown.
//
//   node search.mjs <base url> <the build's --now, RFC 3339>
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
const [base, now] = process.argv.slice(2);
const origin = new URL(base).origin;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
let failures = 0;
const fail = (what) => {
  failures++;
  console.log(`FAIL ${what}`);
};

async function open(path, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.foreign = [];
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('about:')) page.foreign.push(u);
  });
  await page.goto(base + path, { waitUntil: 'load' });
  return page;
}

// The results once the status line says how many there are.
async function results(page) {
  await page.waitForFunction(() => {
    const s = document.querySelector('[data-search-status]');
    return s && /\d|Niets|Nothing/.test(s.textContent);
  }, null, { timeout: 15000 });
  return page.$$eval('[data-search-results] .search-result h2 a', (as) => as.map((a) => a.getAttribute('href')));
}

async function axe(page, label) {
  await page.addScriptTag({ path: axePath });
  const r = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  for (const v of r.violations) fail(`${label}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
}

// 1. Keyboard only from the header of a course page: Tab to the field, type, Enter.
{
  const page = await open('/opleidingen/omscholing-cnc-operator/');
  let tabs = 0;
  while (tabs < 15 && !(await page.evaluate(() => document.activeElement?.id === 'site-search-q'))) {
    await page.keyboard.press('Tab');
    tabs++;
  }
  if (tabs === 15) fail('Tab never reaches the header search field');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  if (outline === 'none') fail('the focused search field shows no focus outline');
  await page.keyboard.type('lassen');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/zoeken\/\?q=lassen/);
  const found = await results(page);
  if (!found.includes('/opleidingen/aluminium-lassen/')) fail(`"lassen" does not find the welding course: ${found}`);
  const status = await page.textContent('[data-search-status]');
  const live = await page.getAttribute('[data-search-status]', 'aria-live');
  if (live !== 'polite' || !/resultaat|resultaten/.test(status)) fail(`results are not announced: ${live} "${status}"`);
  await axe(page, '/zoeken/ with results');
  // On to a result by keyboard; Enter opens it.
  let reached = false;
  for (let i = 0; i < 20 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.closest('.search-result') !== null);
  }
  if (!reached) fail('Tab never reaches a result');
  const target = await page.evaluate(() => document.activeElement.getAttribute('href'));
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.pathname === target);
  if (page.foreign.length) fail(`search loads from another host: ${page.foreign}`);
  console.log(`keyboard: ${tabs} tabs to the field, "lassen" finds ${found.length}, Enter opened ${target}`);
  await page.context().close();
}

// 2. A stemmed Dutch form: the text says "lassers", the query "lasser".
{
  const page = await open('/zoeken/?q=lasser');
  const found = await results(page);
  if (!found.includes('/opleidingen/aluminium-lassen/')) fail(`"lasser" does not find the course that says "lassers": ${found}`);
  await page.context().close();
}

// 3. The TechnoHub open day and the location in Woerden, in both languages; English finds
//    English pages only.
for (const [path, want] of [
  ['/zoeken/?q=open+dag+technohub', '/agenda/open-dag-technohub/'],
  ['/zoeken/?q=woerden', '/locaties/technohub-woerden/'],
  ['/en/search/?q=welding', '/en/courses/aluminium-lassen/'],
  ['/en/search/?q=open+day+technohub', '/en/agenda/open-dag-technohub/'],
  ['/en/search/?q=woerden', '/en/locations/technohub-woerden/'],
]) {
  const page = await open(path);
  const found = await results(page);
  if (!found.includes(want)) fail(`${path} does not find ${want}: ${found}`);
  const english = path.startsWith('/en/');
  const other = found.filter((u) => u.startsWith('/en/') !== english);
  if (other.length) fail(`${path} shows pages of the other language: ${other}`);
  if (page.foreign.length) fail(`${path} loads from another host: ${page.foreign}`);
  await page.context().close();
}

// 4. A filter narrows the results (and is kept in the address).
{
  const page = await open('/zoeken/?q=techniek');
  const all = await results(page);
  await page.selectOption('#filter-kind', 'Activiteit');
  await page.waitForFunction(() => location.search.includes('kind='));
  const events = await results(page);
  await page.waitForTimeout(300);
  const narrowed = await page.$$eval('[data-search-results] .search-result h2 a', (as) => as.map((a) => a.getAttribute('href')));
  if (!(narrowed.length > 0 && narrowed.length < all.length)) fail(`the kind filter does not narrow: ${all.length} → ${narrowed.length}`);
  if (narrowed.some((u) => !u.startsWith('/agenda/'))) fail(`the event filter shows other pages: ${narrowed}`);
  // Events only: coming ones first, in time order (the site is built with --now NOW).
  const starts = await page.$$eval('[data-search-results] .search-result', (lis) => lis.map((li) => li.dataset.start));
  const coming = starts.filter((s) => new Date(s) >= new Date(now));
  const sorted = [...coming].sort((a, b) => new Date(a) - new Date(b));
  if (starts.slice(0, coming.length).join() !== sorted.join()) fail(`events are not in date order, coming first: ${starts}`);
  console.log(`"techniek": ${all.length} results, ${events.length} events, coming first in date order`);
  await page.context().close();
}

// 5. At 320 px the search page with results passes axe too.
{
  const page = await open('/en/search/?q=welding', { width: 320, height: 640 });
  await results(page);
  await axe(page, '/en/search/ with results @320px');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (width > 320) fail(`the search page is ${width} px wide at 320 px`);
  await page.context().close();
}

await browser.close();
if (failures) {
  console.log(`search: ${failures} failure(s)`);
  process.exit(1);
}
console.log('search: every check passed');
