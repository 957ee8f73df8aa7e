import { type RecordedEvent } from '@kamflow/eventsourcing';
import { orderDecider, type OrderEvent, type OrderState } from '@kamflow/ordering';
import { money } from '@kamflow/shared-kernel';
import { fulfilmentKeyOf, reactToFulfilmentEvent } from './fulfilment.process';
import { type FulfilmentPorts } from './reaction';

const account = {
  accountId: 'acc-1',
  name: 'Acme',
  tier: 'CORE' as const,
  region: 'Beijing',
  serviceModel: 'DIRECT' as const,
  accountManager: 'manager',
};
const address = { region: 'Beijing', city: 'Beijing', address: 'x', contact: 'y', phone: 'z' };
const line = {
  lineId: 'L1',
  modelId: 'TC-1',
  optionIds: ['CPU-1'],
  quantity: 3,
  requestedDate: '2026-12-21',
  deliveryAddress: address,
  configurationRound: 1,
};

let position = 0;
function recorded(streamId: string, type: string, data: unknown, streamRevision = 0): RecordedEvent {
  position++;
  return {
    eventId: `00000000-0000-0000-0000-${String(position).padStart(12, '0')}`,
    type,
    schemaVersion: 1,
    streamId,
    streamRevision,
    globalPosition: position,
    occurredAt: '2026-11-26T08:00:00.000Z',
    data,
    metadata: { correlationId: 'corr-1' },
  };
}

/** The order stream the process would read, as events. */
function portsWith(orderEvents: OrderEvent[]): FulfilmentPorts {
  return {
    acceptanceOverdueDays: 3,
    orderAt: async (_id, revision) => {
      const upTo = revision === undefined ? orderEvents : orderEvents.slice(0, revision + 1);
      return upTo.reduce<OrderState>((s, e) => orderDecider.evolve(s, e), orderDecider.initialState());
    },
  };
}

const placed: OrderEvent = {
  type: 'OrderPlaced',
  data: {
    orderId: 'SO-1',
    account,
    channel: 'DIRECT',
    signedBy: { kind: 'ORDER_DESK', name: 'Zhang' },
    customerPo: 'PO',
    lines: [line],
    placedBy: 'user:desk',
    placedAt: '2026-11-26T08:00:00.000Z',
  },
};
const configured: OrderEvent = {
  type: 'OrderLineConfigured',
  data: {
    orderId: 'SO-1',
    lineId: 'L1',
    configurationRound: 1,
    catalogVersion: '1',
    unitPrice: money(100_00),
    lineTotal: money(300_00),
    leadTimeDays: 5,
  },
};

describe('the fulfilment process on a placed order', () => {
  it('asks the configuration context to validate every line, naming its round', async () => {
    const r = await reactToFulfilmentEvent(
      recorded('order-SO-1', 'OrderPlaced', placed.data),
      portsWith([placed]),
    );
    expect(r.commands.map((c) => c.command)).toEqual([
      {
        type: 'ValidateLineConfiguration',
        data: expect.objectContaining({
          orderId: 'SO-1',
          lineId: 'L1',
          region: 'Beijing',
          tier: 'CORE',
          configurationRound: 1,
        }),
      },
    ]);
  });

  it('gives each command a key derived from the causing event, so a replay repeats the same ids', async () => {
    const event = recorded('order-SO-1', 'OrderPlaced', placed.data);
    const once = await reactToFulfilmentEvent(event, portsWith([placed]));
    const again = await reactToFulfilmentEvent(event, portsWith([placed]));
    expect(again.commands.map((c) => c.key)).toEqual(once.commands.map((c) => c.key));
    expect(once.commands[0].key).toContain(event.eventId);
  });
});

describe('the fulfilment process once every line is priced', () => {
  it('starts the credit review on the order total', async () => {
    const r = await reactToFulfilmentEvent(
      recorded('order-SO-1', 'OrderLineConfigured', configured.data, 1),
      portsWith([placed, configured]),
    );
    expect(r.commands.map((c) => c.command)).toEqual([
      { type: 'ReviewOrderCredit', data: { accountId: 'acc-1', orderId: 'SO-1', amount: money(300_00) } },
    ]);
  });

  it('records a credit hold decided on the account onto the order', async () => {
    const r = await reactToFulfilmentEvent(
      recorded('creditAccount-acc-1', 'OrderCreditHeld', {
        accountId: 'acc-1',
        orderId: 'SO-1',
        amount: money(300_00),
        reasons: ['GRADE_C'],
        snapshot: { grade: 'C' },
      }),
      portsWith([placed, configured]),
    );
    expect(r.commands[0].command).toEqual({
      type: 'RecordCreditDecision',
      data: {
        orderId: 'SO-1',
        outcome: 'HELD',
        amount: money(300_00),
        snapshot: { grade: 'C' },
        reason: 'GRADE_C',
      },
    });
  });
});

describe('the fulfilment process on release conditions', () => {
  const approved: OrderEvent = {
    type: 'ContractApproved',
    data: { orderId: 'SO-1', reviewer: 'user:reviewer', reviewedAt: '2026-11-26T09:00:00.000Z' },
  };
  const credit: OrderEvent = {
    type: 'OrderCreditApproved',
    data: { orderId: 'SO-1', amount: money(300_00), snapshot: {}, decidedAt: '2026-11-26T09:00:00.000Z' },
  };

  it('releases the order when the last of the three reviews passes', async () => {
    const r = await reactToFulfilmentEvent(
      recorded('order-SO-1', 'OrderCreditApproved', credit.data, 3),
      portsWith([placed, configured, approved, credit]),
    );
    expect(r.commands.map((c) => c.command)).toEqual([{ type: 'ReleaseOrder', data: { orderId: 'SO-1' } }]);
  });

  it('waits while the contract review is still open', async () => {
    const r = await reactToFulfilmentEvent(
      recorded('order-SO-1', 'OrderCreditApproved', credit.data, 2),
      portsWith([placed, configured, credit]),
    );
    expect(r.commands).toEqual([]);
  });
});

describe('the fulfilment process on cancellation', () => {
  it('withdraws the credit reservation and cancels the planned shipments', async () => {
    const cancelled = {
      orderId: 'SO-1',
      reason: 'budget',
      plannedShipmentIds: ['SH-1', 'SH-2'],
      creditReserved: true,
      cancelledBy: 'user:desk',
      cancelledAt: '2026-11-26T10:00:00.000Z',
    };
    const r = await reactToFulfilmentEvent(
      recorded('order-SO-1', 'OrderCancelled', cancelled, 1),
      portsWith([placed, { type: 'OrderCancelled', data: cancelled }]),
    );
    expect(r.commands.map((c) => c.command.type)).toEqual([
      'WithdrawOrderCredit',
      'CancelShipment',
      'CancelShipment',
    ]);
    expect(r.commands[1].command.data).toEqual({ shipmentId: 'SH-1', reason: 'Order cancelled' });
  });
});

describe('the fulfilment process on delivery and acceptance', () => {
  it('opens the inspection and sets the acceptance deadline when a shipment is delivered', async () => {
    const delivered = {
      shipmentId: 'SH-1',
      orderId: 'SO-1',
      accountId: 'acc-1',
      providerId: 'lp-1',
      lines: [{ lineId: 'L1', modelId: 'TC-1', quantity: 2 }],
      deliveredAt: '2026-11-26T10:00:00.000Z',
    };
    const r = await reactToFulfilmentEvent(
      recorded('shipment-SH-1', 'ShipmentDelivered', delivered, 5),
      portsWith([placed]),
    );
    expect(r.commands.map((c) => c.command.type)).toEqual(['OpenInspection', 'TrackDelivery']);
    expect(r.timers).toEqual([
      {
        timerId: 'acceptance-overdue:SH-1',
        dueAt: '2026-11-29T10:00:00.000Z',
        command: { type: 'CheckAcceptanceOverdue', data: { orderId: 'SO-1', shipmentId: 'SH-1' } },
      },
    ]);
  });

  it('invoices the accepted units at the order’s price and accrues the provider’s fee', async () => {
    const signed = {
      shipmentId: 'SH-1',
      receiptId: 'RC-1',
      orderId: 'SO-1',
      accountId: 'acc-1',
      providerId: 'lp-1',
      signatory: 'Li',
      signedAt: '2026-11-27T10:00:00.000Z',
      satisfaction: 5,
      units: [],
      lines: [{ lineId: 'L1', modelId: 'TC-1', delivered: 2, accepted: 1, rejected: 1 }],
      acceptedUnits: 1,
      rejectedUnits: 1,
    };
    const r = await reactToFulfilmentEvent(
      recorded('acceptance-SH-1', 'AcceptanceReceiptSigned', signed),
      portsWith([placed, configured]),
    );
    const byType = Object.fromEntries(r.commands.map((c) => [c.command.type, c.command.data]));
    expect(Object.keys(byType)).toEqual([
      'RecordAcceptance',
      'TrackAcceptanceSigned',
      'AccrueProviderFee',
      'IssueInvoice',
    ]);
    expect(byType.IssueInvoice).toMatchObject({
      invoiceId: 'INV-SH-1',
      lines: [{ lineId: 'L1', quantity: 1, unitPrice: money(100_00) }],
      channel: 'DIRECT',
    });
    expect(byType.AccrueProviderFee).toMatchObject({
      jobId: 'SH-1',
      units: 2,
      deliveredUnits: 2,
      satisfaction: 5,
    });
  });

  it('plans a replacement shipment for rejected units', async () => {
    const r = await reactToFulfilmentEvent(
      recorded('acceptance-SH-1', 'ReplacementRequested', {
        shipmentId: 'SH-1',
        orderId: 'SO-1',
        lines: [{ lineId: 'L1', modelId: 'TC-1', quantity: 1 }],
      }),
      portsWith([placed]),
    );
    expect(r.commands[0].command).toEqual({
      type: 'PlanReplacementShipment',
      data: {
        orderId: 'SO-1',
        shipmentId: 'SH-1-R',
        replacesShipmentId: 'SH-1',
        lines: [{ lineId: 'L1', quantity: 1 }],
      },
    });
  });
});

describe('the fulfilment process on invoices', () => {
  it('opens the receivable, records the invoice on the order and schedules every dunning level', async () => {
    const issued = {
      invoiceId: 'INV-SH-1',
      orderId: 'SO-1',
      accountId: 'acc-1',
      shipmentId: 'SH-1',
      amount: money(100_00),
      dueDate: '2026-12-27',
    };
    const r = await reactToFulfilmentEvent(
      recorded('invoice-INV-SH-1', 'InvoiceIssued', issued),
      portsWith([placed]),
    );
    expect(r.commands.map((c) => c.command.type)).toEqual(['RecordInvoiceIssued', 'OpenReceivable']);
    expect(r.timers.map((t) => [t.timerId, t.dueAt])).toEqual([
      ['dunning:INV-SH-1:1', '2026-12-28T00:00:00.000Z'],
      ['dunning:INV-SH-1:2', '2027-01-11T00:00:00.000Z'],
      ['dunning:INV-SH-1:3', '2027-01-26T00:00:00.000Z'],
      ['dunning:INV-SH-1:4', '2027-02-25T00:00:00.000Z'],
    ]);
  });

  it('applies a payment to the account’s receivable', async () => {
    const r = await reactToFulfilmentEvent(
      recorded('invoice-INV-1', 'PaymentRecorded', {
        invoiceId: 'INV-1',
        accountId: 'acc-1',
        amount: money(50_00),
        receivedAt: '2026-12-01T00:00:00.000Z',
      }),
      portsWith([placed]),
    );
    expect(r.commands[0].command).toEqual({
      type: 'RecordReceivablePayment',
      data: {
        accountId: 'acc-1',
        invoiceId: 'INV-1',
        amount: money(50_00),
        receivedAt: '2026-12-01T00:00:00.000Z',
      },
    });
  });

  it('keys events by order, whatever stream they are on, so one order is handled in log order', () => {
    expect(fulfilmentKeyOf(recorded('order-SO-1', 'OrderCompleted', {}))).toBe('order:SO-1');
    expect(fulfilmentKeyOf(recorded('shipment-SH-1', 'ShipmentDelivered', { orderId: 'SO-1' }))).toBe(
      'order:SO-1',
    );
    expect(fulfilmentKeyOf(recorded('creditAccount-acc-1', 'OrderCreditHeld', { orderId: 'SO-1' }))).toBe(
      'order:SO-1',
    );
    expect(fulfilmentKeyOf(recorded('invoice-INV-2', 'InvoicePaid', { orderId: 'SO-2' }))).toBe('order:SO-2');
    expect(
      fulfilmentKeyOf(recorded('creditAccount-acc-1', 'CreditTermsChanged', { accountId: 'acc-1' })),
    ).toBe('creditAccount-acc-1');
  });
});
