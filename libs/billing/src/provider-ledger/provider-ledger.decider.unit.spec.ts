import { type Actor, DeciderSpecification } from '@kamflow/eventsourcing';
import { money } from '@kamflow/shared-kernel';
import { type AccrueProviderFee } from './provider-ledger.commands';
import { providerLedgerDecider, providerLedgerStreamId } from './provider-ledger.decider';

const spec = DeciderSpecification.for(providerLedgerDecider);
const system: Actor = { id: 'system:fulfilment', roles: ['system'] };
const accrue = (over: Partial<AccrueProviderFee['data']> = {}, actor = system): AccrueProviderFee => ({
  type: 'AccrueProviderFee',
  data: {
    providerId: 'lp-sf',
    jobId: 'shp-1',
    orderId: 'ord-1',
    units: 3,
    deliveredUnits: 3,
    satisfaction: 4,
    // 12.50 yuan delivery + 8.35 yuan inspection per unit.
    terms: { deliveryFeePerUnit: money(1_250), inspectionFeePerUnit: money(835) },
    accruedAt: '2026-03-31T15:00:00.000Z',
    ...over,
  },
  metadata: { now: '2026-03-31T15:00:00.000Z', actor },
});

describe("accruing a logistics provider's fee for a job", () => {
  it('pays delivery plus inspection per unit at 100 % for a satisfaction of 4', () => {
    spec
      .given([])
      .when(accrue())
      .then([
        {
          type: 'ProviderFeeAccrued',
          data: {
            providerId: 'lp-sf',
            jobId: 'shp-1',
            orderId: 'ord-1',
            month: '2026-03',
            units: 3,
            deliveredUnits: 3,
            satisfaction: 4,
            deliveryFee: money(3_750),
            inspectionFee: money(2_505),
            baseFee: money(6_255),
            factorBp: 10_000,
            fee: money(6_255),
            accruedAt: '2026-03-31T15:00:00.000Z',
          },
        },
      ]);
    expect(providerLedgerStreamId('lp-sf')).toBe('providerLedger-lp-sf');
  });

  it.each([
    [5, 11_000, 6_881], // 6 880.5 rounds half up to whole fen
    [3, 9_000, 5_630], // 5 629.5
    [2, 8_000, 5_004],
    [1, 7_000, 4_379], // 4 378.5
  ])('scales the fee by satisfaction %s (factor %s bp) to %s fen', (satisfaction, factorBp, fee) => {
    spec
      .given([])
      .when(accrue({ satisfaction }))
      .thenMatches((events) => expect(events[0].data).toMatchObject({ factorBp, fee: money(fee) }));
  });

  it('pays delivery for every delivered unit and inspection for every inspected unit', () => {
    spec
      .given([])
      .when(accrue({ units: 2, deliveredUnits: 3 }))
      .thenMatches((events) => expect(events[0].data).toMatchObject({ baseFee: money(3 * 1_250 + 2 * 835) }));
  });

  it('books the job in the month it was accrued (UTC)', () => {
    spec
      .given([])
      .when(accrue({ accruedAt: '2026-04-01T08:00:00+08:00' }))
      .thenMatches((events) => expect(events[0].data).toMatchObject({ month: '2026-04' }));
  });

  it('accrues a job once, however often the signed receipt is redelivered', () => {
    const first = providerLedgerDecider.decide(accrue(), providerLedgerDecider.initialState());
    spec
      .given(first)
      .when(accrue({ satisfaction: 5 }))
      .thenNothing();
    spec
      .given(first)
      .when(accrue({ jobId: 'shp-2' }))
      .thenMatches((events, after) => {
        expect(events).toHaveLength(1);
        expect(after.status === 'ACTIVE' && Object.keys(after.jobs)).toEqual(['shp-1', 'shp-2']);
      });
  });

  it.each([0, 6, 3.5])('refuses a satisfaction of %s', (satisfaction) => {
    spec.given([]).when(accrue({ satisfaction })).thenThrows('BILLING.INVALID_ACCRUAL');
  });

  it('refuses more inspected units than delivered', () => {
    spec
      .given([])
      .when(accrue({ units: 4, deliveredUnits: 3 }))
      .thenThrows('BILLING.INVALID_ACCRUAL');
  });

  it('refuses fee terms in two currencies', () => {
    spec
      .given([])
      .when(accrue({ terms: { deliveryFeePerUnit: money(1), inspectionFeePerUnit: money(1, 'USD') } }))
      .thenThrows('BILLING.CURRENCY_MISMATCH');
  });

  it('is accrued by the fulfilment process only', () => {
    spec
      .given([])
      .when(accrue({}, { id: 'provider:lp-sf', roles: ['logistics-provider'], providerId: 'lp-sf' }))
      .thenThrows('BILLING.FORBIDDEN');
  });
});
