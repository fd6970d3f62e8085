// 委托代理 in Tasklist, in a real browser (Debian's Chromium driven by playwright-core). Run by DelegationBrowserTest;
// also by hand against a running application:
//   BASE_URL=http://localhost:8080 TASK=<id of a task wangjg claimed> node src/test/resources/browser/delegation.mjs
// wangjg logs into Tasklist, opens 「委托代理」 in the navigation bar, names 李娜 for a week (休假) and sees the
// confirmation and his delegation with 结束委托; lina logs in, finds TASK in 我的待办 with 「代 王建国 办理」 on its card
// and in the task, fills its form (批准办结, a 批复文号) and completes it. Environment: BASE_URL, TASK (required),
// SCREENSHOTS, CHROMIUM, PLAYWRIGHT_CORE as for tasklist-officer.mjs.
// Prints one line of JSON with what it saw (the test checks it); exits 1 with a message on stderr if a step fails.
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
const screenshots = resolve(process.env.SCREENSHOTS ?? 'target/screenshots');
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const playwrightDir = process.env.PLAYWRIGHT_CORE ?? join(here, '../../../../.ci/node_modules/playwright-core');
const { chromium } = await import(pathToFileURL(join(playwrightDir, 'index.mjs')).href);

const TIMEOUT = 30000;
const origin = new URL(base).origin;
const tasklist = base + '/camunda/app/tasklist/default/';
const filters = '.task-filter';

const result = { external: [], pageErrors: [], consoleErrors: [], loaded: {}, ms: {} };
const timer = steps(result);
const begin = (next) => timer.begin(next);

const { browser, context, page } = await open({ chromium, executablePath, origin, viewport: { width: 1366, height: 900 }, timeout: TIMEOUT, result });
try {
  page.on('response', (r) => {
    const name = new URL(r.url()).pathname.split('/').pop();
    if (name === 'tuijin-delegation.js') {
      result.loaded[name] = r.status();
    }
  });
  mkdirSync(screenshots, { recursive: true });

  begin('log into Tasklist as wangjg');
  await logIn('wangjg');

  begin('name 李娜 for a week in 委托代理');
  await page.locator('.tuijin-delegation-action').click();
  const dialog = page.locator('.tuijin-delegation-dialog');
  await dialog.waitFor();
  result.choices = await dialog.locator('select[name="delegate"] option').allInnerTexts();
  await dialog.locator('select[name="delegate"]').selectOption({ label: '李娜' });
  result.from = await dialog.locator('input[name="from"]').inputValue();
  result.to = await dialog.locator('input[name="to"]').inputValue();
  await dialog.locator('select[name="reason"]').selectOption({ label: '休假' });
  await page.screenshot({ path: join(screenshots, 'delegation-dialog.png') });
  await dialog.locator('button[type="submit"]').click();
  result.confirmation = clean(await page.locator('.tuijin-delegation-done').innerText());
  await page.screenshot({ path: join(screenshots, 'delegation-made.png') });

  begin('see the delegation with 结束委托');
  await page.locator('.tuijin-delegation-action').click();
  await dialog.locator('.tuijin-end-delegation').waitFor();
  result.current = clean(await dialog.locator('.tuijin-delegation-line').first().innerText());
  await dialog.locator('button.btn-default').filter({ hasText: '关闭' }).click();

  begin('log into Tasklist as lina');
  await context.clearCookies();
  await logIn('lina');

  begin('find the task in 我的待办 with 代 王建国 办理');
  await page.locator(filters).filter({ hasText: '我的待办' }).click();
  const card = page.locator('.tasks-list li.task').filter({ has: page.locator(`h4.task a[href*="task=${task}"]`) });
  await card.locator('.tuijin-acting').waitFor();
  result.card = clean(await card.locator('.tuijin-acting').innerText());
  // within what the folded card shows (its details are cut at 45 px until expanded)
  const shownArea = await card.locator('.task-card-details').boundingBox();
  const label = await card.locator('.tuijin-acting').boundingBox();
  result.cardLabelShown = label.y >= shownArea.y && label.y + label.height <= shownArea.y + shownArea.height;
  await page.screenshot({ path: join(screenshots, 'delegation-card.png') });

  begin('open it and complete it for him');
  await card.locator(`h4.task a[href*="task=${task}"]`).click();
  await page.locator('[cam-tasklist-form-camunda] .fjs-form').waitFor();
  // the open task's actions (添加备注 …), above its form
  await page.locator('.task-actions .tuijin-acting').waitFor();
  result.taskView = clean(await page.locator('.task-actions .tuijin-acting').innerText());
  await page.locator('.fjs-form label').filter({ hasText: '批准办结' }).click();
  await page.locator('.fjs-form').getByLabel('批复文号').fill('委托测试〔2026〕1号');
  await page.screenshot({ path: join(screenshots, 'delegation-task.png') });
  await page.locator('.form-actions button.btn-primary').click();
  await page.locator(`.tasks-list h4.task a[href*="task=${task}"]`).waitFor({ state: 'detached' });
  await page.screenshot({ path: join(screenshots, 'delegation-completed.png') });

  begin('done');
  console.log(JSON.stringify(result));
} catch (e) {
  await reportFailure({ page, script: 'delegation.mjs', step: timer.current, error: e, result, screenshots, name: 'delegation' });
  process.exitCode = 1;
} finally {
  await browser.close();
}

/** Logs in through Tasklist's form (typed again if its first rendering lost it), until the filters show. */
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
      throw new Error(`the filter list did not appear after logging in as ${user} (attempt ${attempt})`);
    }
  }
}

function clean(text) {
  return text.replace(/\s+/g, ' ').trim();
}
