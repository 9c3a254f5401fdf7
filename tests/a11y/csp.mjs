// The site under its own Content-Security-Policy (SPEC §4.2), as a server that follows
// `werkplaats deploy-config` sends it: Debian's Chromium opens the home, agenda, embed and
// search pages in both languages, searches, and must see no policy violation and no error.
//
//   node csp.mjs <base url of a server that sends the policy>
import { chromium } from 'playwright-core';

const [base] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
let failures = 0;
const fail = (what) => {
  failures++;
  console.log(`FAIL ${what}`);
};

async function visit(path, search) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`),
    );
  });
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy|Refused to/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`error: ${e.message}`));
  const response = await page.goto(base + path, { waitUntil: 'load' });
  const policy = response.headers()['content-security-policy'];
  if (!policy) fail(`${path}: no Content-Security-Policy header`);
  if (search) {
    await page.fill('[data-search-field]', search).catch(() => {});
    try {
      await page.waitForFunction(
        () => document.querySelectorAll('[data-search-results] .search-result').length > 0,
        null,
        { timeout: 15000 },
      );
    } catch {
      problems.push(`searching "${search}" shows no results`);
    }
  }
  await page.waitForTimeout(300);
  problems.push(...(await page.evaluate(() => window.__violations)).map((v) => `violation: ${v}`));
  for (const p of problems) fail(`${path}: ${p}`);
  console.log(`${path}: ${problems.length ? problems.length + ' problems' : 'no violation'} (${policy})`);
  await context.close();
}

for (const path of ['/', '/agenda/', '/agenda/abonneren/', '/agenda/open-dag-technohub/', '/opleidingen/aluminium-lassen/', '/initiatieven/makerspace/', '/locaties/technohub-woerden/', '/embed/agenda/', '/agenda/insluiten/', '/en/', '/en/agenda/', '/en/courses/aluminium-lassen/']) await visit(path);
await visit('/zoeken/?q=lassen', 'lassen');
await visit('/en/search/?q=welding', 'welding');
await browser.close();
if (failures) {
  console.log(`csp: ${failures} failures`);
  process.exit(1);
}
console.log('csp: no violation on any page');
