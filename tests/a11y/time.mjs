// The agenda over time (SPEC §2.1) in Debian's Chromium with the clock moved forward.
// The site is built with a fixed --now; each page is opened at that moment and 1, 7 and
// 30 days later, and must stay true:
//   - the archive shows all its cards;
//   - an event that still has a session after that day is visible wherever it was at
//     build time;
//   - no ended event is shown as coming;
//   - the embed with ?doelgroep=vo&max=3 shows three different events;
//   - a series card's "next" date moves on;
//   - when everything has ended, every list says nothing is planned.
//
//   node time.mjs <base url> <build time, RFC 3339 UTC>
import { chromium } from 'playwright-core';

const [base, builtAt] = process.argv.slice(2);
if (!base || !builtAt) {
  console.error('usage: node time.mjs <base url> <build time>');
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const day = 24 * 3600 * 1000;
const start = Date.parse(builtAt);
let failures = 0;
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
};

// Every card on a page at `time`: its link, whether it is visible, its data.
async function cards(path, time, width = 1280) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await page.clock.install({ time: new Date(time) });
  await page.goto(base + path, { waitUntil: 'load' });
  const state = await page.evaluate(() => ({
    cards: [...document.querySelectorAll('.card')].map((c) => ({
      href: c.querySelector('a') && c.querySelector('a').getAttribute('href'),
      visible: c.checkVisibility(),
      ends: c.dataset.ends || null,
      next: (c.querySelector('[data-next] time') || {}).dateTime || null,
      upcoming: !!c.dataset.ends || !!c.closest('[data-upcoming], [data-agenda]'),
      month: (c.closest('[data-group]') || { querySelector: () => null }).querySelector('h2')?.id?.replace(/^m-/, '') || null,
    })),
    empties: [...document.querySelectorAll('[data-empty]')].map((e) => e.checkVisibility()),
    height: document.documentElement.scrollHeight,
  }));
  await context.close();
  return state;
}

// The truth, from the JSON feeds (which tests/conformance checks against the iCalendar
// feeds): each event page's sessions, [start, end].
const sessions = {};
for (const feed of ['/agenda.json', '/en/agenda.json']) {
  const json = await (await fetch(base + feed)).json();
  for (const e of json.events) {
    const path = new URL(e.url).pathname;
    (sessions[path] = sessions[path] || []).push([e.start, Date.parse(e.end)]);
  }
}
// The sessions a card stands for: all of its event's, or one agenda month's.
const standsFor = (card) => (sessions[card.href] || []).filter(([start]) => !card.month || start.startsWith(card.month));
const comingAt = (card, time) => standsFor(card).filter(([, end]) => end > time);

const pages = ['/', '/en/', '/agenda/', '/en/agenda/', '/agenda/archief/', '/locaties/technohub-woerden/', '/voor/middelbare-school/', '/embed/agenda/'];
const atBuild = {};
for (const path of pages) atBuild[path] = await cards(path, start);
check(atBuild['/'].cards.some((c) => c.visible && c.ends), 'the home page lists coming events at build time');
check(atBuild['/agenda/archief/'].cards.length > 0, 'the archive has cards');

for (const days of [1, 7, 30]) {
  const time = start + days * day;
  for (const path of pages) {
    const now = await cards(path, time);
    const before = atBuild[path];
    const label = `${path} +${days} d`;
    if (path.includes('archief')) {
      check(now.cards.length === before.cards.length && now.cards.every((c) => c.visible), `${label}: the archive shows all ${before.cards.length} cards`);
      continue;
    }
    // Cards are matched by link (and agenda month): is what the card stands for still coming?
    const same = (a, b) => a.href === b.href && a.month === b.month;
    const stillOn = before.cards.filter((c) => c.visible && c.upcoming && comingAt(c, time).length > 0);
    const lost = stillOn.filter((c) => !now.cards.some((n) => same(n, c) && n.visible));
    check(lost.length === 0, `${label}: every event with a session still to come stays visible${lost.length ? ' (lost ' + lost.map((c) => c.href).join(', ') + ')' : ''}`);
    const stale = now.cards.filter((c) => c.upcoming && c.visible && comingAt(c, time).length === 0);
    check(stale.length === 0, `${label}: no ended event is shown as coming${stale.length ? ' (' + stale.map((c) => c.href).join(', ') + ')' : ''}`);
    const wrong = now.cards.filter((c) => c.visible && c.next && Date.parse(c.next) !== Date.parse(comingAt(c, time)[0]?.[0]));
    check(wrong.length === 0, `${label}: a series card names its next session${wrong.length ? ' (' + wrong.map((c) => c.href + ' ' + c.next).join(', ') + ')' : ''}`);
  }
  const embed = await cards('/embed/agenda/?doelgroep=vo&max=3', time);
  const shown = embed.cards.filter((c) => c.visible).map((c) => c.href);
  const vo = atBuild['/voor/middelbare-school/'].cards.filter((c) => c.upcoming && comingAt(c, time).length > 0);
  const expected = Math.min(3, new Set(vo.map((c) => c.href)).size);
  check(shown.length === expected && new Set(shown).size === shown.length, `/embed/agenda/?doelgroep=vo&max=3 +${days} d: ${shown.length} different events (${expected} expected)`);
}

// A series card's "next" moves on: the weekly workshop on the home page a week later.
const series = (state) => state.cards.find((c) => c.next && c.visible);
const weekLater = await cards('/', start + 7 * day);
const a = series(atBuild['/']);
const b = weekLater.cards.find((c) => a && c.href === a.href);
check(a && b && Date.parse(b.next) > Date.parse(a.next), `a series card's next session moves on (${a && a.next} → ${b && b.next})`);

// Everything over: each list says so.
for (const path of ['/', '/agenda/', '/locaties/technohub-woerden/', '/embed/agenda/']) {
  const end = await cards(path, Date.parse('2100-01-01T00:00:00Z'));
  check(end.cards.filter((c) => c.upcoming).every((c) => !c.visible) && end.empties.some((e) => e), `${path} in 2100: nothing is shown as coming and the "nothing planned" text shows`);
}

const wide = atBuild['/agenda/'].height;
const narrow = (await cards('/agenda/', start, 320)).height;
console.log(`agenda height at build time: ${wide} px at 1280 px, ${narrow} px at 320 px`);
await browser.close();
console.log(`agenda over time: ${failures} problem(s)`);
process.exit(failures ? 1 : 0);
