// The project office's ledger import page (/admin/ledger/) in a real browser: Debian's Chromium driven by playwright-core.
// Run by LedgerImportBrowserTest; also by hand against a running application:
//   BASE_URL=http://localhost:8080 LEDGER_FILE=/path/to/ledger.xlsx node src/test/resources/browser/ledger-import.mjs
// Environment: BASE_URL and LEDGER_FILE (required), SCREENSHOTS (folder, default target/screenshots), CHROMIUM,
// PLAYWRIGHT_CORE (as dashboard.mjs). zhengwt logs in, previews the file (预检) with the default choice, then chooses
// 按逾期追责 and imports; with LARGE_LEDGER_FILE, then previews and imports that file too (more lifecycles than the
// import starts before answering) and waits for the page to tell that every lifecycle runs. Prints one line of JSON with what it saw; exits 1 with a message on stderr if a step fails.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { open, reportFailure, steps } from './chromium.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const base = process.env.BASE_URL;
const file = process.env.LEDGER_FILE;
if (!base || !file) {
  console.error('BASE_URL and LEDGER_FILE must be set');
  process.exit(2);
}
const screenshots = resolve(process.env.SCREENSHOTS ?? 'target/screenshots');
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const playwrightDir = process.env.PLAYWRIGHT_CORE ?? join(here, '../../../../.ci/node_modules/playwright-core');
const { chromium } = await import(pathToFileURL(join(playwrightDir, 'index.mjs')).href);

const TIMEOUT = 15000;
const origin = new URL(base).origin;
const result = { external: [], pageErrors: [], consoleErrors: [], ms: {} };
const timer = steps(result);
const begin = (next) => timer.begin(next);

const { browser, page } = await open({ chromium, executablePath, origin, viewport: { width: 1366, height: 900 }, timeout: TIMEOUT, result });
try {
  mkdirSync(screenshots, { recursive: true });

  begin('open /admin/ledger/ and log in as zhengwt');
  await page.goto(base + '/admin/ledger/');
  await page.locator('#login-form').waitFor({ state: 'visible' });
  await page.fill('#login-user', 'zhengwt');
  await page.fill('#login-password', 'demo');
  await page.click('#login-submit');
  await page.locator('#import-form').waitFor({ state: 'visible' });
  result.choices = await page.$$eval('#past-deadlines label', (ls) => ls.map((l) => l.textContent.trim()));
  result.checkedByDefault = await page.$eval('input[name="pastDeadlines"]:checked', (r) => r.value);

  begin('preview the file (预检)');
  await page.setInputFiles('#file', file);
  await page.click('#dry-run');
  await page.locator('#result-panel').waitFor({ state: 'visible' });
  await page.waitForFunction(() => document.getElementById('past-note').textContent.length > 0);
  result.previewTitle = (await page.textContent('#result-title')).trim();
  result.previewNote = (await page.textContent('#past-note')).trim();
  result.previewRow = (await page.locator('#rows-table tbody tr').first().innerText()).trim();
  await page.screenshot({ path: join(screenshots, 'ledger-preview.png'), fullPage: true });

  begin('choose 按逾期追责 and import');
  await page.check('input[name="pastDeadlines"][value="CHARGED"]');
  await page.locator('#commit:not([disabled])').waitFor();
  await page.click('#commit');
  await page.locator('#done').waitFor({ state: 'visible' });
  result.done = (await page.textContent('#done')).trim();
  await page.screenshot({ path: join(screenshots, 'ledger-imported.png'), fullPage: true });

  const large = process.env.LARGE_LEDGER_FILE;
  if (large) {
    begin('import a large ledger and follow its lifecycles starting');
    await page.setInputFiles('#file', large);
    await page.click('#dry-run');
    await page.locator('#commit:not([disabled])').waitFor();
    await page.click('#commit');
    await page.waitForFunction(() => document.getElementById('done').textContent.includes('全周期流程已全部启动'), null, { timeout: 60000 });
    result.largeDone = (await page.textContent('#done')).trim();
    result.progress = await page.$eval('#progress', (p) => ({ hidden: p.hidden, value: p.value, max: p.max }));
    await page.screenshot({ path: join(screenshots, 'ledger-imported-large.png'), fullPage: true });
  }

  begin('done');
  console.log(JSON.stringify(result));
} catch (e) {
  await reportFailure({ page, script: 'ledger-import.mjs', step: timer.current, error: e, result, screenshots, name: 'ledger-import' });
  process.exitCode = 1;
} finally {
  await browser.close();
}
