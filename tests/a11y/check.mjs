// Accessibility check of a built site: opens every HTML page in Debian's Chromium (through
// playwright-core; no browser is downloaded), runs axe-core with the WCAG 2.1 A and AA rules,
// and fails on any violation. It also fails if a page loads anything from another host.
//
//   node check.mjs <site folder> <base url served from that folder>
//
// With PAGES=<regular expression>, only the pages whose path matches are checked, at 1280
// and at 320 px, and the agenda-script checks (which need the example site) are skipped.
// REQUIRE=<paths separated by spaces>: pages that must be among them (else a failure).
import { chromium } from 'playwright-core';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
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
// A page at a moved URL (SPEC §1.5) sends the browser on at once: it is checked for its
// target, which must exist, and the target page is checked like every other.
const moved = [];
const pages = [];
for (const file of htmlFiles(dir)) {
  const m = /<meta http-equiv="refresh" content="0; url=([^"]+)">/.exec(readFileSync(file, 'utf8'));
  if (m) moved.push([urlPath(file), m[1]]);
  else pages.push(urlPath(file));
}
pages.sort();
const only = process.env.PAGES ? new RegExp(process.env.PAGES) : null;
const every = [...pages];
if (only) {
  pages.splice(0, pages.length, ...every.filter((p) => only.test(p)));
  if (!pages.length) {
    console.error(`check.mjs: no page matches PAGES=${process.env.PAGES}`);
    process.exit(2);
  }
}
const missing = (process.env.REQUIRE || '').split(/\s+/).filter((p) => p && !pages.includes(p));
if (missing.length) {
  console.log(`FAIL pages the site should have, missing or not checked: ${missing.join(' ')}`);
  process.exit(1);
}
// A few page kinds are also checked at phone width, where layout (and contrast over
// wrapped elements) differs.
// One page of each kind at 320 px: the home page, the agenda, an event, an initiative, a
// course, a location, an audience, a list and the sitemap, in both languages.
const kinds = [
  /^\/(en\/)?$/, /^\/(en\/)?agenda\/$/, /^\/(en\/)?agenda\/[a-z0-9-]+\/$/,
  /^\/(initiatieven|en\/initiatives)\/[^/]+\/$/, /^\/(opleidingen|en\/courses)\/[^/]+\/$/,
  /^\/(locaties|en\/locations)\/[^/]+\/$/, /^\/(voor|en\/for)\/[^/]+\/$/,
  /^\/(initiatieven|en\/initiatives)\/$/, /^\/(en\/)?sitemap\/$/,
];
const phone = only ? [...pages] : [];
for (const kind of only ? [] : kinds) {
  for (const en of [false, true]) {
    const p = pages.find((x) => kind.test(x) && x.startsWith('/en/') === en && !/\/(archief|archive|insluiten|embed|soort|type)\/$/.test(x));
    if (p) phone.push(p);
  }
}

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

for (const [from, to] of moved) {
  const target = join(dir, to.replace(/^\//, ''), to.endsWith('/') ? 'index.html' : '');
  if (!existsSync(target) || !every.includes(to)) {
    failures++;
    console.log(`FAIL ${from}: moved to ${to}, which is no page of the site`);
  }
}
console.log(`${moved.length} moved pages lead to pages of the site`);
for (const p of pages) await check(p, { width: 1280, height: 900 });
for (const p of phone) await check(p, { width: 320, height: 640 });
console.log(`at 320 px: ${phone.join(' ')}`);

// Screenshots of the home page, an event and the agenda at both widths, for people to
// look at (CI keeps target/screenshots/).
const shots = process.env.SCREENSHOTS;
if (shots && !only) {
  const { mkdirSync } = await import('node:fs');
  mkdirSync(shots, { recursive: true });
  const event = pages.find((x) => /^\/agenda\/[a-z0-9-]+\/$/.test(x) && !/\/(archief|insluiten|soort)\/$/.test(x));
  for (const [name, path] of [['home', '/'], ['agenda', '/agenda/'], ['event', event]].filter(([, p]) => p)) {
    for (const width of [320, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: width === 320 ? 640 : 900 } });
      const page = await context.newPage();
      await page.goto(base + path, { waitUntil: 'load' });
      await page.screenshot({ path: join(shots, `${name}-${width}.png`), fullPage: true });
      await context.close();
    }
  }
  console.log(`screenshots in ${shots}`);
}

if (only) {
  await browser.close();
  console.log(`axe-core (wcag2a, wcag2aa, wcag21a, wcag21aa): ${pages.length} pages matching PAGES, ${checked} page views, ${failures} problem(s)`);
  process.exit(failures ? 1 : 0);
}

// The agenda script hides events that ended after the build. With the browser's clock set
// later than the first listed event, that event's card must be hidden; far in the future,
// every card is hidden and the "no events" note shows. Without the clock change, nothing is.
async function visibleCards(time) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.clock.install({ time: new Date(time) });
  await page.goto(base + '/agenda/', { waitUntil: 'load' });
  const state = await page.evaluate(() => ({
    cards: [...document.querySelectorAll('[data-ends]')].map((c) => ({ ends: c.dataset.ends, hidden: c.hidden })),
    empty: !document.querySelector('[data-empty]').hidden,
  }));
  await context.close();
  return state;
}
// run.sh builds with --now "2026-11-21 12:00" (Europe/Amsterdam), 11:00 UTC.
const built = await visibleCards('2026-11-21T11:00:00Z');
const firstEnd = built.cards.map((c) => Date.parse(c.ends)).sort((a, b) => a - b)[0];
const later = await visibleCards(firstEnd + 60_000);
const future = await visibleCards('2100-01-01T00:00:00Z');
const script = [
  [built.cards.length > 0 && built.cards.every((c) => !c.hidden) && !built.empty, 'at build time every event is shown'],
  [later.cards.filter((c) => c.hidden).length >= 1 && later.cards.some((c) => !c.hidden), 'an event that ended after the build is hidden, later ones stay'],
  [future.cards.every((c) => c.hidden) && future.empty, 'when everything has ended, the "no events" note shows'],
];
// The embeddable agenda narrows by query parameters (a script; without it all is shown).
async function embedCards(query) {
  const context = await browser.newContext({ viewport: { width: 300, height: 800 } });
  const page = await context.newPage();
  await page.clock.install({ time: new Date('2026-11-21T11:00:00Z') });
  await page.goto(base + '/embed/agenda/' + query, { waitUntil: 'load' });
  const cards = await page.evaluate(() =>
    [...document.querySelectorAll('.card')].filter((c) => !c.hidden).map((c) => ({ ...c.dataset })),
  );
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  await context.close();
  return { cards, overflow };
}
const all = await embedCards('');
const byAudience = await embedCards('?doelgroep=vo');
const byLocation = await embedCards('?locatie=technohub-woerden&max=2');
const english = await embedCards('?audience=parents');
script.push(
  [all.cards.length > 5 && !all.overflow, 'the embed shows every upcoming event and fits 300 px'],
  [byAudience.cards.length > 0 && byAudience.cards.length < all.cards.length && byAudience.cards.every((c) => (c.audiences || '').split(' ').includes('vo')), 'embed ?doelgroep= narrows by audience'],
  [byLocation.cards.length === 2 && byLocation.cards.every((c) => c.location === 'technohub-woerden'), 'embed ?locatie=&max= narrows by location and count'],
  [english.cards.length > 0 && english.cards.every((c) => (c.audiences || '').split(' ').includes('parents')), 'embed accepts the English parameter names'],
);
for (const [ok, what] of script) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} agenda script: ${what}`);
  if (!ok) failures++;
}
await browser.close();
console.log(`axe-core (wcag2a, wcag2aa, wcag21a, wcag21aa): ${checked} page views, ${failures} problem(s)`);
process.exit(failures ? 1 : 0);
