import { projectEvents } from '../apply';
import { accountFinanceCredit, accountFinanceMasterData } from '../testing/account-finance-scenario';
import { deskScenario } from '../testing/desk-scenario';
import { deskScenarioClosing } from '../testing/desk-scenario-closing';
import { recordScenario } from '../testing/record-scenario';
import { financeProjection } from './finance.projection';

describe('the finance projection', () => {
  const closing = deskScenarioClosing();
  const events = (upToPayment: boolean) =>
    recordScenario([
      ...accountFinanceMasterData(),
      ...deskScenario(),
      ...(upToPayment ? closing : closing.slice(0, 5)),
      ...accountFinanceCredit(),
    ]);

  it('keeps an issued invoice open with its whole amount outstanding and its due date', () => {
    expect(projectEvents(financeProjection, events(false)).rm_fin_invoices).toEqual([
      expect.objectContaining({
        id: 'INV-1',
        account_id: 'acc-1',
        order_id: 'SO-1',
        status: 'OPEN',
        amount: 200_000,
        outstanding: 200_000,
        due_date: '2027-01-06',
        issued_at: '2026-12-07T10:00:00.000Z',
        paid_at: null,
      }),
    ]);
  });

  it('records the payment and marks the invoice paid', () => {
    const tables = projectEvents(financeProjection, events(true));
    expect(tables.rm_fin_invoices[0]).toMatchObject({
      status: 'PAID',
      outstanding: 0,
      paid_at: '2026-12-20T10:00:00.000Z',
    });
    expect(tables.rm_fin_payments).toEqual([
      {
        id: 'PAY-1',
        invoice_id: 'INV-1',
        order_id: 'SO-1',
        account_id: 'acc-1',
        amount: 200_000,
        currency: 'CNY',
        received_at: '2026-12-20T10:00:00.000Z',
        reference: 'BANK-1',
      },
    ]);
  });

  it('sums the provider fee accruals of a month into one statement row, and knows the provider', () => {
    const tables = projectEvents(financeProjection, events(true));
    expect(tables.rm_fin_provider_months).toEqual([
      expect.objectContaining({
        id: 'lp-sf|2026-12',
        provider_id: 'lp-sf',
        month: '2026-12',
        jobs: 2,
        units: 3,
        satisfaction_sum: 8,
        fee: 5_000,
      }),
    ]);
    expect(tables.rm_fin_providers).toEqual([
      expect.objectContaining({ id: 'lp-sf', name: '顺丰供应链', kind: 'LOGISTICS' }),
    ]);
  });

  it('ignores a payment for an invoice it never saw issued', () => {
    const tables = projectEvents(financeProjection, recordScenario(closing.slice(5)));
    expect(tables.rm_fin_invoices).toEqual([]);
    expect(tables.rm_fin_payments).toEqual([]);
  });
});
