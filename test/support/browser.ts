import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

const ROOT = resolve(__dirname, '../..');
export const SCREENSHOTS = join(ROOT, 'test-artifacts/ui');

/** Builds the admin UI once (dist/admin-ui) unless a build is already there. */
export function ensureAdminUiBuilt(): void {
  if (existsSync(join(ROOT, 'dist/admin-ui/index.html'))) return;
  execSync('npm run -s build:ui', { cwd: ROOT, stdio: 'inherit' });
}

export interface BrowserSession {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Debian's Chromium (`apt-get install chromium`), headless, with a fresh profile (user data dir). */
export async function launchChromium(options: { locale?: string } = {}): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), 'kamflow-chromium-'));
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 1440, height: 900 },
    locale: options.locale ?? 'zh-CN',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const session: BrowserSession = {
    context,
    close: async () => {
      browsers.delete(session);
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
  browsers.add(session);
  return session;
}

/** Browsers launched by this test file and not closed yet. */
const browsers = new Set<BrowserSession>();

// A safety net after the file's own `afterAll` hooks: a browser a failed test left open is closed.
if (typeof afterAll === 'function') {
  afterAll(async () => {
    for (const session of [...browsers]) await session.close().catch(() => undefined);
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Let tables finish their loading overlay (a faded, blurred table otherwise).
  await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** A screenshot of the viewport only: an open modal with its mask (a full-page capture masks only the first screen). */
export async function screenshotViewport(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), animations: 'disabled' });
}

/** Picks an option of an antd Select by the text of its label (opens it, filters, clicks). */
export async function pick(page: Page, inputId: string, text: string): Promise<void> {
  // The chosen value sits over the search input: open the select by its selector box.
  await page.locator('.ant-select-selector', { has: page.locator(`#${inputId}`) }).click();
  await page.locator(`#${inputId}`).fill(text);
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: text })
    .first()
    .click();
}

export async function loginAs(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill('demo123');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('current-roles').waitFor();
}

export async function logout(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await page.waitForURL(/\/login$/);
}

/** Submits the open command modal and waits until it has closed (it stays open, showing the problem, on failure). */
export async function submitModal(page: Page): Promise<void> {
  const submit = page.getByTestId('modal-submit');
  const deadline = Date.now() + 60_000;
  const left = () => Math.max(1_000, deadline - Date.now());
  try {
    for (;;) {
      await submit.click({ timeout: left() });
      if (await submit.waitFor({ state: 'detached', timeout: 10_000 }).then(() => true, () => false)) return;
      // Still open. A problem shown in the modal is the answer; a request under way is waited for; a click the
      // form swallowed (a busy machine, the form still settling) is given again.
      if (await page.locator('.ant-modal-content .ant-alert').count()) throw new Error('the modal shows a problem');
      if (await submit.evaluate((b) => b.classList.contains('ant-btn-loading')).catch(() => false)) {
        await submit.waitFor({ state: 'detached', timeout: left() });
        return;
      }
      if (Date.now() > deadline) throw new Error('the modal stayed open for 60 s');
    }
  } catch (error) {
    await screenshot(page, 'failed-modal');
    const text = await page.locator('.ant-modal-content').last().innerText().catch(() => '');
    throw new Error(`the modal did not close: ${text.replace(/\s+/g, ' ')}\n${String(error)}`);
  }
}

/** Waits (polling the page, which refreshes itself) until the order detail shows `status`. */
export async function waitForStatus(page: Page, status: string, timeout = 60_000): Promise<void> {
  await page.locator(`[data-testid="order-status"] [data-status="${status}"]`).waitFor({ timeout });
}
