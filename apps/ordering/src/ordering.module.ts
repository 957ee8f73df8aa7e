import { Module, type OnModuleInit } from '@nestjs/common';
import { orderDecider, type OrderCommand, orderStreamId } from '@kamflow/ordering';
import { CommandRouter, route } from '@kamflow/infrastructure';

/** 销售订单 / 合同审核: the sales order aggregate. */
@Module({})
export class OrderingModule implements OnModuleInit {
  constructor(private readonly router: CommandRouter) {}

  onModuleInit(): void {
    this.router.register(
      route({
        context: 'ordering',
        types: [
          'PlaceOrder',
          'ReviewContract',
          'RecordLineConfiguration',
          'RecordCreditDecision',
          'ReleaseOrder',
          'AmendOrder',
          'CancelOrder',
          'PlanOrderShipment',
          'PlanReplacementShipment',
          'RecordShipmentDispatched',
          'RecordShipmentCancelled',
          'RecordAcceptance',
          'RecordInvoiceIssued',
          'RecordInvoicePaid',
        ],
        decider: orderDecider,
        streamId: (c: OrderCommand) => orderStreamId(c.data.orderId),
        newStream: (c) => c.type === 'PlaceOrder',
        result: (_s, c) => ({ id: c.type === 'PlanOrderShipment' ? c.data.shipmentId : c.data.orderId }),
      }),
    );
  }
}
