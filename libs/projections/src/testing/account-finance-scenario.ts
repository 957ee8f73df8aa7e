import { type ScenarioEvent } from './desk-scenario';

const cny = (amount: number) => ({ amount, currency: 'CNY' });
const snapshot = { grade: 'C', limit: cny(1_000_000), exposure: cny(0), policyVersion: '2026-1' };

/**
 * Master data and the credit side of the desk scenario: acc-1 (manager `manager`, limit 1 000 000 fen)
 * with SO-1 held, released, invoiced (INV-1) and paid, and SO-3 held; acc-2 (manager `other`);
 * provider lp-sf registered and paid two fees in 2026-12. Interleave it with `deskScenario()`.
 */
export function accountFinanceMasterData(): ScenarioEvent[] {
  const at = '2026-11-01T08:00:00.000Z';
  const registered = (accountId: string, name: string, accountManager: string, tier: string) => ({
    streamId: `account-${accountId}`,
    type: 'KeyAccountRegistered',
    occurredAt: at,
    data: {
      accountId,
      name,
      industry: 'finance',
      tier,
      region: 'north',
      accountManager,
      agents: [],
      serviceModel: 'DIRECT',
      credit: { grade: 'C', limit: cny(1_000_000), paymentTermsDays: 30 },
    },
  });
  return [
    registered('acc-1', '中国银行北京分行', 'manager', 'STRATEGIC'),
    registered('acc-2', '国家电网', 'other', 'CORE'),
    {
      streamId: 'creditAccount-acc-1',
      type: 'CreditAccountOpened',
      occurredAt: at,
      data: { accountId: 'acc-1', grade: 'C', limit: cny(1_000_000), paymentTermsDays: 30 },
    },
    {
      streamId: 'provider-lp-sf',
      type: 'ProviderRegistered',
      occurredAt: at,
      data: { providerId: 'lp-sf', kind: 'LOGISTICS', name: '顺丰供应链', fees: {}, regions: [] },
    },
  ];
}

/** The credit account and provider ledger of acc-1 after the desk day and its closing. */
export function accountFinanceCredit(): ScenarioEvent[] {
  const c = (type: string, data: Record<string, unknown>, at: string): ScenarioEvent => ({
    streamId: 'creditAccount-acc-1',
    type,
    occurredAt: at,
    data: { accountId: 'acc-1', ...data },
  });
  const fee = (
    jobId: string,
    units: number,
    satisfaction: number,
    amount: number,
    at: string,
  ): ScenarioEvent => ({
    streamId: 'providerLedger-lp-sf',
    type: 'ProviderFeeAccrued',
    occurredAt: at,
    data: {
      providerId: 'lp-sf',
      jobId,
      orderId: 'SO-1',
      month: at.slice(0, 7),
      units,
      deliveredUnits: units,
      satisfaction,
      deliveryFee: cny(amount / 2),
      inspectionFee: cny(amount / 2),
      baseFee: cny(amount),
      factorBp: 10_000,
      fee: cny(amount),
      accruedAt: at,
    },
  });
  const held = { amount: cny(200_000), reasons: ['GRADE_C'], snapshot };
  return [
    c(
      'OrderCreditHeld',
      { orderId: 'SO-1', ...held, heldAt: '2026-11-26T10:00:02.000Z' },
      '2026-11-26T10:00:02.000Z',
    ),
    c(
      'OrderCreditReleased',
      { orderId: 'SO-1', amount: cny(200_000), reason: 'ok', releasedBy: 'user:analyst', snapshot },
      '2026-11-26T11:00:00.000Z',
    ),
    c(
      'OrderCreditHeld',
      { orderId: 'SO-3', ...held, heldAt: '2026-11-28T09:00:05.000Z' },
      '2026-11-28T09:00:05.000Z',
    ),
    c(
      'ReceivableOpened',
      {
        invoiceId: 'INV-1',
        orderId: 'SO-1',
        amount: cny(200_000),
        dueDate: '2027-01-06',
        reservationReleased: cny(200_000),
      },
      '2026-12-07T10:00:00.000Z',
    ),
    fee('JOB-1', 2, 5, 4_000, '2026-12-07T10:00:00.000Z'),
    fee('JOB-2', 1, 3, 1_000, '2026-12-08T10:00:00.000Z'),
    c(
      'ReceivablePaymentApplied',
      {
        invoiceId: 'INV-1',
        amount: cny(200_000),
        outstanding: cny(0),
        receivedAt: '2026-12-20T10:00:00.000Z',
      },
      '2026-12-20T10:00:00.000Z',
    ),
  ];
}
