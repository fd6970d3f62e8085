// An officer's Tasklist in a real browser: Debian's Chromium driven by playwright-core. Run by
// TasklistAccessTest.InChromium; also by hand against a running application:
//   BASE_URL=http://localhost:8080 TASK=<id of wangjg's unit's open task> COLLEAGUE_TASK=<id of a task lina claimed> \
//     node src/test/resources/browser/tasklist-officer.mjs
// The officer (USER_ID, default wangjg, password demo) logs in through Tasklist's form, opens 本单位待办, opens TASK
// from the list, looks at what he is offered, claims it, looks again and gives it back (取消认领); then opens
// COLLEAGUE_TASK. Environment: BASE_URL, TASK, COLLEAGUE_TASK (required), USER_ID, SCREENSHOTS (folder, default
// target/screenshots), CHROMIUM (default /usr/bin/chromium), PLAYWRIGHT_CORE (folder of the package, default
// .ci/node_modules/playwright-core).
// Prints one line of JSON with what it saw (the test checks it); exits 1 with a message on stderr if a step fails.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { open, reportFailure, steps } from './chromium.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const { BASE_URL: base, TASK: task, COLLEAGUE_TASK: colleagueTask } = process.env;
if (!base || !task || !colleagueTask) {
  console.error('BASE_URL, TASK and COLLEAGUE_TASK must be set');
  process.exit(2);
}
const user = process.env.USER_ID ?? 'wangjg';
const screenshots = resolve(process.env.SCREENSHOTS ?? 'target/screenshots');
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const playwrightDir = process.env.PLAYWRIGHT_CORE ?? join(here, '../../../../.ci/node_modules/playwright-core');
const { chromium } = await import(pathToFileURL(join(playwrightDir, 'index.mjs')).href);

const TIMEOUT = 30000;
const origin = new URL(base).origin;
const tasklist = base + '/camunda/app/tasklist/default/';
const meta = '[cam-tasklist-task-meta]';
// What Tasklist 7.24 offers in the open task's header, the navigation bar and the task's actions.
const controls = {
  createTask: '.create-task-action',
  startProcess: '.start-process-action',
  followUpEditor: `${meta} [cam-widget-inline-field].followup-date`,
  dueEditor: `${meta} [cam-widget-inline-field].due-date`,
  resetFollowUp: `${meta} .reset-follow-up-date`,
  resetDue: `${meta} .reset-due-date`,
  groups: `${meta} .groups`,
  claim: `${meta} button.claim`,
  unclaim: `${meta} button.unclaim`,
  assigneeEditor: `${meta} .assignee [cam-widget-inline-field]`,
  resetAssignee: `${meta} .reset-assignee`,
  assigneeName: `${meta} .assignee .assignee-name`,
  form: '[cam-tasklist-form-camunda] .fjs-form',
  complete: '.form-actions button.btn-primary',
  comment: '.task-actions .createCommentLink',
  filters: '.task-filter',
  taskTabs: '.task-card .nav-tabs li',
};
// Texts nobody should see on the page, whatever element carries them.
const forbiddenTexts = ['新建任务', '添加组', '管理组', '设置到期日期', '设置跟进日期'];

const result = { external: [], pageErrors: [], consoleErrors: [], loaded: {}, ms: {} };
const timer = steps(result);
const begin = (next) => timer.begin(next);

const { browser, page } = await open({ chromium, executablePath, origin, viewport: { width: 1366, height: 900 }, timeout: TIMEOUT, result });
try {
  // Tuijin's own additions to Tasklist, with the status each was served with (a refused script never loads).
  page.on('response', (r) => {
    const name = new URL(r.url()).pathname.split('/').pop();
    if (name === 'user-styles.css' || name === 'tuijin-task-header.js' || name === 'config.js') {
      result.loaded[name] = r.status();
    }
  });
  mkdirSync(screenshots, { recursive: true });

  begin(`log into Tasklist as ${user}`);
  // Tasklist renders its login form more than once while its translations and session check arrive; typing into
  // the first rendering can be lost. Type once the page is quiet, and again if the form came back empty.
  await page.goto(tasklist, { waitUntil: 'networkidle' });
  for (let attempt = 1; ; attempt++) {
    await page.locator('input[ng-model="username"]').fill(user);
    await page.locator('input[ng-model="password"]').fill('demo');
    await page.locator('form button[type="submit"]').click();
    const loggedIn = await page.locator(controls.filters).first().waitFor({ timeout: attempt === 1 ? TIMEOUT / 2 : TIMEOUT })
      .then(() => true, () => false);
    if (loggedIn) {
      break;
    }
    result.loginAttempts = attempt;
    if (attempt === 2 || !(await page.locator('input[ng-model="username"]').isVisible())) {
      throw new Error(`the filter list did not appear after logging in (attempt ${attempt})`);
    }
  }
  result.filterNames = (await page.locator(`${controls.filters} h4.name a`).allInnerTexts()).map(clean);

  begin('open 本单位待办 and the task from the list');
  await page.locator(controls.filters).filter({ hasText: '本单位待办' }).click();
  const listed = page.locator(`.tasks-list li.task h4.task a[href*="task=${task}"]`);
  await listed.click();
  await page.locator(controls.claim).or(page.locator(controls.unclaim)).first().waitFor();
  await page.locator(controls.form).waitFor();
  await page.locator(controls.comment).waitFor();
  result.taskName = clean(await page.locator('.task-card h2.task').innerText());
  result.taskTabs = (await page.locator(controls.taskTabs).allInnerTexts()).map(clean);
  result.offered = await offered(page);
  result.texts = {
    claim: clean(await page.locator(controls.claim).innerText()),
    complete: clean(await page.locator(controls.complete).innerText()),
    comment: clean(await page.locator(controls.comment).innerText()),
    startProcess: clean(await page.locator(controls.startProcess).innerText()),
  };
  result.forbiddenTextsShown = await shown(page, forbiddenTexts);
  await page.screenshot({ path: join(screenshots, 'tasklist-officer.png') });

  begin('claim it');
  await page.locator(controls.claim).click();
  await page.locator(controls.unclaim).waitFor();
  result.claimed = {
    offered: await offered(page),
    assigneeName: clean(await page.locator(controls.assigneeName).innerText()),
    // The name is plain text: nothing in its place takes the keyboard's focus (the editor did, with tabindex 0).
    focusableInAssignee: await page.locator(`${meta} .assignee [tabindex]`).count(),
  };
  await page.screenshot({ path: join(screenshots, 'tasklist-officer-claimed.png') });

  begin('give it back (取消认领)');
  await page.locator(controls.unclaim).click();
  await page.locator(controls.claim).waitFor();
  result.unclaimedAgain = { offered: await offered(page) };

  begin('open the task a colleague claimed');
  await page.goto(`${tasklist}#/?task=${colleagueTask}`);
  await page.locator(controls.assigneeName).waitFor();
  await page.locator(controls.form).waitFor();
  result.colleague = {
    taskName: clean(await page.locator('.task-card h2.task').innerText()),
    offered: await offered(page),
    assigneeName: clean(await page.locator(controls.assigneeName).innerText()),
  };
  await page.screenshot({ path: join(screenshots, 'tasklist-colleague.png') });

  begin('done');
  console.log(JSON.stringify(result));
} catch (e) {
  await reportFailure({ page, script: 'tasklist-officer.mjs', step: timer.current, error: e, result, screenshots, name: 'tasklist-officer' });
  process.exitCode = 1;
} finally {
  await browser.close();
}

/** For each control, how many of its elements are visible on the page now. */
async function offered(page) {
  const counts = {};
  for (const [name, selector] of Object.entries(controls)) {
    counts[name] = await page.locator(selector).filter({ visible: true }).count();
  }
  return counts;
}

/** Those of the texts that a visible element shows. */
async function shown(page, texts) {
  const found = [];
  for (const text of texts) {
    if (await page.getByText(text).filter({ visible: true }).count()) {
      found.push(text);
    }
  }
  return found;
}

function clean(text) {
  return text.replace(/\s+/g, ' ').trim();
}
