// The supervisor dashboard in a real browser: Debian's Chromium driven by playwright-core.
// Run by DashboardBrowserTest; also by hand against a running application:
//   BASE_URL=http://localhost:8080 node src/test/resources/browser/dashboard.mjs
// Environment: BASE_URL (required), SCREENSHOTS (folder, default target/screenshots), CHROMIUM (default
// /usr/bin/chromium), PLAYWRIGHT_CORE (folder of the package, default .ci/node_modules/playwright-core).
// Prints one line of JSON with what it saw (the test checks it); exits 1 with a message on stderr if a step fails.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { open, reportFailure, steps } from './chromium.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const base = process.env.BASE_URL;
if (!base) {
  console.error('BASE_URL is not set (e.g. http://localhost:8080)');
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

const { browser, page } = await open({ chromium, executablePath, origin, viewport: { width: 1366, height: 768 }, timeout: TIMEOUT, result });
try {
  mkdirSync(screenshots, { recursive: true });

  begin('open /dashboard/ and see the login form');
  await page.goto(base + '/dashboard/');
  await page.locator('#login-form').waitFor({ state: 'visible' });
  await page.screenshot({ path: join(screenshots, 'login.png') });

  begin('log in as huangzh');
  await logIn(page, 'huangzh');
  await page.waitForFunction(() => /^\d+$/.test(document.getElementById('overdue-count').textContent));
  result.overdueShown = Number(await page.textContent('#overdue-count'));
  result.user = (await page.textContent('#user-name')).trim();
  result.updatedAt = (await page.textContent('#updated-at')).trim();

  begin('see the charts and the overdue list');
  await page.locator('#district-chart canvas').first().waitFor();
  await page.locator('#unit-chart canvas').first().waitFor();
  result.districtCanvases = await page.locator('#district-chart canvas').count();
  await page.locator('#overdue-table tbody tr[data-task]').first().waitFor();
  result.overdueRows = await page.locator('#overdue-table tbody tr[data-task]').count();
  result.overdueTotalText = (await page.textContent('#overdue-total')).trim();
  result.districtRows = await page.locator('#district-table tbody tr:not(.reasons):not(.total)').count();

  begin('open the red reasons of the first red district');
  const red = page.locator('#district-table tr.has-red').first();
  await red.click();
  result.redReasons = (await page.locator('#district-table tr.reasons:not([hidden])').first().innerText()).trim();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 400))));
  await page.screenshot({ path: join(screenshots, 'dashboard.png'), fullPage: true });

  begin('filter the overdue list by kind 月度调度');
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/dashboard/overdue?') && r.url().includes('kind=MONTHLY_REPORT')),
    page.selectOption('#filters select[name="kind"]', 'MONTHLY_REPORT'),
  ]);
  await page.waitForFunction(() => [...document.querySelectorAll('#overdue-table tbody tr[data-task] td:nth-child(3)')]
    .every((td) => td.textContent.trim() === '月度调度'));
  result.monthlyReportRows = await page.locator('#overdue-table tbody tr[data-task]').count();

  begin('sort the overdue list by project');
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/dashboard/overdue?') && r.url().includes('sort=project')),
    page.click('#overdue-table th[data-sort="project"]'),
  ]);
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/dashboard/overdue?') && !r.url().includes('kind=')),
    page.click('#clear-filters'),
  ]);

  begin('drill down into XM-2026-010');
  const link = page.locator('#overdue-table a.project-link[href="#/project/XM-2026-010"]').first();
  if (await link.count()) {
    await link.click();
  } else {
    await page.goto(base + '/dashboard/#/project/XM-2026-010');
  }
  const active = page.locator('#diagram svg [data-element-id="Task_ClaimStart"].active-activity');
  await active.waitFor();
  result.diagramSvgs = await page.locator('#diagram svg').count();
  result.activeMarked = await active.count();
  result.activeIds = await page.$$eval('#diagram .active-activity', (els) => els.map((e) => e.getAttribute('data-element-id')));
  result.projectTitle = (await page.textContent('#project-title')).trim();
  result.light = (await page.textContent('#project-light-badge')).trim();
  await page.locator('#timeline li').first().waitFor();
  result.timelineItems = await page.locator('#timeline li').count();
  await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
  await page.screenshot({ path: join(screenshots, 'project.png'), fullPage: true });

  begin('log out and log in as the officer wangjg');
  await page.click('#logout');
  await page.locator('#login-form').waitFor({ state: 'visible' });
  await logIn(page, 'wangjg');
  await page.locator('#refusal').waitFor({ state: 'visible' });
  result.refusal = (await page.textContent('#refusal')).trim();
  await page.screenshot({ path: join(screenshots, 'refused.png') });

  begin('done');
  console.log(JSON.stringify(result));
} catch (e) {
  await reportFailure({ page, script: 'dashboard.mjs', step: timer.current, error: e, result, screenshots, name: 'dashboard' });
  process.exitCode = 1;
} finally {
  await browser.close();
}

async function logIn(page, user) {
  await page.fill('#login-user', user);
  await page.fill('#login-password', 'demo');
  await page.click('#login-submit');
}
