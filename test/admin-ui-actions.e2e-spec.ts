import { type Page } from 'playwright-core';
import {
  type Client,
  futureDate,
  orderBody,
  type RunningApp,
  settled,
  startApp,
} from './support/app-harness';
import {
  type BrowserSession,
  ensureAdminUiBuilt,
  launchChromium,
  loginAs,
  logout,
  screenshot,
  screenshotViewport,
  submitModal,
  waitForStatus,
} from './support/browser';
import { deliver, orderWhen, signReceipt, units } from './support/flow';

/**
 * The order desk's actions through the admin UI, in English: amend, cancel, a revision conflict
 * (412) explained with a reload, an API field error shown on its field, a shipment planned with a
 * provider from the provider list, and the account's revenue trend.
 */
jest.setTimeout(600_000);

const STEP = 60_000;

describe('order actions through the admin UI (en)', () => {
  let product: RunningApp;
  let chromium: BrowserSession;
  let page: Page;
  let desk: Client;
  let reviewer: Client;

  /** Places an order over HTTP and waits until the background processes have handled it. */
  async function placed(customerPo: string): Promise<string> {
    const answer = await desk.post('/orders', orderBody({ customerPo }));
    expect(answer.status).toBe(201);
    await settled(product);
    return answer.body.id as string;
  }

  async function openOrder(orderId: string): Promise<void> {
    await page.goto(`${product.baseUrl}/orders/${orderId}`);
    await page.getByTestId('order-detail').waitFor();
  }

  /** The modal of the open command form (the last one opened). */
  const modal = () => page.locator('.ant-modal-content').last();

  beforeAll(async () => {
    ensureAdminUiBuilt();
    product = await startApp();
    [desk, reviewer] = await Promise.all([product.login('desk'), product.login('reviewer')]);
    chromium = await launchChromium({ locale: 'en-US' });
    await chromium.context.addInitScript({ content: "localStorage.setItem('kamflow.lang', 'en');" });
    page = chromium.context.pages()[0] ?? (await chromium.context.newPage());
    page.setDefaultTimeout(STEP);
    await loginAs(page, product.baseUrl, 'desk');
  });

  afterAll(async () => {
    await chromium?.close();
    await product?.close();
  });

  it('desk amends a line from the order detail and sees the new quantity', async () => {
    const orderId = await placed('PO-UI-AMEND');
    await openOrder(orderId);
    expect(await page.getByTestId('quantity-L1').innerText()).toBe('10');
    const revision = Number(await page.getByTestId('order-detail').getAttribute('data-revision'));
    await page.getByTestId('action-amend').click();
    await modal().getByText(`Amend · ${orderId}`).waitFor();
    expect(await page.locator('#quantity').inputValue()).toBe('10');
    await page.locator('#quantity').fill('12');
    await screenshotViewport(page, 'actions-01-amend-form-en');
    await submitModal(page);
    await page.getByTestId('quantity-L1').getByText('12', { exact: true }).waitFor();
    await page.getByTestId('timeline').getByText('Order amended', { exact: true }).first().waitFor();
    expect(Number(await page.getByTestId('order-detail').getAttribute('data-revision'))).toBeGreaterThan(
      revision,
    );
    const order = (await desk.get(`/orders/${orderId}`)).body;
    expect(order.lines[0].quantity).toBe(12);
    await screenshot(page, 'actions-02-amended-en');
  });

  it('desk cancels an order with a reason and sees it CANCELLED', async () => {
    const orderId = await placed('PO-UI-CANCEL');
    await openOrder(orderId);
    await page.getByTestId('action-cancel').click();
    await modal().locator('textarea').fill('Customer withdrew the tender');
    await screenshotViewport(page, 'actions-03-cancel-form-en');
    await submitModal(page);
    await waitForStatus(page, 'CANCELLED');
    expect(await page.getByTestId('order-status').innerText()).toBe('Cancelled');
    await page.getByText('Customer withdrew the tender').first().waitFor();
    expect(await page.getByTestId('order-actions').locator('button').count()).toBe(0);
    expect((await desk.get(`/orders/${orderId}`)).body.status).toBe('CANCELLED');
    await screenshot(page, 'actions-04-cancelled-en');
  });

  it('explains a revision conflict (412) when the order changed after the form opened, and reloads it', async () => {
    const orderId = await placed('PO-UI-CONFLICT');
    await openOrder(orderId);
    await page.getByTestId('action-amend').click();
    expect(await page.locator('#quantity').inputValue()).toBe('10');

    // Meanwhile someone else amends the same line over the HTTP API.
    const line = orderBody().lines[0];
    const background = await desk.post(`/orders/${orderId}/amendments`, {
      lines: [{ ...line, lineId: 'L1', quantity: 11 }],
    });
    expect(background.status).toBe(202);
    await settled(product);

    await page.locator('#quantity').fill('13');
    await modal().getByTestId('modal-submit').click();
    const stale = modal().getByTestId('stale-alert');
    await stale.waitFor();
    const text = await stale.innerText();
    expect(text).toContain('Revision conflict');
    expect(text).toContain('412');
    expect(text).toContain('changed by someone else');
    await screenshotViewport(page, 'actions-05-conflict-412-en');
    expect((await desk.get(`/orders/${orderId}`)).body.lines[0].quantity).toBe(11);

    await stale.getByTestId('stale-reload').click();
    await stale.waitFor({ state: 'detached' });
    expect(await page.locator('#quantity').inputValue()).toBe('11');
    await page.locator('#quantity').fill('13');
    await submitModal(page);
    await page.getByTestId('quantity-L1').getByText('13', { exact: true }).waitFor();
    expect((await desk.get(`/orders/${orderId}`)).body.lines[0].quantity).toBe(13);
  });

  it('shows the API field error on the field it names (a requested date in the past)', async () => {
    const orderId = await placed('PO-UI-FIELD');
    await openOrder(orderId);
    const requested = (await desk.get(`/orders/${orderId}`)).body.lines[0].requestedDate as string;
    await page.getByTestId('action-amend').click();
    const past = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    const dateInput = page.locator('#requestedDate');
    await dateInput.click();
    await dateInput.fill(past);
    await dateInput.press('Enter');
    expect(await dateInput.inputValue()).toBe(past);
    await modal().getByTestId('modal-submit').click();
    const item = modal().locator('.ant-form-item', { has: page.locator('#requestedDate') });
    const error = item.locator('.ant-form-item-explain-error');
    await error.waitFor();
    expect(await error.innerText()).toContain(`Requested date ${past} is before`);
    expect(await item.getAttribute('class')).toContain('ant-form-item-has-error');
    const quantityItem = modal().locator('.ant-form-item', { has: page.locator('#quantity') });
    expect(await quantityItem.locator('.ant-form-item-explain-error').count()).toBe(0);
    expect(await modal().getByTestId('problem-alert').innerText()).toContain('ORDER.REQUESTED_DATE_IN_PAST');
    await screenshotViewport(page, 'actions-06-field-error-en');
    await modal().getByRole('button', { name: 'Cancel', exact: true }).click();
    expect((await desk.get(`/orders/${orderId}`)).body.lines[0].requestedDate).toBe(requested);
  });

  it('plans a shipment with a provider from the provider list', async () => {
    const orderId = await placed('PO-UI-SHIP');
    expect((await reviewer.post(`/orders/${orderId}/contract-review`, { decision: 'APPROVE' })).status).toBe(
      202,
    );
    await orderWhen(desk, orderId, (o) => expect(o.status).toBe('RELEASED'));
    await openOrder(orderId);
    await waitForStatus(page, 'RELEASED');
    await page.getByTestId('action-plan-shipment').click();
    const shipModal = page.getByTestId('plan-shipment-modal');
    // Both serve Beijing: the first of them is proposed.
    await shipModal.locator('.ant-select-selection-item').getByText('lp-jd 京东物流 JD Logistics').waitFor();
    await shipModal.locator('.ant-select-selector', { has: page.locator('#providerId') }).click();
    const options = page.locator(
      '.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option',
    );
    await options.first().waitFor();
    expect(await options.allInnerTexts()).toEqual([
      'lp-jd 京东物流 JD Logistics',
      'lp-sf 顺丰速运 SF Express',
    ]);
    await screenshotViewport(page, 'actions-07-plan-shipment-providers-en');
    await options.filter({ hasText: 'lp-sf' }).click();
    await shipModal.locator('.ant-select-selection-item').getByText('lp-sf 顺丰速运 SF Express').waitFor();
    await submitModal(page);
    const shipments = page.getByTestId('order-shipments');
    await shipments.locator('[data-status="PLANNED"]').waitFor();
    expect(await shipments.innerText()).toContain('lp-sf');
  });

  it('shows the invoiced and collected revenue of this month on the account dashboard', async () => {
    const placedOrder = await desk.post(
      '/orders',
      orderBody({ customerPo: 'PO-UI-REVENUE' }, { quantity: 1 }),
    );
    const orderId = placedOrder.body.id as string;
    expect((await reviewer.post(`/orders/${orderId}/contract-review`, { decision: 'APPROVE' })).status).toBe(
      202,
    );
    await orderWhen(desk, orderId, (o) => expect(o.status).toBe('RELEASED'));
    const planned = await desk.post(`/orders/${orderId}/shipments`, {
      providerId: 'lp-sf',
      plannedDate: futureDate(3),
      lines: [{ lineId: 'L1', quantity: 1 }],
    });
    expect(planned.status).toBe(201);
    const logistics = await product.login('logistics');
    await deliver(logistics, planned.body.id);
    await signReceipt(logistics, planned.body.id, units('PO-UI-REVENUE', 'L1', 1), 5);
    const order = await orderWhen(desk, orderId, (o) => expect(o.invoices).toHaveLength(1));
    const invoice = order.invoices[0] as { id: string; amount: { amount: number } };
    const finance = await product.login('finance');
    const paid = await finance.post(`/invoices/${invoice.id}/payments`, {
      amount: { amount: 100_000, currency: 'CNY' },
      receivedAt: new Date().toISOString(),
      reference: 'BANK-UI-REVENUE',
    });
    expect(paid.status).toBe(201);
    await settled(product);

    await logout(page);
    await loginAs(page, product.baseUrl, 'manager');
    await page.goto(`${product.baseUrl}/accounts/acc-sgcc`);
    const card = page.getByTestId('revenue-trend');
    await card.getByText('Revenue, last 12 months').waitFor();
    const yuan = (fen: number) =>
      new Intl.NumberFormat('en', { style: 'currency', currency: 'CNY' }).format(fen / 100);
    await card
      .getByTestId('revenue-totals')
      .getByText(`Invoiced ${yuan(invoice.amount.amount)} · Collected ${yuan(100_000)}`)
      .waitFor();
    const groups = card.locator('.columns-group');
    expect(await groups.count()).toBe(12);
    const month = new Date().toISOString().slice(0, 7);
    expect(await groups.last().getAttribute('data-key')).toBe(month);
    expect(await groups.last().locator('.columns-col').count()).toBe(2);
    await groups.last().hover();
    const tip = page.locator('.ant-tooltip:not(.ant-tooltip-hidden)').filter({ hasText: month });
    await tip.waitFor();
    expect(await tip.innerText()).toContain(`Collected: ${yuan(100_000)}`);
    await screenshot(page, 'actions-08-account-revenue-en');
  });
});
