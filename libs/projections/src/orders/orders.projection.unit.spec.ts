import { projectEvents } from '../apply';
import { deskScenario } from '../testing/desk-scenario';
import { deskScenarioClosing } from '../testing/desk-scenario-closing';
import { recordScenario } from '../testing/record-scenario';
import { type OrderInvoiceRow, type OrderRow, type OrderShipmentRow } from './order-rows';
import { ordersProjection } from './orders.projection';

const byId = <R>(rows: unknown[], id: string) => (rows as (R & { id: string })[]).find((r) => r.id === id);

describe('the orders projection', () => {
  describe('given a day of orders, a failed and rescheduled delivery and an overdue acceptance', () => {
    const tables = projectEvents(ordersProjection, recordScenario(deskScenario()));

    it('keeps one searchable row per order with status, account, PO, placed date and total', () => {
      expect(tables.rm_orders.map((r) => r.id)).toEqual(['SO-1', 'SO-2', 'SO-3']);
      expect(byId<OrderRow>(tables.rm_orders, 'SO-1')).toMatchObject({
        status: 'IN_FULFILMENT',
        account_id: 'acc-1',
        account_name: '中国银行北京分行',
        account_manager: 'manager',
        customer_po: 'PO-100',
        placed_at: '2026-11-26T09:00:00.000Z',
        total_amount: 200_000,
        currency: 'CNY',
      });
      expect(byId<OrderRow>(tables.rm_orders, 'SO-2')).toMatchObject({
        status: 'UNDER_REVIEW',
        total_amount: null,
      });
      expect(byId<OrderRow>(tables.rm_orders, 'SO-3')).toMatchObject({ status: 'CREDIT_HOLD' });
    });

    it('records the order stream revision for the ETag', () => {
      // SO-1: placed, approved, configured, held, released, released(order), shipment planned, dispatched.
      expect(byId<OrderRow>(tables.rm_orders, 'SO-1')!.revision).toBe(7);
    });

    it('follows the shipment through failure and reschedule to delivery, with the awaited acceptance', () => {
      const row = byId<OrderShipmentRow>(tables.rm_order_shipments, 'SH-1')!;
      expect(row).toMatchObject({
        order_id: 'SO-1',
        provider_id: 'lp-sf',
        status: 'DELIVERED',
        planned_date: '2026-12-02',
        next_step: 'INSPECT_AND_SIGN',
      });
      expect(row.shipment!.pickUpNotes).toEqual(['PU-1']);
      expect(row.shipment!.lastFailure).toEqual({
        from: 'READY_TO_SHIP',
        reason: '车辆故障',
        at: '2026-11-30T09:00:00.000Z',
      });
      expect(row.inspection).toMatchObject({ status: 'OPEN', deliveredAt: '2026-12-03T10:00:00.000Z' });
      expect(row.acceptance).toMatchObject({ acceptanceDueAt: '2026-12-06T10:00:00.000Z', overdue: true });
    });
  });

  describe('when the receipt is signed and the invoice paid', () => {
    const tables = projectEvents(
      ordersProjection,
      recordScenario([...deskScenario(), ...deskScenarioClosing()]),
    );

    it('shows the shipment signed with nothing left for the provider to do', () => {
      const row = byId<OrderShipmentRow>(tables.rm_order_shipments, 'SH-1')!;
      expect(row.next_step).toBe('NONE');
      expect(row.inspection).toMatchObject({
        status: 'SIGNED',
        receipt: { receiptId: 'RC-1', acceptedUnits: 2 },
      });
      expect(row.acceptance).toMatchObject({ overdue: false, signedAt: '2026-12-07T10:00:00.000Z' });
    });

    it('keeps the invoice with its payment and status', () => {
      expect(tables.rm_order_invoices).toEqual([
        expect.objectContaining({ id: 'INV-1', order_id: 'SO-1', account_id: 'acc-1', status: 'PAID' }),
      ]);
      const invoice = (tables.rm_order_invoices[0] as OrderInvoiceRow).invoice;
      expect(invoice.outstanding).toEqual({ amount: 0, currency: 'CNY' });
      expect(invoice.payments).toEqual([{ paymentId: 'PAY-1', reference: 'BANK-1', amount: 200_000 }]);
    });
  });

  it('ignores events of other categories and unknown types', () => {
    const events = recordScenario([
      {
        streamId: 'account-acc-1',
        type: 'KeyAccountRegistered',
        data: {},
        occurredAt: '2026-01-01T00:00:00.000Z',
      },
      { streamId: 'order-SO-9', type: 'OrderPlacedV9', data: {}, occurredAt: '2026-01-01T00:00:00.000Z' },
    ]);
    expect(projectEvents(ordersProjection, events)).toEqual({
      rm_orders: [],
      rm_order_shipments: [],
      rm_order_invoices: [],
    });
  });
});
