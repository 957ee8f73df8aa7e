import { commerceSources as s } from './contracts.fixtures';
import { mapToPublic, validatePublicEvent } from './public-events';

const commerce = (events: ReturnType<typeof mapToPublic>) =>
  events.filter((e) => e.type.startsWith('commerce.'));

describe('public commerce events', () => {
  describe('an order of an account a commerce provider serves', () => {
    const events = mapToPublic(s.orderPlaced());

    it('is sent to that provider with the configured lines', () => {
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        type: 'commerce.order-placed.v1',
        subject: 'ord-1',
        partner: 'cp-digital',
        data: {
          accountId: 'acc-1',
          accountName: 'Beijing Finance Bureau',
          channel: 'COMMERCE_PROVIDER',
          customerPo: 'PO-2026-001',
          lines: [{ lineId: 'L1', modelId: 'thinkpad-t14', optionIds: ['cpu-i7', 'ram-32'], quantity: 3 }],
        },
      });
    });
    it('does not leak internal fields such as the configuration round', () => {
      expect(JSON.stringify(events[0])).not.toContain('configurationRound');
      expect(validatePublicEvent(events[0])).toEqual([]);
    });
  });

  it('publishes nothing to commerce providers for a direct account', () => {
    expect(mapToPublic(s.orderPlaced(null))).toEqual([]);
    expect(commerce(mapToPublic(s.invoiceIssued(null)))).toEqual([]);
    expect(commerce(mapToPublic(s.invoiceOverdue(null)))).toEqual([]);
  });

  it('sends an invoice the provider collects to the provider, with money in minor units', () => {
    const [event] = commerce(mapToPublic(s.invoiceIssued()));
    expect(event).toMatchObject({
      type: 'commerce.invoice-issued.v1',
      subject: 'inv-1',
      partner: 'cp-digital',
      data: { amount: { amount: 1_300_000, currency: 'CNY' }, dueDate: '2027-01-15', receiptId: 'RC-1' },
    });
  });

  it('tells the provider an invoice is paid when billing names the provider', () => {
    expect(mapToPublic(s.invoicePaid('cp-digital'))).toEqual([
      expect.objectContaining({ type: 'commerce.invoice-paid.v1', partner: 'cp-digital' }),
    ]);
    expect(mapToPublic(s.invoicePaid())).toEqual([]);
  });

  it('passes dunning of a provider-collected invoice to the provider', () => {
    expect(mapToPublic(s.invoiceOverdue())[0]).toMatchObject({
      type: 'commerce.invoice-overdue.v1',
      partner: 'cp-digital',
      data: { daysOverdue: 8, dunningLevel: 1, outstanding: { amount: 300_000, currency: 'CNY' } },
    });
  });

  it('produces only events that validate against their JSON Schema', () => {
    const events = [
      ...mapToPublic(s.orderPlaced()),
      ...mapToPublic(s.invoiceIssued()),
      ...mapToPublic(s.invoicePaid('cp-digital')),
      ...mapToPublic(s.invoiceOverdue()),
    ];
    expect(commerce(events)).toHaveLength(4);
    for (const event of events) expect(validatePublicEvent(event)).toEqual([]);
  });
});
