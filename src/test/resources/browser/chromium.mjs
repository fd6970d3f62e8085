// What the browser scripts share: Debian's Chromium started headless through playwright-core, a context that lets the
// pages load nothing from outside the application (anything else is noted in result.external and refused), script
// errors and console errors noted, and the time of each step in result.ms.
import { join } from 'node:path';

/** Times the steps: begin('next step') closes the step under way. */
export function steps(result) {
  let step = 'launch Chromium';
  let stepStart = Date.now();
  return {
    begin(next) {
      result.ms[step] = Date.now() - stepStart;
      step = next;
      stepStart = Date.now();
    },
    get current() {
      return step;
    },
  };
}

/** Starts Chromium; returns the browser and a page of a fresh context, in Chinese and (unless told) Beijing time. */
export async function open({ chromium, executablePath, origin, viewport, timeout, result, timezoneId = 'Asia/Shanghai' }) {
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    chromiumSandbox: false,
    timeout: 30000,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-dev-shm-usage'],
  });
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId });
  context.setDefaultTimeout(timeout);
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + '/') || url.startsWith('data:') || url.startsWith('blob:')) {
      return route.continue();
    }
    result.external.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => result.pageErrors.push(String(e)));
  page.on('console', (m) => {
    // The browser logs every 401/403/404 answer; the pages expect those (not logged in yet, refused).
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
      result.consoleErrors.push(m.text());
    }
  });
  return { browser, context, page };
}

/**
 * Reports a failed step on stderr: the step, the error, what the page showed (its address and the first lines of its
 * visible text) and the result so far; keeps a screenshot of the page as NAME-failed.png in the folder.
 */
export async function reportFailure({ page, script, step, error, result, screenshots, name }) {
  result.failedAt = { step, url: page.url() };
  try {
    result.failedAt.text = (await page.locator('body').innerText({ timeout: 2000 })).replace(/\s+/g, ' ').trim().slice(0, 600);
    await page.screenshot({ path: join(screenshots, `${name}-failed.png`), timeout: 5000 });
  } catch (e) {
    result.failedAt.unreadable = String(e.message ?? e);
  }
  console.error(`${script} failed at step "${step}": ${error.message}`);
  console.error(JSON.stringify(result));
}
