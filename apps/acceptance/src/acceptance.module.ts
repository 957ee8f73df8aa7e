import { Module, type OnModuleInit } from '@nestjs/common';
import { acceptanceStreamId, inspectionDecider, type InspectionCommand } from '@kamflow/acceptance';
import { CommandRouter, route } from '@kamflow/infrastructure';

/** 验机 / 验机回执: on-site inspection per serial and the signed acceptance receipt. */
@Module({})
export class AcceptanceModule implements OnModuleInit {
  constructor(private readonly router: CommandRouter) {}

  onModuleInit(): void {
    this.router.register(
      route({
        context: 'acceptance',
        types: ['OpenInspection', 'SignAcceptanceReceipt'],
        decider: inspectionDecider,
        streamId: (c: InspectionCommand) => acceptanceStreamId(c.data.shipmentId),
        result: (_s, c) => ({ id: c.type === 'SignAcceptanceReceipt' ? c.data.receiptId : c.data.shipmentId }),
      }),
    );
  }
}
