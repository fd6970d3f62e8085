// Evidence files in Tasklist, in a real browser (Debian's Chromium driven by playwright-core). Run by
// EvidenceBrowserTest; also by hand against a running application:
//   BASE_URL=http://localhost:8080 TASK=<id of an open 申报开工 of 住建局> PROJECT=<its project> PERMIT=<a png file> \
//     START_DATE=<yyyy-mm-dd> node src/test/resources/browser/tasklist-evidence.mjs
// wangjg logs in, opens TASK, claims it, opens the tab 附件, uploads PERMIT as 施工许可证, fills the form (permit number,
// START_DATE) and completes it; then zhengwt logs in, opens 核验开工 of PROJECT and its tab 附件, where the photo shows.
// Prints one line of JSON with what it saw (the test checks it); exits 1 with a message on stderr if a step fails.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { open, reportFailure, steps } from './chromium.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const { BASE_URL: base, TASK: task, PROJECT: project, PERMIT: permit, START_DATE: startDate } = process.env;
if (!base || !task || !project || !permit || !startDate) {
  console.error('BASE_URL, TASK, PROJECT, PERMIT and START_DATE must be set');
  process.exit(2);
}
const screenshots = resolve(process.env.SCREENSHOTS ?? 'target/screenshots');
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const playwrightDir = process.env.PLAYWRIGHT_CORE ?? join(here, '../../../../.ci/node_modules/playwright-core');
const { chromium } = await import(pathToFileURL(join(playwrightDir, 'index.mjs')).href);

const TIMEOUT = 30000;
const origin = new URL(base).origin;
const tasklist = base + '/camunda/app/tasklist/default/';
const meta = '[cam-tasklist-task-meta]';
const tab = (name) => `.task-card .nav-tabs li a:text-is("${name}")`;

const result = { external: [], pageErrors: [], consoleErrors: [], loaded: {}, ms: {} };
const timer = steps(result);
const begin = (next) => timer.begin(next);
mkdirSync(screenshots, { recursive: true });

let { browser, page } = await open({ chromium, executablePath, origin, viewport: { width: 1366, height: 900 }, timeout: TIMEOUT, result });
try {
  page.on('response', (r) => {
    const name = new URL(r.url()).pathname.split('/').pop();
    if (name === 'tuijin-evidence.js') {
      result.loaded[name] = r.status();
    }
  });

  begin('log into Tasklist as wangjg');
  await logIn(page, 'wangjg');

  begin('open the start claim and claim it');
  await page.goto(`${tasklist}#/?task=${task}`);
  await page.locator(`${meta} button.claim`).click();
  await page.locator(`${meta} button.unclaim`).waitFor();

  begin('upload the permit in the tab 附件');
  await page.locator(tab('附件')).click();
  await page.locator('.tuijin-evidence-form').waitFor();
  result.required = clean(await page.locator('.tuijin-evidence-required').innerText());
  result.kindChosen = await page.locator('.tuijin-evidence-form select[name="kind"]').inputValue();
  await page.locator('.tuijin-evidence-form select[name="kind"]').selectOption('PERMIT');
  await page.locator('.tuijin-evidence-input').setInputFiles(permit);
  await page.locator('.tuijin-evidence-form button[type="submit"]').click();
  await page.locator('.tuijin-evidence-file .tuijin-evidence-image').waitFor();
  result.uploadMessage = clean(await page.locator('.tuijin-evidence-message').innerText());
  result.uploadedFiles = (await page.locator('.tuijin-evidence-file').allInnerTexts()).map(clean);
  await page.screenshot({ path: join(screenshots, 'tasklist-evidence-uploaded.png') });

  begin('fill the form and complete the claim');
  await page.locator(tab('表单')).click();
  const form = page.locator('[cam-tasklist-form-camunda] .fjs-form');
  await form.waitFor();
  await form.getByLabel('施工许可证编号').fill('SG-2026-0140');
  const date = form.locator('.fjs-form-field-datetime input').first();
  await date.click();
  await date.fill(startDate);
  await date.press('Enter');
  await page.locator('.form-actions button.btn-primary').click();
  // Completed: the task leaves the view (Tasklist shows no task, or the next one).
  await page.waitForFunction((id) => !window.location.hash.includes(id), task, { timeout: TIMEOUT });
  result.completed = true;

  begin('log into Tasklist as zhengwt');
  await browser.close();
  ({ browser, page } = await open({ chromium, executablePath, origin, viewport: { width: 1366, height: 900 }, timeout: TIMEOUT, result }));
  await logIn(page, 'zhengwt');

  begin('open 核验开工 and its tab 附件');
  const verify = await page.evaluate(async ({ project }) => {
    const r = await fetch(`/camunda/api/engine/engine/default/task?processInstanceBusinessKey=${encodeURIComponent(project)}`
      + '&taskDefinitionKey=Task_VerifyStart', { headers: { Accept: 'application/json' } });
    const list = await r.json();
    return list.length ? list[0].id : null;
  }, { project });
  if (!verify) {
    throw new Error(`no 核验开工 open for ${project}`);
  }
  await page.goto(`${tasklist}#/?task=${verify}`);
  result.verifyTaskName = clean(await page.locator('.task-card h2.task').innerText());
  await page.locator(tab('附件')).click();
  const image = page.locator('.tuijin-evidence-file .tuijin-evidence-image').first();
  await image.waitFor();
  await page.waitForFunction((img) => img.complete && img.naturalWidth > 0, await image.elementHandle(), { timeout: TIMEOUT });
  result.verifierSees = {
    files: (await page.locator('.tuijin-evidence-file').allInnerTexts()).map(clean),
    imageWidth: await image.evaluate((img) => img.naturalWidth),
    uploadOffered: await page.locator('.tuijin-evidence-form').count(),
  };
  await page.screenshot({ path: join(screenshots, 'tasklist-evidence-verifier.png') });
  begin('done');
  console.log(JSON.stringify(result));
} catch (e) {
  await reportFailure({ page, script: 'tasklist-evidence.mjs', step: timer.current, error: e, result, screenshots, name: 'tasklist-evidence' });
  process.exitCode = 1;
} finally {
  await browser.close();
}

/** Logs in through Tasklist's form (typed again if Tasklist rendered the form anew meanwhile). */
async function logIn(page, user) {
  await page.goto(tasklist, { waitUntil: 'networkidle' });
  for (let attempt = 1; ; attempt++) {
    await page.locator('input[ng-model="username"]').fill(user);
    await page.locator('input[ng-model="password"]').fill('demo');
    await page.locator('form button[type="submit"]').click();
    const loggedIn = await page.locator('.task-filter').first().waitFor({ timeout: attempt === 1 ? TIMEOUT / 2 : TIMEOUT })
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
