import { Module, type OnModuleInit } from '@nestjs/common';
import { shipmentDecider, type ShipmentCommand, shipmentStreamId } from '@kamflow/delivery';
import { CommandRouter, route } from '@kamflow/infrastructure';

/** 配送: shipments, provider assignment and the status the provider reports. */
@Module({})
export class DeliveryModule implements OnModuleInit {
  constructor(private readonly router: CommandRouter) {}

  onModuleInit(): void {
    this.router.register(
      route({
        context: 'delivery',
        types: ['PlanShipment', 'ReassignShipmentProvider', 'ReportShipmentStatus', 'RescheduleShipment', 'CancelShipment'],
        decider: shipmentDecider,
        streamId: (c: ShipmentCommand) => shipmentStreamId(c.data.shipmentId),
        result: (_s, c) => ({ id: c.data.shipmentId }),
      }),
    );
  }
}
