// 抄送 in Tasklist and 催办 in the dashboard, in a real browser (Debian's Chromium through playwright-core). Run by
// DeskBrowserTest; also by hand:
//   BASE_URL=http://localhost:8080 TASK=<id of an overdue task of 住建局> PROJECT=<its project> node src/test/resources/browser/tasklist-copies.mjs
// The project office (zhengwt) opens TASK in Tasklist, presses 抄送, first picks himself (refused next to the field),
// then 王建国 from the list, writes a note and confirms. 王建国 (wangjg) logs in: 抄送我的 shows 1 unread; he opens the
// list, the copy is 未读; he opens it: its summary shows, it is 已读 and the count goes; on the task he sees no 抄送.
// The supervisor (huangzh) opens PROJECT in the dashboard, presses 催办 on TASK with a sentence; the button then stays
// disabled with the API's once-a-working-day refusal; the overview's unit table counts 住建局's 被催办次数.
// Environment: BASE_URL, TASK, PROJECT (required), NOTE, SCREENSHOTS, CHROMIUM, PLAYWRIGHT_CORE (as tasklist-urge.mjs).
// Prints one line of JSON with what it saw; exits 1 with a message on stderr if a step fails.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { open, reportFailure, steps } from './chromium.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const { BASE_URL: base, TASK: task, PROJECT: project } = process.env;
if (!base || !task || !project) {
  console.error('BASE_URL, TASK and PROJECT must be set');
  process.exit(2);
}
const note = process.env.NOTE ?? '涉及配套道路，请知悉';
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
    if (name === 'tuijin-copies.js') {
      result.loaded[name] = r.status();
    }
  });
  mkdirSync(screenshots, { recursive: true });

  begin('log into Tasklist as zhengwt and open the task');
  await logIn('zhengwt');
  await openTask();
  const copyLink = page.locator('.tuijin-copy-link');
  await copyLink.waitFor({ state: 'visible' });
  result.linkText = clean(await copyLink.innerText());

  begin('抄送: himself first (refused), then 王建国');
  await copyLink.click();
  const dialog = page.locator('.tuijin-copy-dialog');
  await dialog.waitFor();
  result.dialogTitle = clean(await dialog.locator('h3').innerText());
  const asProject = dialog.locator('input[name="tuijin-copy-kind"][value="project"]');
  if (await asProject.count()) {
    await asProject.check();
  }
  result.subject = clean(await dialog.locator('.tuijin-copy-subject').innerText());
  const recipient = dialog.locator('select.tuijin-copy-recipient');
  await recipient.waitFor();
  result.recipientGroups = await recipient.locator('optgroup').evaluateAll((groups) => groups.map((g) => g.label));
  result.wangjgOption = clean(await recipient.locator('option[value="person:wangjg"]').innerText());
  await recipient.selectOption('person:zhengwt');
  await dialog.locator('.tuijin-copy-confirm').click();
  const recipientError = dialog.locator('.tuijin-copy-recipient-error');
  await recipientError.filter({ hasText: /\S/ }).waitFor();
  result.selfRefusal = clean(await recipientError.innerText());
  await recipient.selectOption('person:wangjg');
  await dialog.locator('.tuijin-copy-note').fill(note);
  await page.screenshot({ path: join(screenshots, 'tasklist-copy-dialog.png') });
  await dialog.locator('.tuijin-copy-confirm').click();
  await dialog.waitFor({ state: 'detached' });
  await page.locator('.tuijin-copy-sent').filter({ hasText: '已将' }).waitFor();
  result.sent = clean(await page.locator('.tuijin-copy-sent').innerText());
  await page.screenshot({ path: join(screenshots, 'tasklist-copy-sent.png') });

  begin('log into Tasklist as wangjg: 抄送我的 with 1 unread');
  await context.clearCookies();
  await logIn('wangjg');
  const badge = page.locator('.tuijin-open-copies .tuijin-copies-unread');
  await badge.filter({ hasText: /^\d+$/ }).waitFor({ state: 'visible' });
  result.navText = clean(await page.locator('.tuijin-open-copies').innerText());
  result.badgeBefore = clean(await badge.innerText());

  begin('open 抄送我的: the copy, unread');
  await page.locator('.tuijin-open-copies').click();
  const item = page.locator('.tuijin-copies .tuijin-copy-item').first();
  await item.waitFor();
  result.items = await page.locator('.tuijin-copies .tuijin-copy-item').count();
  result.itemTitle = clean(await item.locator('.tuijin-copy-title').innerText());
  result.itemCode = clean(await item.locator('.tuijin-copy-code').innerText());
  result.itemMeta = clean(await item.locator('.tuijin-copy-meta').innerText());
  result.itemNote = clean(await item.locator('.tuijin-copy-note-text').innerText());
  result.stateBefore = clean(await item.locator('.tuijin-copy-state').innerText());
  await page.screenshot({ path: join(screenshots, 'tasklist-copies-mine.png') });

  begin('open the copy: its summary, 已读');
  await item.locator('.tuijin-copy-title').click();
  await item.locator('.tuijin-copy-summary').first().waitFor();
  result.summary = clean(await item.locator('.tuijin-copy-detail').innerText());
  await item.locator('.tuijin-copy-state').filter({ hasText: '已读' }).waitFor();
  result.stateAfter = clean(await item.locator('.tuijin-copy-state').innerText());
  result.dashboardLinks = await item.locator('.tuijin-copy-dashboard').count();
  await badge.waitFor({ state: 'hidden' });
  result.badgeHiddenAfter = true;
  await page.screenshot({ path: join(screenshots, 'tasklist-copies-read.png') });
  await page.keyboard.press('Escape');

  begin('wangjg opens the task: no 抄送 for him');
  const subjectAsked = page.waitForResponse((r) => r.url().includes('/copy-subject'));
  await openTask();
  await subjectAsked;
  await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
  result.officerCopyLinks = await page.locator('.tuijin-copy-link').filter({ visible: true }).count();

  begin('log into the dashboard as huangzh and open the project');
  await context.clearCookies();
  await page.goto(base + '/dashboard/');
  await page.locator('#login-form').waitFor({ state: 'visible' });
  await page.fill('#login-user', 'huangzh');
  await page.fill('#login-password', 'demo');
  await page.click('#login-submit');
  await page.waitForFunction(() => /^\d+$/.test(document.getElementById('overdue-count').textContent));
  await page.goto(`${base}/dashboard/#/project/${encodeURIComponent(project)}`);
  const cell = page.locator(`#project-light .urge-cell[data-task="${task}"]`);
  const urge = cell.locator('button.btn-urge');
  await urge.waitFor({ state: 'visible' });
  result.dashboardButton = clean(await urge.innerText());

  begin('催办 from the dashboard, with a sentence');
  await urge.click();
  await cell.locator('.urge-note').fill('请本周内办结');
  await page.screenshot({ path: join(screenshots, 'dashboard-urge-form.png'), fullPage: true });
  await cell.locator('.urge-confirm').click();
  await cell.locator('.urge-message').filter({ hasText: '已催办' }).waitFor();
  result.dashboardMessage = clean(await cell.locator('.urge-message').innerText());
  await cell.locator('.urge-count').waitFor();
  result.dashboardCount = clean(await cell.locator('.urge-count').innerText());
  result.dashboardButtonDisabled = await cell.locator('button.btn-urge').isDisabled();
  result.dashboardRefusal = clean(await cell.locator('.urge-refusal').innerText());
  await page.locator('#timeline li.tl-URGE').first().waitFor();
  result.timelineUrge = clean(await page.locator('#timeline li.tl-URGE .tl-text').first().innerText());
  await page.screenshot({ path: join(screenshots, 'dashboard-urged.png'), fullPage: true });

  begin('the overview: 被催办次数 of 住建局');
  await page.goto(`${base}/dashboard/#/`);
  const zjj = page.locator('#unit-table tbody tr').filter({ has: page.locator('td:first-child', { hasText: '市住房城乡建设局' }) });
  await zjj.locator('td.urges').filter({ hasText: /^[1-9]/ }).waitFor();
  result.unitHeader = (await page.locator('#unit-table thead th').allInnerTexts()).map(clean);
  result.zjjUrges = clean(await zjj.locator('td.urges').innerText());
  await page.locator('#unit-table').screenshot({ path: join(screenshots, 'dashboard-unit-urges.png') });

  begin('done');
  console.log(JSON.stringify(result));
} catch (e) {
  await reportFailure({ page, script: 'tasklist-copies.mjs', step: timer.current, error: e, result, screenshots, name: 'tasklist-copies' });
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

/** Opens the task by its address in a fresh load of Tasklist (a change of the hash alone races the form Tasklist is loading). */
async function openTask() {
  await page.goto('about:blank');
  await page.goto(`${tasklist}#/?task=${task}`);
  await page.locator('.task-card h2.task').waitFor();
}

function clean(text) {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}
