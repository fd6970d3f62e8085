// 催办 in Tasklist, in a real browser (Debian's Chromium through playwright-core). Run by DeskBrowserTest; also by hand:
//   BASE_URL=http://localhost:8080 TASK=<id of an overdue task of 住建局 nobody claimed> node src/test/resources/browser/tasklist-urge.mjs
// The supervisor (huangzh) logs in, opens 已逾期, opens TASK from the list, presses 催办, writes a sentence in the
// dialog and confirms; the card shows 「已催办 1 次」. Then the officer (wangjg) logs in, opens 本单位待办 and sees the
// same on the task's card and in the task, without a 催办 button. Environment: BASE_URL, TASK (required), NOTE,
// SCREENSHOTS, CHROMIUM, PLAYWRIGHT_CORE (as tasklist-officer.mjs).
// Prints one line of JSON with what it saw; exits 1 with a message on stderr if a step fails.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { open, reportFailure, steps } from './chromium.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const { BASE_URL: base, TASK: task } = process.env;
if (!base || !task) {
  console.error('BASE_URL and TASK must be set');
  process.exit(2);
}
const note = process.env.NOTE ?? '请本周内办结';
const screenshots = resolve(process.env.SCREENSHOTS ?? 'target/screenshots');
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const playwrightDir = process.env.PLAYWRIGHT_CORE ?? join(here, '../../../../.ci/node_modules/playwright-core');
const { chromium } = await import(pathToFileURL(join(playwrightDir, 'index.mjs')).href);

const TIMEOUT = 30000;
const origin = new URL(base).origin;
const tasklist = base + '/camunda/app/tasklist/default/';
const filters = '.task-filter';
const card = `.tasks-list li.task:has(h4.task a[href*="task=${task}"])`;

const result = { external: [], pageErrors: [], consoleErrors: [], loaded: {}, ms: {} };
const timer = steps(result);
const begin = (next) => timer.begin(next);

const { browser, context, page } = await open({ chromium, executablePath, origin, viewport: { width: 1366, height: 900 }, timeout: TIMEOUT, result });
try {
  page.on('response', (r) => {
    const name = new URL(r.url()).pathname.split('/').pop();
    if (name === 'tuijin-urge.js') {
      result.loaded[name] = r.status();
    }
  });
  mkdirSync(screenshots, { recursive: true });

  begin('log into Tasklist as huangzh');
  await logIn('huangzh');
  result.supervisorFilters = (await page.locator(`${filters} h4.name a`).allInnerTexts()).map(clean);

  begin('open 已逾期 and the task from the list');
  await page.locator(filters).filter({ hasText: '已逾期' }).click();
  await page.locator(`${card} h4.task a`).click();
  await page.locator('.task-card h2.task').waitFor();
  result.taskName = clean(await page.locator('.task-card h2.task').innerText());
  const button = page.locator('.tuijin-urge-button');
  await button.waitFor({ state: 'visible' });
  result.buttonText = clean(await button.innerText());
  // A supervisor presses the holder; he does not take the unit's work: no 认领 on it.
  await page.locator('.tuijin-clock .tuijin-clock-lines').waitFor({ state: 'attached' });
  result.supervisorMayClaim = await page.locator('[cam-tasklist-task-meta] .claim').isVisible();
  result.cardBefore = await cardBadge();

  begin('催办: the dialog, a sentence, 确认催办');
  await button.click();
  await page.locator('.tuijin-urge-dialog').waitFor();
  result.dialogTitle = clean(await page.locator('.tuijin-urge-dialog h4').innerText());
  await page.locator('.tuijin-urge-note').fill(note);
  await page.screenshot({ path: join(screenshots, 'tasklist-urge-dialog.png') });
  await page.locator('.tuijin-urge-confirm').click();
  await page.locator('.tuijin-urge-dialog').waitFor({ state: 'detached' });
  await page.locator('.tuijin-urge-message').filter({ hasText: '已催办' }).waitFor();
  result.message = clean(await page.locator('.tuijin-urge-message').innerText());
  await page.locator('.tuijin-urge-count').filter({ hasText: '已催办 1 次' }).waitFor();
  result.countInTask = clean(await page.locator('.tuijin-urge-count').innerText());
  result.buttonDisabledAfter = await button.isDisabled();
  await page.locator(`${card} .tuijin-urged`).filter({ hasText: '已催办' }).waitFor();
  result.cardAfter = await cardBadge();
  result.cardAfterVisible = await page.locator(`${card} .tuijin-urged`).isVisible();
  await page.screenshot({ path: join(screenshots, 'tasklist-urge-supervisor.png') });

  begin('log into Tasklist as wangjg');
  await context.clearCookies();
  await logIn('wangjg');

  begin('open 本单位待办: the card and the task');
  await page.locator(filters).filter({ hasText: '本单位待办' }).click();
  await page.locator(`${card} .tuijin-urged`).filter({ hasText: '已催办' }).waitFor();
  result.officerCard = await cardBadge();
  result.officerCardVisible = await page.locator(`${card} .tuijin-urged`).isVisible();
  await page.screenshot({ path: join(screenshots, 'tasklist-urge-officer-list.png') });
  await page.locator(`${card} h4.task a`).click();
  await page.locator('.tuijin-urge-count').filter({ hasText: '已催办' }).waitFor();
  result.officerCountInTask = clean(await page.locator('.tuijin-urge-count').innerText());
  result.officerButtonVisible = await page.locator('.tuijin-urge-button').isVisible();
  await page.screenshot({ path: join(screenshots, 'tasklist-urge-officer.png') });

  begin('done');
  console.log(JSON.stringify(result));
} catch (e) {
  await reportFailure({ page, script: 'tasklist-urge.mjs', step: timer.current, error: e, result, screenshots, name: 'tasklist-urge' });
  process.exitCode = 1;
} finally {
  await browser.close();
}

/** Logs in through Tasklist's form (typed again if Tasklist rendered the form anew and lost it). */
async function logIn(user) {
  await page.goto(tasklist, { waitUntil: 'networkidle' });
  for (let attempt = 1; ; attempt++) {
    await page.locator('input[ng-model="username"]').fill(user);
    await page.locator('input[ng-model="password"]').fill('demo');
    await page.locator('form button[type="submit"]').click();
    const loggedIn = await page.locator(filters).first().waitFor({ timeout: attempt === 1 ? TIMEOUT / 2 : TIMEOUT })
      .then(() => true, () => false);
    if (loggedIn) {
      return;
    }
    if (attempt === 2 || !(await page.locator('input[ng-model="username"]').isVisible())) {
      throw new Error(`the filter list did not appear after ${user} logged in (attempt ${attempt})`);
    }
  }
}

/** The text of the task's 已催办 badge on its card ('' if none). */
async function cardBadge() {
  const badge = page.locator(`${card} .tuijin-urged`);
  return (await badge.count()) ? clean(await badge.first().textContent()) : '';
}

function clean(text) {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}
