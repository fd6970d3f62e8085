// The officer's desk in Tasklist, in a real browser (Debian's Chromium driven by playwright-core). Run by
// DeskTest.InChromium; also by hand against a running application (see the environment below).
// PHASE=ask (default): the login page (product, city, language, no migration banner); wangjg's filters and cards
//   (OVERDUE_TASK red, DUE_SOON_TASK amber, no priority number, no 新建任务); on EXTENSION_TASK he asks for an extension
//   to NEW_DATE (the form previews the working days it adds) and sees it pending; his 已办 (its count, and whether
//   「更多」 shows; if it does, the next page after a click); zhengwt's filters.
//   Then he resubmits RESUBMIT_TASK (his returned start claim): a start date in the future (FUTURE_DATE) is refused next
//   to 实际开工日期; with TODAY it goes through and 「已提交」 shows. He opens the issue report: the project is chosen
//   from a list, the empty select reads 请选择. The browser runs in New York's time zone: the page
//   still shows Beijing time.
// PHASE=decision: wangjg opens EXTENSION_TASK again and reads the decision on it.
// Environment: BASE_URL, OVERDUE_TASK, DUE_SOON_TASK, EXTENSION_TASK, NEW_DATE; SCREENSHOTS, CHROMIUM, PLAYWRIGHT_CORE
// as tasklist-officer.mjs. Prints one line of JSON with what it saw; exits 1 with a message on stderr if a step fails.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { open, reportFailure, steps } from './chromium.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const env = process.env;
const base = env.BASE_URL;
const phase = env.PHASE ?? 'ask';
if (!base || !env.EXTENSION_TASK) {
  console.error('BASE_URL and EXTENSION_TASK must be set');
  process.exit(2);
}
const screenshots = resolve(env.SCREENSHOTS ?? 'target/screenshots');
const executablePath = env.CHROMIUM ?? '/usr/bin/chromium';
const playwrightDir = env.PLAYWRIGHT_CORE ?? join(here, '../../../../.ci/node_modules/playwright-core');
const { chromium } = await import(pathToFileURL(join(playwrightDir, 'index.mjs')).href);

const TIMEOUT = 30000;
const origin = new URL(base).origin;
const tasklist = base + '/camunda/app/tasklist/default/';
const result = { external: [], pageErrors: [], consoleErrors: [], loaded: {}, ms: {} };
const timer = steps(result);
const begin = (next) => timer.begin(next);
const { browser, context, page } = await open({ chromium, executablePath, origin, viewport: { width: 1366, height: 1000 }, timeout: TIMEOUT, result, timezoneId: 'America/New_York' });
mkdirSync(screenshots, { recursive: true });
const shot = (name) => page.screenshot({ path: join(screenshots, `desk-${name}.png`) });
const clean = (t) => (t ?? '').replace(/\s+/g, ' ').trim();

async function logIn(user) {
  await page.goto(tasklist, { waitUntil: 'networkidle' });
  for (let attempt = 1; ; attempt++) {
    await page.locator('input[ng-model="username"]').fill(user);
    await page.locator('input[ng-model="password"]').fill('demo');
    await page.locator('form button[type="submit"]').click();
    const ok = await page.locator('.task-filter').first().waitFor({ timeout: attempt === 1 ? TIMEOUT / 2 : TIMEOUT })
      .then(() => true, () => false);
    if (ok) {
      return;
    }
    if (attempt === 2 || !(await page.locator('input[ng-model="username"]').isVisible())) {
      throw new Error(`the filter list did not appear after logging in as ${user}`);
    }
  }
}

async function logOut() {
  await context.clearCookies();
}

async function card(taskId) {
  const li = page.locator('.tasks-list li.task').filter({ has: page.locator(`h4.task a[href*="task=${taskId}"]`) });
  await li.locator('.tuijin-due').waitFor();
  return {
    classes: (await li.getAttribute('class')) ?? '',
    label: clean(await li.locator('.tuijin-due-label').innerText()),
    date: clean(await li.locator('.tuijin-due-date').innerText()),
    background: await li.evaluate((n) => getComputedStyle(n).backgroundColor),
    priorityVisible: await li.locator('.priority').filter({ visible: true }).count(),
    dueTooltip: await li.locator('.due-date [uib-tooltip]').getAttribute('uib-tooltip'),
    projectCut: await li.locator('.variable-value').first().evaluate((n) => n.scrollWidth > n.clientWidth + 1).catch(() => null),
  };
}

try {
  if (phase === 'ask') {
    begin('the login page');
    await page.goto(tasklist, { waitUntil: 'networkidle' });
    await page.locator('.tuijin-login-title').waitFor();
    result.login = {
      lang: await page.evaluate(() => document.documentElement.lang),
      title: clean(await page.locator('.tuijin-login-title').innerText()),
      documentTitle: await page.title(),
      banner: await page.locator('.ce-eol-banner').filter({ visible: true }).count(),
    };
    await shot('login');

    begin('wangjg: filters, cards');
    await logIn('wangjg');
    result.wangjg = {
      filterNames: (await page.locator('.task-filter h4.name a').allInnerTexts()).map(clean).map((n) => n.replace(/\s*\(?\d+\)?$/, '')),
      createTask: await page.locator('.create-task-action').filter({ visible: true }).count(),
      createTaskText: await page.getByText('新建任务').filter({ visible: true }).count(),
      banner: await page.locator('.ce-eol-banner').filter({ visible: true }).count(),
      brand: clean(await page.locator('.navbar-brand').first().innerText()),
      footer: clean(await page.locator('#footer-timezone').innerText()),
    };
    await page.locator('.task-filter').filter({ hasText: '本单位待办' }).click();
    result.wangjg.overdue = await card(env.OVERDUE_TASK);
    result.wangjg.dueSoon = await card(env.DUE_SOON_TASK);
    await shot('cards');

    begin('wangjg asks for an extension');
    await page.goto(`${tasklist}#/?task=${env.EXTENSION_TASK}`);
    await page.locator('.tuijin-ask-extension').click();
    await page.locator('.tuijin-extension-form input[name="newDueDate"]').fill(env.NEW_DATE);
    await page.locator('.tuijin-extension-form input[name="newDueDate"]').dispatchEvent('change');
    await page.locator('.tuijin-preview').filter({ hasText: '个工作日' }).waitFor();
    result.preview = clean(await page.locator('.tuijin-preview').innerText());
    await page.locator('.tuijin-extension-form textarea[name="reason"]').fill('企业补充环评材料，需延长办理时间');
    await shot('extension-form');
    await page.locator('.tuijin-extension-form button[type="submit"]').click();
    await page.locator('.tuijin-extension-pending').waitFor();
    result.pending = clean(await page.locator('.tuijin-extension-pending').innerText());
    result.askOfferedAfter = await page.locator('.tuijin-ask-extension').filter({ visible: true }).count();
    await shot('extension-pending');

    begin('wangjg opens 已办');
    await page.locator('.tuijin-open-done').click();
    await page.locator('.tuijin-worklist-item').first().waitFor();
    result.done = (await page.locator('.tuijin-worklist-item').allInnerTexts()).map(clean);
    result.doneNote = clean(await page.locator('.tuijin-worklist-note').innerText());
    result.doneMoreVisible = await page.locator('.tuijin-worklist-more').isVisible();
    if (result.doneMoreVisible) {
      const shown = result.done.length;
      await page.locator('.tuijin-worklist-more').click();
      await page.locator('.tuijin-worklist-item').nth(shown).waitFor();
      await page.waitForLoadState('networkidle');
      result.doneAfterMore = await page.locator('.tuijin-worklist-item').count();
    }
    await shot('done');
    await page.keyboard.press('Escape');

    begin('wangjg resubmits his returned claim');
    await page.goto(`${tasklist}#/?task=${env.RESUBMIT_TASK}`);
    await page.locator('[cam-tasklist-task-meta] button.claim').click();
    await page.locator('[cam-tasklist-task-meta] button.unclaim').waitFor();
    await page.locator('.fjs-form-field').filter({ hasText: '施工许可证编号' }).locator('input').fill('建施〔2026〕099号');
    const startDate = page.locator('.fjs-form-field-datetime input').first();
    await startDate.fill(env.FUTURE_DATE);
    await startDate.press('Enter');
    await page.locator('.form-actions button.btn-primary').click();
    const refusal = page.locator('.fjs-form-field .tuijin-field-error');
    await refusal.waitFor();
    result.refusal = {
      text: clean(await refusal.innerText()),
      field: clean(await refusal.locator('xpath=..').locator('.fjs-form-field-label').innerText()),
    };
    await shot('refused-next-to-field');
    const errorNotices = '.notifications .alert-danger, .notifications .alert-error';
    result.refusalNotices = await page.locator(errorNotices).count();
    await startDate.fill(env.TODAY);
    await startDate.press('Enter');
    await page.locator('.form-actions button.btn-primary').click();
    await page.locator('.tuijin-toast').filter({ hasText: /^已提交$/ }).waitFor();
    result.toast = clean(await page.locator('.tuijin-toast').filter({ hasText: /^已提交$/ }).first().innerText());
    // The refusal's notice goes once the form went through.
    await page.waitForFunction((selector) => document.querySelectorAll(selector).length === 0, errorNotices, { timeout: 5000 })
      .catch(() => {});
    result.noticesAfterSubmit = await page.locator(errorNotices).count();

    begin('wangjg starts to report an issue: the project from a list');
    await page.locator('.start-process-action a').click();
    await page.locator('.modal-content a').filter({ hasText: '问题' }).first().click();
    await page.locator('select.tuijin-picker').waitFor();
    result.report = {
      projectOptions: (await page.locator('select.tuijin-picker option').allInnerTexts()).map(clean),
      projectTextFieldVisible: await page.locator('.fjs-form-field-textfield input.fjs-input').filter({ visible: true }).count(),
      selectPlaceholder: await page.locator('.fjs-select-placeholder').first()
        .evaluate((n) => getComputedStyle(n, '::before').content),
    };
    await shot('report-issue');
    await page.keyboard.press('Escape');

    begin('zhengwt: filters');
    await logOut();
    await logIn('zhengwt');
    result.zhengwt = {
      filterNames: (await page.locator('.task-filter h4.name a').allInnerTexts()).map(clean).map((n) => n.replace(/\s*\(?\d+\)?$/, '')),
    };
  } else {
    begin('wangjg reads the decision on the task');
    await logIn('wangjg');
    await page.goto(`${tasklist}#/?task=${env.EXTENSION_TASK}`);
    await page.locator('.tuijin-extension').waitFor();
    result.decision = clean(await page.locator('.tuijin-extension').innerText());
    result.decisionClass = (await page.locator('.tuijin-extension').getAttribute('class')) ?? '';
    await shot('extension-decided');
  }
  begin('done');
  console.log(JSON.stringify(result));
} catch (e) {
  await reportFailure({ page, script: 'tasklist-desk.mjs', step: timer.current, error: e, result, screenshots, name: 'tasklist-desk' });
  process.exitCode = 1;
} finally {
  await browser.close();
}
