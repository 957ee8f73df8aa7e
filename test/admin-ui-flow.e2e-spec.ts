import { type Page } from 'playwright-core';
import { type RunningApp, startApp } from './support/app-harness';
import {
  type BrowserSession,
  ensureAdminUiBuilt,
  launchChromium,
  loginAs,
  logout,
  pick,
  screenshot,
  submitModal,
  waitForStatus,
} from './support/browser';

/**
 * The whole order-to-cash flow through the admin UI only, in Chinese: a grade-C account (always
 * held), contract review, credit release from the work queue, shipment, the provider portal up to
 * the acceptance receipt, the payment and the completed order with its timeline.
 */
jest.setTimeout(600_000);

const STEP = 60_000;

describe('order-to-cash through the admin UI (zh-CN)', () => {
  let product: RunningApp;
  let chromium: BrowserSession;
  let page: Page;
  let orderUrl = '';
  let orderId = '';
  let shipmentId = '';

  beforeAll(async () => {
    ensureAdminUiBuilt();
    product = await startApp();
    chromium = await launchChromium();
    page = chromium.context.pages()[0] ?? (await chromium.context.newPage());
    page.setDefaultTimeout(STEP);
  });

  afterAll(async () => {
    await chromium?.close();
    await product?.close();
  });

  it('desk places an order for 武汉某大学 (grade C) with the configurator', async () => {
    await loginAs(page, product.baseUrl, 'desk');
    await page.getByTestId('new-order').click();
    await page.waitForURL(/\/orders\/new$/);
    await pick(page, 'accountId', 'Wuhan');
    await page.locator('#signedBy').fill('陈老师');
    await page.locator('#customerPo').fill('PO-UI-FLOW-1');
    await pick(page, 'lines_0_modelId', 'TC-M70T-G4');
    await pick(page, 'lines_0_options_OS', 'OS-KYLIN-V10');
    await pick(page, 'lines_0_options_SOFTWARE', 'SW-WPS-PRO');
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="validation"][data-valid="true"]').getByText('配置有效').waitFor();
    await page.locator('#lines_0_quantity').fill('2');
    expect(await page.locator('#lines_0_deliveryAddress_city').inputValue()).toBe('Wuhan');
    await page.locator('#lines_0_deliveryAddress_address').fill('珞珈山八一路299号');
    await page.locator('#lines_0_deliveryAddress_contact').fill('陈老师');
    await page.locator('#lines_0_deliveryAddress_phone').fill('027-68750000');
    await screenshot(page, 'flow-01-place-order-zh');
    await page.getByTestId('place-submit').click();

    await page.waitForURL(/\/orders\/SO-[\w-]+$/);
    orderUrl = page.url();
    orderId = orderUrl.split('/').pop()!;
    await page.getByTestId('order-detail').waitFor();
    await screenshot(page, 'flow-02-order-placed-zh');
  });

  it('reviewer approves the contract; the grade-C order is then held for credit', async () => {
    await logout(page);
    await loginAs(page, product.baseUrl, 'reviewer');
    await page.goto(orderUrl);
    await page.getByTestId('action-contract-review').click();
    await page.getByTestId('contract-review-modal').getByText('通过').waitFor();
    await submitModal(page);
    await page.getByTestId('contract-review').getByText('已通过').waitFor();
    await waitForStatus(page, 'CREDIT_HOLD');
    expect(await page.getByTestId('order-status').innerText()).toBe('信用冻结');
    await page.getByTestId('credit-review').getByText('冻结待审').waitFor();
    await screenshot(page, 'flow-03-contract-approved-credit-hold-zh');
  });

  it('analyst finds it in the credit-holds queue and releases it with a reason, seeing the snapshot', async () => {
    await logout(page);
    await loginAs(page, product.baseUrl, 'analyst');
    await page.getByTestId('main-menu').getByText('工作队列').click();
    await page.getByTestId('queue-credit-holds').click();
    await page.waitForURL(/\/work-queues\/credit-holds$/);
    const link = page.getByRole('link', { name: orderId });
    await link.waitFor();
    await screenshot(page, 'flow-04-credit-holds-queue-zh');
    await link.click();
    await page.waitForURL(orderUrl);
    await page.getByTestId('action-credit-decision').click();
    const modal = page.getByTestId('credit-decision-modal');
    const snapshot = modal.getByTestId('credit-snapshot');
    await snapshot.waitFor();
    expect(await snapshot.innerText()).toContain('C');
    expect(await snapshot.innerText()).toMatch(/¥[\d,]+\.\d\d/);
    await modal.locator('textarea').fill('C级客户，高校年度采购，已确认预算到位');
    await screenshot(page, 'flow-05-credit-release-modal-zh');
    await submitModal(page);
    await waitForStatus(page, 'RELEASED');
    await page.getByTestId('credit-review').getByText('已放行').waitFor();
    await page.getByTestId('timeline').getByText('信用冻结已放行').first().waitFor();
    await screenshot(page, 'flow-06-released-zh');
  });

  it('desk plans a shipment with SF Express (lp-sf)', async () => {
    await logout(page);
    await loginAs(page, product.baseUrl, 'desk');
    await page.goto(orderUrl);
    await page.getByTestId('action-plan-shipment').click();
    const modal = page.getByTestId('plan-shipment-modal');
    await modal.getByText('顺丰速运').waitFor();
    await screenshot(page, 'flow-07-plan-shipment-zh');
    await submitModal(page);
    const shipments = page.getByTestId('order-shipments');
    await shipments.locator('[data-status="PLANNED"]').waitFor();
    shipmentId = (await shipments.locator('tbody tr .mono').first().innerText()).trim();
    expect(shipmentId).toBeTruthy();
    expect(await shipments.innerText()).toContain('lp-sf');
    await screenshot(page, 'flow-08-shipment-planned-zh');
  });

  it('the logistics provider reports each step up to delivery and signs the acceptance receipt', async () => {
    await logout(page);
    await loginAs(page, product.baseUrl, 'logistics');
    await page.waitForURL(/\/provider\/shipments$/);
    const row = page.locator('tr', { has: page.getByText(shipmentId, { exact: true }) });
    await row.waitFor();
    await screenshot(page, 'flow-09-provider-portal-zh');
    for (const status of ['READY_TO_SHIP', 'PICKED_UP', 'DISPATCHED', 'IN_TRANSIT', 'DELIVERED']) {
      await row.getByTestId(`report-${shipmentId}`).click();
      await submitModal(page);
      await row.locator(`[data-status="${status}"]`).waitFor();
    }
    await row.getByTestId(`receipt-${shipmentId}`).click();
    const modal = page.getByTestId('receipt-modal');
    const serials = modal.getByPlaceholder('序列号');
    await serials.first().waitFor();
    expect(await serials.count()).toBe(2);
    await serials.nth(0).fill('PF3WHU001');
    await serials.nth(1).fill('PF3WHU002');
    await modal.locator('#signatory').fill('陈老师');
    await screenshot(page, 'flow-10-acceptance-receipt-zh');
    await submitModal(page);
    await row.getByTestId(`receipt-${shipmentId}`).waitFor({ state: 'detached' });
    await screenshot(page, 'flow-11-provider-accepted-zh');
  });

  it('finance records the full payment on the invoice', async () => {
    await logout(page);
    await loginAs(page, product.baseUrl, 'finance');
    await page.goto(orderUrl);
    const invoices = page.getByTestId('order-invoices');
    const pay = invoices.locator('[data-testid^="pay-"]');
    await pay.waitFor();
    await pay.click();
    const modal = page.getByTestId('payment-modal');
    await modal.locator('#reference').fill('BANK-WHU-2026-001');
    await screenshot(page, 'flow-12-payment-zh');
    await submitModal(page);
    await invoices.locator('[data-status="PAID"]').waitFor();
  });

  it('desk sees the order COMPLETED with its whole timeline', async () => {
    await logout(page);
    await loginAs(page, product.baseUrl, 'desk');
    await page.goto(orderUrl);
    await waitForStatus(page, 'COMPLETED');
    expect(await page.getByTestId('order-status').innerText()).toBe('已完成');
    const timeline = page.getByTestId('timeline');
    await timeline.getByText('订单已完成').waitFor();
    const text = await timeline.innerText();
    for (const label of ['销售订单已下达', '合同审核通过', '信用冻结', '信用冻结已放行', '已安排配送', '发票已开具']) expect(text).toContain(label);
    for (const actor of ['desk', 'reviewer', 'analyst', 'finance']) expect(text).toContain(actor);
    await screenshot(page, 'flow-13-completed-zh');
  });

  it('shows the completed order in English too', async () => {
    await page.getByTestId('lang-switch').getByText('EN').click();
    await page.getByTestId('order-status').getByText('Completed').waitFor();
    await page.getByTestId('timeline').getByText('Order completed', { exact: true }).waitFor();
    await screenshot(page, 'flow-14-completed-en');
    await page.getByTestId('lang-switch').getByText('中文').click();
  });

  it('the account manager sees the 80/20 ranking and the account dashboard', async () => {
    await logout(page);
    await loginAs(page, product.baseUrl, 'manager');
    await page.getByTestId('main-menu').getByText('客户').click();
    await page.waitForURL(/\/accounts$/);
    await page.getByTestId('a-class-acc-whu').waitFor();
    expect(await page.getByTestId('main-menu').innerText()).not.toContain('帐务');
    await screenshot(page, 'flow-15-ranking-zh');
    await page.getByRole('link', { name: /Wuhan University/ }).click();
    await page.waitForURL(/\/accounts\/acc-whu$/);
    await page.getByTestId('exposure-bar').waitFor();
    expect(await page.getByTestId('lifetime-value').innerText()).toContain('¥10,998.00');
    await page.getByTestId('orders-by-stage').locator('[data-stage="COMPLETED"]').waitFor();
    await page.getByTestId('recent-activity').getByText('订单已完成').first().waitFor();
    await screenshot(page, 'flow-16-account-dashboard-zh');
  });

  it('finance sees receivables aging, collections and exports CSV', async () => {
    await logout(page);
    await loginAs(page, product.baseUrl, 'finance');
    await page.getByTestId('main-menu').getByText('帐务').click();
    await page.waitForURL(/\/finance$/);
    await page.getByTestId('aging-buckets').locator('[data-bucket="90+"]').waitFor();
    await screenshot(page, 'flow-17-finance-receivables-zh');
    await page.getByRole('tab', { name: '回款记录' }).click();
    await page.getByText('BANK-WHU-2026-001').waitFor();
    const download = page.waitForEvent('download');
    await page.getByTestId('csv-collections').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^collections-.*\.csv$/);
    await screenshot(page, 'flow-18-finance-collections-zh');
    await page.getByRole('tab', { name: '信用占用' }).click();
    await page.getByRole('link', { name: /Wuhan University/ }).waitFor();
    await screenshot(page, 'flow-19-finance-exposure-zh');
  });

  it('the logistics provider sees its own statement, in English', async () => {
    await logout(page);
    await loginAs(page, product.baseUrl, 'logistics');
    await page.getByTestId('lang-switch').getByText('EN').click();
    await page.getByTestId('main-menu').getByText('Provider statements').click();
    await page.waitForURL(/\/finance\/provider-statements$/);
    const statements = page.getByTestId('finance');
    await statements.getByText('lp-sf').first().waitFor();
    expect(await statements.innerText()).not.toContain('lp-jd');
    const download = page.waitForEvent('download');
    await page.getByTestId('csv-provider-statements').click();
    expect((await download).suggestedFilename()).toMatch(/\.csv$/);
    await screenshot(page, 'flow-20-provider-statement-en');
    await page.getByTestId('lang-switch').getByText('中文').click();
  });
});
