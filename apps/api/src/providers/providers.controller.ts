import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@kamflow/eventsourcing';
import { type AuthenticatedActor, CurrentActor, RequireRoles } from '@kamflow/infrastructure';
import { Roles } from '@kamflow/shared-kernel';
import { QueryBus } from '@nestjs/cqrs';
import { ProviderShipmentsQuery } from '../read-models/shipments/provider-shipments.query';
import { MyShipmentsQuery } from './providers.dto';

/** What a provider principal sees of its own work. */
@ApiTags('providers')
@ApiBearerAuth()
@Controller('providers')
export class ProvidersController {
  constructor(private readonly queries: QueryBus) {}

  /** The logistics provider's shipments and its next step on each (default order: planned date, then id), from the orders read model. */
  @Get('me/shipments')
  @RequireRoles(Roles.LogisticsProvider)
  async myShipments(@Query() query: MyShipmentsQuery, @CurrentActor() actor: AuthenticatedActor) {
    if (!actor.providerId || !actor.roles.includes(Roles.LogisticsProvider)) {
      throw new DomainError(
        'PROVIDER.NOT_A_PROVIDER',
        'Only a logistics provider principal has its own shipments',
        'forbidden',
      );
    }
    const { minPosition, ...filter } = query;
    return this.queries.execute(new ProviderShipmentsQuery(actor.providerId, filter, minPosition));
  }
}
