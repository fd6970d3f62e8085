// 申请转办 and 撤回 in Tasklist, in a real browser (Debian's Chromium driven by playwright-core). Run by
// HandoverBrowserTest; also by hand against a running application:
//   BASE_URL=http://localhost:8080 TRANSFER_TASK=<an open task offered to 住建局> CLAIM_TASK=<an open 申报开工 of 住建局>
//     CLAIM_PROJECT=<its project> PERMIT=<a png file> START_DATE=<yyyy-mm-dd> node src/test/resources/browser/tasklist-handover.mjs
// 1. wangjg opens TRANSFER_TASK, clicks 「申请转办」, chooses 市自然资源和规划局, gives his reason and sees 待审批 on the task.
// 2. wangjg opens CLAIM_TASK, claims it, uploads PERMIT as 施工许可证 in the tab 附件, fills the form and completes it;
//    opens 「我的申报」 in the navigation bar, clicks 「撤回」, opens the claim task that came back (filled as he left it,
//    the permit still in 附件) and completes it again.
// 3. zhengwt finds the transfer request in 待核验 and approves it (同意转办); finds 核验开工 of CLAIM_PROJECT in 待核验,
//    sees the permit's photo in 附件 and approves it (通过).
// 4. zhaol (市自然资源和规划局) finds TRANSFER_TASK in 本单位待办; wangjg no longer does.
// 5. huangzh sees 住建局's request counted in the dashboard's 申请转办（推诿） statistics.
// Prints one line of JSON with what it saw (the test checks it); exits 1 with a message on stderr if a step fails.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { open, reportFailure, steps } from './chromium.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const {
  BASE_URL: base, TRANSFER_TASK: transferTask, CLAIM_TASK: claimTask, CLAIM_PROJECT: claimProject, PERMIT: permit,
  START_DATE: startDate,
} = process.env;
if (!base || !transferTask || !claimTask || !claimProject || !permit || !startDate) {
  console.error('BASE_URL, TRANSFER_TASK, CLAIM_TASK, CLAIM_PROJECT, PERMIT and START_DATE must be set');
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
const tab = (name) => `.task-card .nav-tabs li a:text-is("${name}")`;
const cardOf = (id) => `.tasks-list li.task:has(h4.task a[href*="task=${id}"])`;
const form = '[cam-tasklist-form-camunda] .fjs-form';
const shot = (page, name) => page.screenshot({ path: join(screenshots, `tasklist-handover-${name}.png`) });

const result = { external: [], pageErrors: [], consoleErrors: [], loaded: {}, ms: {} };
const timer = steps(result);
const begin = (next) => timer.begin(next);
mkdirSync(screenshots, { recursive: true });

const session = () => open({ chromium, executablePath, origin, viewport: { width: 1366, height: 900 }, timeout: TIMEOUT, result });
let { browser, page } = await session();
try {
  page.on('response', (r) => {
    const name = new URL(r.url()).pathname.split('/').pop();
    if (name === 'tuijin-handover.js') {
      result.loaded[name] = r.status();
    }
  });

  begin('log into Tasklist as wangjg');
  await logIn('wangjg');

  begin('申请转办 on the open task');
  await page.goto(`${tasklist}#/?task=${transferTask}`);
  await page.locator('.task-card h2.task').waitFor();
  const ask = page.locator('.tuijin-transfer-link');
  await ask.waitFor({ state: 'visible' });
  result.askLabel = clean(await ask.innerText());
  await ask.click();
  const transferDialog = page.locator('#tuijin-transfer-dialog');
  await transferDialog.locator('select[name="toUnitCode"] option[value="zrj"]').waitFor({ state: 'attached' });
  result.unitChoices = (await transferDialog.locator('select[name="toUnitCode"] option').allInnerTexts()).map(clean);
  // Submitted without a reason first: refused next to the field, in Chinese.
  await transferDialog.locator('select[name="toUnitCode"]').selectOption({ label: '市自然资源和规划局' });
  await transferDialog.locator('.tuijin-transfer-submit').click();
  const reasonRefused = transferDialog.locator('#tuijin-transfer-reason + .tuijin-error');
  await reasonRefused.filter({ hasText: /\S/ }).waitFor();
  result.reasonRefused = clean(await reasonRefused.innerText());
  await transferDialog.locator('textarea[name="reason"]').fill('该项目土地出让合同由市自然资源和规划局签订，不属住建局职责');
  await shot(page, '1-transfer-dialog');
  await transferDialog.locator('.tuijin-transfer-submit').click();
  await transferDialog.waitFor({ state: 'detached' });
  const transferStatus = page.locator('.tuijin-transfer-status').filter({ hasText: '待审批' });
  await transferStatus.waitFor();
  result.transferStatusAsked = clean(await transferStatus.innerText());
  result.askHiddenWhilePending = !(await ask.isVisible());
  await shot(page, '2-transfer-asked');

  begin('申报开工 with the permit');
  await page.goto(`${tasklist}#/?task=${claimTask}`);
  await claimOpenTask();
  await page.locator(tab('附件')).click();
  await page.locator('.tuijin-evidence-form').waitFor();
  await page.locator('.tuijin-evidence-form select[name="kind"]').selectOption('PERMIT');
  await page.locator('.tuijin-evidence-input').setInputFiles(permit);
  await page.locator('.tuijin-evidence-form button[type="submit"]').click();
  await page.locator('.tuijin-evidence-file .tuijin-evidence-image').waitFor();
  await page.locator(tab('表单')).click();
  await page.locator(form).waitFor();
  await page.locator(form).getByLabel('施工许可证编号').fill('建施〔2026〕0777号');
  await fillDate(startDate);
  await page.locator('.form-actions button.btn-primary').click();
  await page.waitForFunction((id) => !window.location.hash.includes(id), claimTask, { timeout: TIMEOUT });

  begin('我的申报: 撤回');
  await page.locator('.tuijin-my-claims-link').click();
  const claimsDialog = page.locator('#tuijin-claims-dialog');
  const claimRow = claimsDialog.locator('.tuijin-claim').filter({ hasText: claimProject });
  await claimRow.waitFor();
  result.claimListed = clean(await claimRow.innerText());
  await shot(page, '3-my-claims');
  await claimRow.locator('.tuijin-withdraw').click();
  const withdrawn = claimsDialog.locator('.tuijin-withdrawn');
  await withdrawn.waitFor();
  result.withdrawnMessage = clean(await withdrawn.innerText());
  await shot(page, '4-withdrawn');

  begin('the claim task back, filled as he left it');
  await claimsDialog.locator('.tuijin-open-task').click();
  await claimsDialog.waitFor({ state: 'detached' });
  await page.locator('.task-card h2.task').waitFor();
  result.backTaskName = clean(await page.locator('.task-card h2.task').innerText());
  await page.locator(form).waitFor();
  const permitField = page.locator(form).getByLabel('施工许可证编号');
  await page.waitForFunction((el) => el.value !== '', await permitField.elementHandle(), { timeout: TIMEOUT });
  result.backPermitNo = await permitField.inputValue();
  result.backStartDate = await page.locator(`${form} .fjs-form-field-datetime input`).first().inputValue();
  result.backAssignee = clean(await page.locator('[cam-tasklist-task-meta]').innerText());
  await shot(page, '5-claim-back');
  await page.locator(tab('附件')).click();
  await page.locator('.tuijin-evidence-file').first().waitFor();
  result.backFiles = (await page.locator('.tuijin-evidence-file').allInnerTexts()).map(clean);

  begin('申报开工 again');
  await page.locator(tab('表单')).click();
  await page.locator(form).waitFor();
  await page.locator('.form-actions button.btn-primary').click();
  await page.waitForFunction(() => !window.location.hash.includes('task='), null, { timeout: TIMEOUT })
    .catch(() => null);
  await page.locator('.tuijin-my-claims-link').click();
  await claimsDialog.locator('.tuijin-claim').filter({ hasText: claimProject }).waitFor();
  result.claimedAgain = true;
  await claimsDialog.locator('button').filter({ hasText: '关闭' }).click();

  begin('log into Tasklist as zhengwt');
  await freshBrowser();
  await logIn('zhengwt');

  begin('the transfer request in 待核验: 同意转办');
  await page.locator(filters).filter({ hasText: '待核验' }).click();
  const requestCard = page.locator('.tasks-list li.task').filter({ hasText: '审批转办申请' });
  await requestCard.first().waitFor();
  result.decisionCard = clean(await requestCard.first().locator('h4.task').innerText());
  await requestCard.first().locator('h4.task a').click();
  await claimOpenTask();
  await page.locator(form).waitFor();
  result.decisionTaskName = clean(await page.locator('.task-card h2.task').innerText());
  result.decisionSummary = await page.locator(form).getByLabel('申请内容').inputValue();
  // The project office submits no claims and decides its own tasks: neither 我的申报 nor 申请延期 / 暂停计时.
  await page.locator('.tuijin-clock .tuijin-clock-lines').waitFor({ state: 'attached' });
  result.officeClockButtons = await page.locator('.tuijin-ask-extension, .tuijin-pause').count();
  result.officeSeesMyClaims = await page.locator('.tuijin-my-claims-link').isVisible();
  await page.locator(`${form} label`).filter({ hasText: '同意转办' }).click();
  await shot(page, '6-decision');
  const decisionUrl = page.url();
  await page.locator('.form-actions button.btn-primary').click();
  await page.waitForFunction((url) => window.location.href !== url, decisionUrl, { timeout: TIMEOUT });

  begin('核验开工 in 待核验: the photo, 通过');
  await page.locator(filters).filter({ hasText: '待核验' }).click();
  const verifyCard = page.locator('.tasks-list li.task').filter({ hasText: '核验开工' }).filter({ hasText: claimProject });
  await verifyCard.first().waitFor();
  await verifyCard.first().locator('h4.task a').click();
  await claimOpenTask();
  await page.locator(tab('附件')).click();
  const image = page.locator('.tuijin-evidence-file .tuijin-evidence-image').first();
  await image.waitFor();
  await page.waitForFunction((img) => img.complete && img.naturalWidth > 0, await image.elementHandle(), { timeout: TIMEOUT });
  result.verifierSees = {
    files: (await page.locator('.tuijin-evidence-file').allInnerTexts()).map(clean),
    imageWidth: await image.evaluate((img) => img.naturalWidth),
  };
  await shot(page, '7-verifier-photo');
  await page.locator(tab('表单')).click();
  await page.locator(form).waitFor();
  await page.locator(`${form} label`).filter({ hasText: '通过' }).click();
  const verifyUrl = page.url();
  await page.locator('.form-actions button.btn-primary').click();
  await page.waitForFunction((url) => window.location.href !== url, verifyUrl, { timeout: TIMEOUT });

  begin('log into Tasklist as zhaol');
  await freshBrowser();
  await logIn('zhaol');

  begin('市自然资源和规划局 finds the task in 本单位待办');
  await page.locator(filters).filter({ hasText: '本单位待办' }).click();
  await page.locator(cardOf(transferTask)).waitFor();
  await page.locator(`${cardOf(transferTask)} h4.task a`).click();
  await page.locator('.task-card h2.task').waitFor();
  result.newUnitTaskName = clean(await page.locator('.task-card h2.task').innerText());
  await shot(page, '8-new-unit');

  begin('log into Tasklist as wangjg again');
  await freshBrowser();
  await logIn('wangjg');

  begin('wangjg no longer has it');
  await page.locator(filters).filter({ hasText: '本单位待办' }).click();
  await page.locator('.tasks-list li.task').first().waitFor();
  result.oldUnitStillSees = await page.locator(cardOf(transferTask)).count();
  await shot(page, '9-old-unit');

  begin('the supervisor sees the transfer counted on the dashboard');
  await freshBrowser();
  await page.goto(base + '/dashboard/');
  await page.locator('#login-form').waitFor({ state: 'visible' });
  await page.fill('#login-user', 'huangzh');
  await page.fill('#login-password', 'demo');
  await page.click('#login-submit');
  const zjjRow = page.locator('#transfer-table tr.transfer-row').filter({ hasText: '市住房城乡建设局' });
  await zjjRow.waitFor();
  result.dashboardHead = (await page.locator('#transfer-section h2').innerText()).trim();
  result.dashboardTransferRow = (await zjjRow.locator('td').allInnerTexts()).map(clean);
  await page.locator('#transfer-section').scrollIntoViewIfNeeded();
  await shot(page, '10-dashboard-counts');

  begin('done');
  console.log(JSON.stringify(result));
} catch (e) {
  await reportFailure({ page, script: 'tasklist-handover.mjs', step: timer.current, error: e, result, screenshots, name: 'tasklist-handover' });
  process.exitCode = 1;
} finally {
  await browser.close();
}

/** Another user: a browser of his own (nothing kept from the previous one's session). */
async function freshBrowser() {
  await browser.close();
  ({ browser, page } = await session());
}

/** Claims the open task (认领) as Tasklist offers it. */
async function claimOpenTask() {
  await page.locator('[cam-tasklist-task-meta] button.claim').click();
  await page.locator('[cam-tasklist-task-meta] button.unclaim').waitFor();
}

/** Types a date into the form's date field as a user does. */
async function fillDate(value) {
  const date = page.locator(`${form} .fjs-form-field-datetime input`).first();
  await date.click();
  await date.fill(value);
  await date.press('Enter');
}

/** Logs in through Tasklist's form (typed again if Tasklist rendered the form anew meanwhile). */
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

function clean(text) {
  return text.replace(/\s+/g, ' ').trim();
}
