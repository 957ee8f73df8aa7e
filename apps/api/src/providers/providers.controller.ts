import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@kamflow/eventsourcing';
import { type SqlDatabase } from '@kamflow/event-store';
import { type AuthenticatedActor, CurrentActor, RequireRoles, SQL_DATABASE } from '@kamflow/infrastructure';
import { financeProjection } from '@kamflow/projections';
import { Roles } from '@kamflow/shared-kernel';
import { QueryBus } from '@nestjs/cqrs';
import { MasterDataService } from '../master-data/master-data.service';
import { ReadModelGate } from '../read-models/read-model-gate';
import { ProviderShipmentsQuery } from '../read-models/shipments/provider-shipments.query';
import { STAFF } from '../shared/access';
import { listProviders } from './provider-list';
import { MyShipmentsQuery, ProvidersQuery } from './providers.dto';
import { ApiAnswer } from '../openapi/api-answer.decorator';

/** The registered providers for staff (e.g. to pick a carrier), and what a provider principal sees of its own work. */
@ApiTags('providers')
@ApiBearerAuth()
@Controller('providers')
export class ProvidersController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    private readonly gate: ReadModelGate,
    private readonly masterData: MasterDataService,
  ) {}

  /** The logistics and commerce providers: `{ items: [{ providerId, name, kind, regions }], total }`, by id; `?kind=` filters. */
  @ApiAnswer('List logistics and commerce providers', 200, 'ProviderList')
  @Get()
  @RequireRoles(...STAFF)
  async list(@Query() query: ProvidersQuery) {
    await this.gate.ready([financeProjection.name], query.minPosition);
    return listProviders(this.db, this.masterData, query.kind);
  }

  /** The logistics provider's shipments and its next step on each (default order: planned date, then id), from the orders read model. */
  @ApiAnswer('List the shipments of the calling logistics provider', 200, 'ProviderShipmentPage')
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
