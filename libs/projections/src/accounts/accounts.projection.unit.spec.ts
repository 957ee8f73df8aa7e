import { projectEvents } from '../apply';
import { accountFinanceCredit, accountFinanceMasterData } from '../testing/account-finance-scenario';
import { deskScenario } from '../testing/desk-scenario';
import { deskScenarioClosing } from '../testing/desk-scenario-closing';
import { recordScenario } from '../testing/record-scenario';
import { type AccountOrderRow, type AccountRow } from './account-rows';
import { accountsProjection } from './accounts.projection';

const byId = <R>(rows: unknown[], id: string) => (rows as (R & { id: string })[]).find((r) => r.id === id);
const credit = accountFinanceCredit();
const creditUntilInvoiced = credit.slice(0, 4);

describe('the accounts projection', () => {
  describe('given two registered accounts, a held and released order invoiced on acc-1, and a held one', () => {
    const events = recordScenario([
      ...accountFinanceMasterData(),
      ...deskScenario(),
      ...deskScenarioClosing(),
      ...creditUntilInvoiced,
    ]);
    const tables = projectEvents(accountsProjection, events);

    it('keeps the profile and the credit numbers of the credit account', () => {
      const acc1 = byId<AccountRow>(tables.rm_accounts, 'acc-1')!;
      expect(acc1).toMatchObject({
        name: '中国银行北京分行',
        tier: 'STRATEGIC',
        account_manager: 'manager',
        grade: 'C',
        limit_amount: 1_000_000,
        reserved_amount: 0,
        receivable_amount: 200_000,
        exposure_amount: 200_000,
        utilisation_bp: 2_000,
      });
      expect(Object.keys(acc1.credit!.reviews)).toEqual(['SO-3']);
    });

    it('shows an account whose credit account is not open yet with its registered terms', () => {
      expect(byId<AccountRow>(tables.rm_accounts, 'acc-2')).toMatchObject({
        name: '国家电网',
        account_manager: 'other',
        grade: 'C',
        limit_amount: 1_000_000,
        exposure_amount: 0,
        utilisation_bp: 0,
        credit: null,
      });
    });

    it('keeps each order with its status, since when it has been in it, and its promised vs requested dates', () => {
      const so1 = byId<AccountOrderRow>(tables.rm_account_orders, 'SO-1')!;
      expect(so1).toMatchObject({
        account_id: 'acc-1',
        status: 'IN_FULFILMENT',
        status_since: '2026-12-02T10:00:01.000Z',
        lines: [{ lineId: 'L1', requestedDate: '2026-12-01', promisedDate: '2026-12-01', slipping: false }],
        slipping: false,
      });
      expect(byId<AccountOrderRow>(tables.rm_account_orders, 'SO-3')).toMatchObject({
        status: 'CREDIT_HOLD',
        status_since: '2026-11-28T09:00:05.000Z',
      });
    });

    it('records a timeline of the events concerning each account with actor and order', () => {
      const acc1 = (
        tables.rm_account_activity as unknown as {
          account_id: string;
          type: string;
          order_id: string | null;
        }[]
      ).filter((a) => a.account_id === 'acc-1');
      expect(acc1[0]).toMatchObject({ type: 'KeyAccountRegistered', order_id: null });
      expect(acc1.map((a) => a.type)).toEqual(
        expect.arrayContaining([
          'OrderPlaced',
          'ShipmentDelivered',
          'AcceptanceReceiptSigned',
          'InvoiceIssued',
          'CreditAccountOpened',
        ]),
      );
      // Credit decisions appear once (from the order stream), not again from the credit account.
      expect(acc1.filter((a) => a.type === 'OrderCreditHeld')).toHaveLength(2);
      expect(acc1.map((a) => a.type)).not.toContain('ReceivableOpened');
      expect(
        (tables.rm_account_activity as unknown as { account_id: string }[]).filter(
          (a) => a.account_id === 'acc-2',
        ),
      ).toHaveLength(3);
    });
  });

  it('flags an order whose promised date is later than requested as slipping', () => {
    const placed = deskScenario()[0];
    const events = recordScenario([
      placed,
      {
        streamId: 'order-SO-1',
        type: 'OrderReleased',
        occurredAt: '2026-11-26T11:00:01.000Z',
        data: {
          orderId: 'SO-1',
          total: { amount: 200_000, currency: 'CNY' },
          supplyCommitment: [
            { lineId: 'L1', leadTimeDays: 9, requestedDate: '2026-12-01', promisedDate: '2026-12-09' },
          ],
          releasedAt: '2026-11-26T11:00:01.000Z',
        },
      },
    ]);
    const row = projectEvents(accountsProjection, events).rm_account_orders[0] as AccountOrderRow;
    expect(row.slipping).toBe(true);
    expect(row.lines[0]).toMatchObject({ promisedDate: '2026-12-09', slipping: true });
  });

  it('drops the paid receivable from the working credit state once it is settled', () => {
    const events = recordScenario([
      ...accountFinanceMasterData(),
      ...deskScenario(),
      ...deskScenarioClosing(),
      ...credit,
    ]);
    const acc1 = projectEvents(accountsProjection, events).rm_accounts.find(
      (r) => r.id === 'acc-1',
    ) as AccountRow;
    expect(acc1).toMatchObject({ receivable_amount: 0, exposure_amount: 0, utilisation_bp: 0 });
    expect(acc1.credit!.receivables).toEqual({});
  });
});
