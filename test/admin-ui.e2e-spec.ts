import { type Page } from 'playwright-core';
import { type RunningApp, startApp } from './support/app-harness';
import { type BrowserSession, ensureAdminUiBuilt, launchChromium, loginAs, pick, screenshot } from './support/browser';

jest.setTimeout(180_000);

describe('the admin UI in Chinese (the default language)', () => {
  let product: RunningApp;
  let chromium: BrowserSession;
  let page: Page;

  beforeAll(async () => {
    ensureAdminUiBuilt();
    product = await startApp();
    chromium = await launchChromium();
    page = chromium.context.pages()[0] ?? (await chromium.context.newPage());
    page.setDefaultTimeout(20_000);
  });

  afterAll(async () => {
    await chromium?.close();
    await product?.close();
  });

  it('sends a visitor without a session to the Chinese login page', async () => {
    await page.goto(`${product.baseUrl}/orders`);
    await page.waitForURL(/\/login$/);
    await page.getByRole('button', { name: '登 录' }).or(page.getByRole('button', { name: '登录' })).waitFor();
    await screenshot(page, '01-login-zh');
  });

  let orderUrl = '';

  it('lets the order desk place an order with the configurator, showing a rejected configuration first', async () => {
    await loginAs(page, product.baseUrl, 'desk');
    await page.getByTestId('current-roles').getByText('订单管理').waitFor();
    await page.getByTestId('new-order').click();
    await page.waitForURL(/\/orders\/new$/);

    await pick(page, 'accountId', 'acc-sgcc');
    await page.locator('#signedBy').fill('张敏');
    await page.locator('#customerPo').fill('PO-UI-E2E-1');
    await pick(page, 'lines_0_modelId', 'TC-M70T-G4');
    await pick(page, 'lines_0_options_OS', 'OS-KYLIN-V10');
    await pick(page, 'lines_0_options_SOFTWARE', 'SW-MSOFFICE-LTSC');
    await page.keyboard.press('Escape');

    const violations = page.getByTestId('violations');
    await violations.getByText('KYLIN-NO-MS-OFFICE').waitFor();
    await violations.getByText('配置无效').waitFor();
    await screenshot(page, '02-configurator-violation-zh');

    await pick(page, 'lines_0_options_SOFTWARE', 'SW-MSOFFICE-LTSC'); // picking it again removes it
    await pick(page, 'lines_0_options_SOFTWARE', 'SW-WPS-PRO');
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="validation"][data-valid="true"]').getByText('配置有效').waitFor();
    expect(await page.getByTestId('unit-price').innerText()).toMatch(/¥[\d,]+\.\d\d/);

    await page.locator('#lines_0_quantity').fill('2');
    await page.locator('#lines_0_deliveryAddress_address').fill('西长安街86号');
    await page.locator('#lines_0_deliveryAddress_contact').fill('王工');
    await page.locator('#lines_0_deliveryAddress_phone').fill('010-66600000');
    await screenshot(page, '03-configurator-valid-zh');
    await page.getByTestId('place-submit').click();

    await page.waitForURL(/\/orders\/SO-[\w-]+$/);
    orderUrl = page.url();
    await page.getByTestId('order-detail').waitFor();
    expect(await page.getByTestId('order-lines').innerText()).toContain('WPS');
    await screenshot(page, '04-order-placed-zh');
  });

  it('lets the contract reviewer approve it, after which the order is released with its timeline', async () => {
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login$/);
    await loginAs(page, product.baseUrl, 'reviewer');
    await page.getByTestId('current-roles').getByText('合同审核').waitFor();
    await page.goto(orderUrl);
    await page.getByTestId('action-contract-review').click();
    await page.getByTestId('contract-review-modal').getByText('通过').waitFor();
    await page.getByTestId('modal-submit').click();

    await page.locator('[data-testid="order-status"] [data-status="RELEASED"]').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('order-status').innerText()).toBe('已下达');
    const timeline = page.getByTestId('timeline');
    await timeline.getByText('合同审核通过').waitFor();
    await timeline.getByText('订单已下达（供货承诺）').waitFor();
    expect(await timeline.innerText()).toContain('销售订单已下达');
    expect(await timeline.innerText()).toContain('reviewer');
    expect(await page.getByTestId('credit-review').innerText()).toContain('已通过');
    await screenshot(page, '05-order-released-zh');
  });

  it('switches the same screen to English', async () => {
    await page.getByTestId('lang-switch').getByText('EN').click();
    await page.locator('[data-testid="order-status"]').getByText('Released').waitFor();
    await page.getByTestId('timeline').getByText('Contract approved').waitFor();
    await screenshot(page, '06-order-released-en');
  });
});
