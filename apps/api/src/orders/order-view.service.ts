import { Injectable } from '@nestjs/common';
import { acceptanceStreamId, inspectionDecider } from '@kamflow/acceptance';
import { invoiceDecider, invoiceStreamId } from '@kamflow/billing';
import { shipmentDecider, shipmentStreamId } from '@kamflow/delivery';
import { NotFoundError, type RecordedEvent } from '@kamflow/eventsourcing';
import { orderProcessDecider, orderProcessStreamId } from '@kamflow/fulfilment';
import { type Order, orderDecider, orderStreamId } from '@kamflow/ordering';
import { type OrderDetail, orderDetailView } from '../read-models/orders/order-detail.view';
import { StreamReader } from '../shared/stream-reader.service';

/**
 * The order folded from its stream (what commands need) and, for reference, the order detail folded
 * from the streams of its shipments, inspections and invoices; its history stays on the event store.
 */
@Injectable()
export class OrderViewService {
  constructor(private readonly streams: StreamReader) {}

  async order(orderId: string): Promise<{ order: Order; revision: number }> {
    const { state, revision } = await this.streams.load(orderDecider, orderStreamId(orderId));
    if (state.status === 'NONE') throw new NotFoundError('order', orderId);
    return { order: state, revision };
  }

  /**
   * The order detail folded straight from the streams (the write side's view). `GET /orders/{id}` reads
   * the `orders` read model instead; this stays as the reference the read model is checked against.
   */
  async view(orderId: string): Promise<OrderDetail> {
    const { order, revision } = await this.order(orderId);
    const process = await this.streams.load(orderProcessDecider, orderProcessStreamId(orderId));
    const shipments = new Map(
      await Promise.all(
        order.shipments.map(async (s) => {
          const { state } = await this.streams.load(shipmentDecider, shipmentStreamId(s.shipmentId));
          const inspection = await this.streams.load(inspectionDecider, acceptanceStreamId(s.shipmentId));
          return [
            s.shipmentId,
            {
              shipment: state.status === 'NONE' ? null : state,
              inspection: inspection.state.status === 'NONE' ? null : inspection.state,
              acceptance: process.state.acceptances[s.shipmentId] ?? null,
            },
          ] as const;
        }),
      ),
    );
    const invoices = new Map(
      await Promise.all(
        order.invoices.map(async (i) => {
          const { state } = await this.streams.load(invoiceDecider, invoiceStreamId(i.invoiceId));
          return [i.invoiceId, state.status === 'NONE' ? null : state] as const;
        }),
      ),
    );
    return orderDetailView({ order, revision, shipments, invoices });
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
