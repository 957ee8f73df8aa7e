import { commerceSources, financeSources as s, recorded } from './contracts.fixtures';
import { mapToPublic, routeOf, validatePublicEvent } from './public-events';

describe('public finance events', () => {
  it('publishes every invoice to finance, with its channel and collecting provider', () => {
    const direct = mapToPublic(commerceSources.invoiceIssued(null));
    expect(direct).toEqual([
      expect.objectContaining({
        type: 'finance.invoice-issued.v1',
        subject: 'inv-1',
        data: expect.objectContaining({ channel: 'DIRECT', commerceProviderId: null }),
      }),
    ]);
    expect(direct[0].partner).toBeUndefined();
    const viaProvider = mapToPublic(commerceSources.invoiceIssued()).find(
      (e) => e.type === 'finance.invoice-issued.v1',
    );
    expect(viaProvider?.data).toMatchObject({
      channel: 'COMMERCE_PROVIDER',
      commerceProviderId: 'cp-digital',
    });
  });

  it('keys finance events by the invoice so one invoice stays in order', () => {
    const [payment] = mapToPublic(s.paymentRecorded());
    expect(routeOf(payment)).toEqual({
      audience: 'finance',
      topic: 'kamflow.public.finance.v1',
      key: 'inv-1',
    });
    expect(payment.data).toMatchObject({
      paymentId: 'pay-1',
      outstanding: { amount: 300_000, currency: 'CNY' },
    });
  });

  it('publishes a provider fee with its satisfaction factor', () => {
    expect(mapToPublic(s.feeAccrued())[0]).toMatchObject({
      type: 'finance.provider-fee-accrued.v1',
      data: {
        providerId: 'lp-sf',
        jobId: 'shp-1',
        month: '2026-12',
        factorBp: 11_000,
        fee: { amount: 26_400 },
      },
    });
  });

  it.each([
    ['creditApproved', 'APPROVED', true, null],
    ['creditHeld', 'HELD', true, null],
    ['creditAwaitingSecond', 'AWAITING_SECOND_SIGNATURE', false, 'user:analyst'],
    ['creditReleased', 'RELEASED', false, 'user:analyst'],
    ['creditRejected', 'REJECTED', false, 'user:analyst'],
  ] as const)(
    'publishes %s as a %s credit decision with its snapshot',
    (source, decision, automatic, decidedBy) => {
      const [event, ...rest] = mapToPublic(s[source]());
      expect(rest).toEqual([]);
      expect(event).toMatchObject({
        type: 'finance.credit-decision.v1',
        subject: 'ord-1',
        data: {
          decision,
          automatic,
          decidedBy,
          orderAmount: { amount: 6_000_000, currency: 'CNY' },
          snapshot: { grade: 'B', utilisationBp: 9_000, policyVersion: 'credit-policy-1' },
        },
      });
    },
  );

  it('gives the hold reasons of a held order', () => {
    expect(mapToPublic(s.creditHeld())[0].data).toMatchObject({ holdReasons: ['OVER_80_PERCENT'] });
  });

  it("does not publish the ordering context's copy of a credit decision a second time", () => {
    const copy = recorded('OrderCreditApproved', 'order-ord-1', {
      orderId: 'ord-1',
      amount: { amount: 6_000_000, currency: 'CNY' },
      snapshot: {},
      decidedAt: '2026-12-01T09:00:00.000Z',
    });
    expect(mapToPublic(copy)).toEqual([]);
  });

  it('produces only events that validate against their JSON Schema', () => {
    const events = [
      ...Object.values(s).flatMap((make) => mapToPublic(make())),
      ...mapToPublic(commerceSources.invoiceIssued()),
    ];
    expect(events.filter((e) => e.type.startsWith('finance.'))).toHaveLength(8);
    for (const event of events) expect(validatePublicEvent(event)).toEqual([]);
  });
});
