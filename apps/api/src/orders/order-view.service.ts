import { Injectable } from '@nestjs/common';
import { acceptanceStreamId, inspectionDecider } from '@kamflow/acceptance';
import { invoiceDecider, invoiceStreamId } from '@kamflow/billing';
import { shipmentDecider, shipmentStreamId } from '@kamflow/delivery';
import { NotFoundError, type RecordedEvent } from '@kamflow/eventsourcing';
import { orderProcessDecider, orderProcessStreamId } from '@kamflow/fulfilment';
import { type Order, orderDecider, orderStreamId, orderTotal } from '@kamflow/ordering';
import { StreamReader } from '../shared/stream-reader.service';

/**
 * The order as the API shows it, folded from the order's stream and the streams of its shipments,
 * inspections and invoices.
 */
@Injectable()
export class OrderViewService {
  constructor(private readonly streams: StreamReader) {}

  async order(orderId: string): Promise<{ order: Order; revision: number }> {
    const { state, revision } = await this.streams.load(orderDecider, orderStreamId(orderId));
    if (state.status === 'NONE') throw new NotFoundError('order', orderId);
    return { order: state, revision };
  }

  async view(orderId: string) {
    const { order, revision } = await this.order(orderId);
    const process = await this.streams.load(orderProcessDecider, orderProcessStreamId(orderId));
    const shipments = await Promise.all(
      order.shipments.map(async (s) => {
        const { state } = await this.streams.load(shipmentDecider, shipmentStreamId(s.shipmentId));
        const inspection = await this.streams.load(inspectionDecider, acceptanceStreamId(s.shipmentId));
        const awaited = process.state.acceptances[s.shipmentId];
        return {
          id: s.shipmentId,
          status: state.status === 'NONE' ? 'PLANNED' : state.status,
          providerId: state.status === 'NONE' ? s.providerId : state.providerId,
          plannedDate: state.status === 'NONE' ? s.plannedDate : state.plannedDate,
          deliveryAddress: s.deliveryAddress,
          lines: s.lines,
          ...(s.replacesShipmentId ? { replacesShipmentId: s.replacesShipmentId } : {}),
          ...(state.status !== 'NONE' && state.deliveredAt ? { deliveredAt: state.deliveredAt } : {}),
          ...(state.status !== 'NONE' && state.lastFailure ? { lastFailure: state.lastFailure } : {}),
          ...(state.status !== 'NONE' && state.pickUpNotes.length ? { pickUpNotes: state.pickUpNotes } : {}),
          ...(awaited ? { acceptanceDueAt: awaited.acceptanceDueAt, acceptanceOverdue: awaited.overdue } : {}),
          inspection: inspection.state.status === 'NONE' ? undefined : inspection.state,
        };
      }),
    );
    const receipts = shipments.flatMap((s) =>
      s.inspection?.status === 'SIGNED' && s.inspection.receipt
        ? [{ shipmentId: s.id, ...s.inspection.receipt, lines: order.shipments.find((x) => x.shipmentId === s.id)?.inspection }]
        : [],
    );
    const invoices = await Promise.all(
      order.invoices.map(async (i) => {
        const { state } = await this.streams.load(invoiceDecider, invoiceStreamId(i.invoiceId));
        if (state.status === 'NONE') return { id: i.invoiceId, amount: i.amount, dueDate: i.dueDate, status: 'ISSUING' };
        return {
          id: state.invoiceId,
          shipmentId: i.shipmentId,
          receiptId: state.receiptId,
          amount: state.amount,
          paid: { amount: state.amount.amount - state.outstanding.amount, currency: state.amount.currency },
          outstanding: state.outstanding,
          dueDate: state.dueDate,
          status: state.status === 'PAID' ? 'PAID' : state.dunningLevel > 0 ? 'OVERDUE' : 'OPEN',
          dunningLevel: state.dunningLevel,
          channel: state.channel,
          ...(state.commerceProviderId ? { commerceProviderId: state.commerceProviderId } : {}),
          payments: state.payments.map((p) => ({ ...p, amount: { amount: p.amount, currency: state.amount.currency } })),
        };
      }),
    );
    return {
      id: order.orderId,
      revision,
      status: order.status,
      account: order.account,
      channel: order.channel,
      signedBy: order.signedBy,
      customerPo: order.customerPo,
      placedBy: order.placedBy,
      placedAt: order.placedAt,
      total: orderTotal(order) ?? null,
      lines: order.lines.map((l) => ({
        lineId: l.lineId,
        modelId: l.modelId,
        optionIds: l.optionIds,
        quantity: l.quantity,
        requestedDate: l.requestedDate,
        deliveryAddress: l.deliveryAddress,
        configuration: l.configuration,
        ...(l.promisedDate ? { promisedDate: l.promisedDate } : {}),
      })),
      contractReview: order.contractReview,
      creditReview: order.creditReview,
      ...(order.release ? { release: order.release } : {}),
      shipments: shipments.map(({ inspection: _i, ...s }) => s),
      acceptanceReceipts: receipts,
      invoices,
      ...(order.rejection ? { rejection: order.rejection } : {}),
      ...(order.cancellation ? { cancellation: order.cancellation } : {}),
      ...(order.completedAt ? { completedAt: order.completedAt } : {}),
    };
  }

  /** Every event of the order and of the streams it spans (lines, shipments, inspections, invoices, credit), in log order. */
  async history(orderId: string) {
    const { order } = await this.order(orderId);
    const streams = [
      orderStreamId(orderId),
      orderProcessStreamId(orderId),
      ...order.lines.map((l) => `configuration-${orderId}.${l.lineId}`),
      ...order.shipments.flatMap((s) => [shipmentStreamId(s.shipmentId), acceptanceStreamId(s.shipmentId)]),
      ...order.invoices.map((i) => invoiceStreamId(i.invoiceId)),
    ];
    const events: RecordedEvent[] = [];
    for (const id of new Set(streams)) events.push(...(await this.streams.store.readStream(id)).events);
    const credit = await this.streams.store.readStream(`creditAccount-${order.account.accountId}`);
    events.push(...credit.events.filter((e) => (e.data as { orderId?: string }).orderId === orderId));
    events.sort((a, b) => a.globalPosition - b.globalPosition);
    return {
      orderId,
      items: events.map((e) => ({
        position: e.globalPosition,
        streamId: e.streamId,
        revision: e.streamRevision,
        type: e.type,
        occurredAt: e.occurredAt,
        actor: e.metadata.actor ?? null,
        correlationId: e.metadata.correlationId ?? null,
        causationId: e.metadata.causationId ?? null,
        data: e.data,
      })),
    };
  }
}
