import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@kamflow/eventsourcing';
import { type AuthenticatedActor, CurrentActor, RequireRoles } from '@kamflow/platform';
import { Roles } from '@kamflow/shared-kernel';
import { paginate, sortBy } from '../shared/paging';
import { ShipmentViewService } from '../shipments/shipment-view.service';
import { MyShipmentsQuery } from './providers.dto';

/** What a provider principal sees of its own work. */
@ApiTags('providers')
@ApiBearerAuth()
@Controller('providers')
export class ProvidersController {
  constructor(private readonly shipments: ShipmentViewService) {}

  /** The logistics provider's shipments and its next step on each (default order: planned date). */
  @Get('me/shipments')
  @RequireRoles(Roles.LogisticsProvider)
  async myShipments(@Query() query: MyShipmentsQuery, @CurrentActor() actor: AuthenticatedActor) {
    if (!actor.providerId || !actor.roles.includes(Roles.LogisticsProvider)) {
      throw new DomainError('PROVIDER.NOT_A_PROVIDER', 'Only a logistics provider principal has its own shipments', 'forbidden');
    }
    const mine = (await this.shipments.forProvider(actor.providerId)).filter(
      (s) => (!query.status || s.status === query.status) && (!query.nextStep || s.nextStep === query.nextStep),
    );
    // Stable sorts: planned date, then id; `?sort=` re-sorts on top.
    const ordered = sortBy(sortBy(mine, 'id', ['id']), 'plannedDate', ['plannedDate']);
    return paginate(sortBy(ordered, query.sort, ['plannedDate', 'status', 'orderId', 'id']), query);
  }
}
