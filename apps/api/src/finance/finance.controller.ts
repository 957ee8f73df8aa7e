import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import { DomainError } from '@kamflow/eventsourcing';
import { type AuthenticatedActor, CurrentActor, RequireRolesOnly } from '@kamflow/infrastructure';
import { hasRole, Roles } from '@kamflow/shared-kernel';
import { PageQueryDto } from '../shared/paging';
import { type CsvColumn, sendCsv, wantsCsv, yuan } from './csv';
import { CollectionsRequest, ProviderStatementsRequest, ReceivablesRequest } from './finance.dto';
import {
  type Collection,
  type CreditExposure,
  FinanceListQuery,
  type ProviderStatement,
} from './finance-lists.query';
import { type Receivable, ReceivablesQuery } from './receivables.query';
import { ApiAnswer } from '../openapi/api-answer.decorator';

const money = <T>(header: string, get: (i: T) => { amount: number }): CsvColumn<T>[] => [
  { header: `${header}_yuan`, value: (i) => yuan(get(i).amount) },
  { header: `${header}_fen`, value: (i) => get(i).amount },
];

const RECEIVABLE_CSV: CsvColumn<Receivable>[] = [
  { header: 'invoice_id', value: (r) => r.invoiceId },
  { header: 'order_id', value: (r) => r.orderId },
  { header: 'account_id', value: (r) => r.accountId },
  { header: 'account_name', value: (r) => r.accountName },
  { header: 'status', value: (r) => r.status },
  { header: 'issued_at', value: (r) => r.issuedAt },
  { header: 'due_date', value: (r) => r.dueDate },
  { header: 'days_overdue', value: (r) => r.daysOverdue },
  { header: 'bucket', value: (r) => r.bucket },
  ...money<Receivable>('amount', (r) => r.amount),
  ...money<Receivable>('outstanding', (r) => r.outstanding),
  { header: 'currency', value: (r) => r.amount.currency },
];
const COLLECTION_CSV: CsvColumn<Collection>[] = [
  { header: 'received_at', value: (c) => c.receivedAt },
  { header: 'payment_id', value: (c) => c.paymentId },
  { header: 'invoice_id', value: (c) => c.invoiceId },
  { header: 'account_id', value: (c) => c.accountId },
  { header: 'account_name', value: (c) => c.accountName },
  ...money<Collection>('amount', (c) => c.amount),
  { header: 'currency', value: (c) => c.amount.currency },
  { header: 'reference', value: (c) => c.reference },
];
const EXPOSURE_CSV: CsvColumn<CreditExposure>[] = [
  { header: 'account_id', value: (e) => e.accountId },
  { header: 'account_name', value: (e) => e.accountName },
  { header: 'grade', value: (e) => e.grade },
  ...money<CreditExposure>('limit', (e) => e.limit),
  ...money<CreditExposure>('reserved', (e) => e.reserved),
  ...money<CreditExposure>('receivable', (e) => e.receivable),
  ...money<CreditExposure>('exposure', (e) => e.exposure),
  { header: 'utilisation_percent', value: (e) => (e.utilisationBp === null ? null : yuan(e.utilisationBp)) },
];
const STATEMENT_CSV: CsvColumn<ProviderStatement>[] = [
  { header: 'provider_id', value: (s) => s.providerId },
  { header: 'provider_name', value: (s) => s.providerName },
  { header: 'month', value: (s) => s.month },
  { header: 'jobs', value: (s) => s.jobs },
  { header: 'units', value: (s) => s.units },
  { header: 'average_satisfaction', value: (s) => s.averageSatisfaction.toFixed(2) },
  ...money<ProviderStatement>('fee', (s) => s.fee),
  { header: 'currency', value: (s) => s.fee.currency },
];

/**
 * 帐务管理: receivables with aging, collections, credit exposure and provider statements; each also as CSV.
 * Finance's alone (least privilege): `admin` operates the system but reads none of them; a provider reads
 * its own statements.
 */
@ApiTags('finance')
@ApiBearerAuth()
@ApiProduces('application/json', 'text/csv')
@Controller('finance')
export class FinanceController {
  constructor(private readonly queries: QueryBus) {}

  /** Invoices with something outstanding (`?status=OPEN|PAID|ALL` for others), aged from the due date, with totals per bucket. */
  @ApiAnswer('List receivables with their aging bucket', 200, 'ReceivablesPage')
  @Get('receivables')
  @RequireRolesOnly(Roles.Finance)
  async receivables(
    @Query() q: ReceivablesRequest,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { minPosition, ...filter } = q;
    const csv = wantsCsv(accept);
    const page = await this.queries.execute(new ReceivablesQuery(filter, csv, minPosition));
    return csv ? sendCsv(res, 'receivables', RECEIVABLE_CSV, page.items) : page;
  }

  /** Payments received (回款), newest first; `from`/`to` on the received date. */
  @ApiAnswer('List payments received', 200, 'CollectionPage')
  @Get('collections')
  @RequireRolesOnly(Roles.Finance)
  async collections(
    @Query() q: CollectionsRequest,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { minPosition, ...filter } = q;
    const csv = wantsCsv(accept);
    const page = await this.queries.execute(new FinanceListQuery('collections', filter, csv, minPosition));
    return csv ? sendCsv(res, 'collections', COLLECTION_CSV, page.items as Collection[]) : page;
  }

  /** Per account: limit, reserved, receivable, exposure, utilisation (default: highest exposure first). */
  @ApiAnswer('List the credit exposure of every account', 200, 'CreditExposurePage')
  @Get('credit-exposure')
  @RequireRolesOnly(Roles.Finance)
  async creditExposure(
    @Query() q: PageQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { minPosition, ...filter } = q;
    const csv = wantsCsv(accept);
    const page = await this.queries.execute(
      new FinanceListQuery('credit-exposure', filter, csv, minPosition),
    );
    return csv ? sendCsv(res, 'credit-exposure', EXPOSURE_CSV, page.items as CreditExposure[]) : page;
  }

  /** Per provider per month: jobs, units, average satisfaction, fees. A provider principal sees only its own. */
  @ApiAnswer('List provider statements per month', 200, 'ProviderStatementPage')
  @Get('provider-statements')
  @RequireRolesOnly(Roles.Finance, Roles.LogisticsProvider, Roles.CommerceProvider)
  async providerStatements(
    @Query() q: ProviderStatementsRequest,
    @CurrentActor() actor: AuthenticatedActor,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { minPosition, ...filter } = q;
    if (!hasRole(actor, Roles.Finance)) {
      if (!actor.providerId)
        throw new DomainError(
          'PROVIDER.NOT_A_PROVIDER',
          'Only a provider principal has statements',
          'forbidden',
        );
      filter.providerId = actor.providerId;
    }
    const csv = wantsCsv(accept);
    const page = await this.queries.execute(
      new FinanceListQuery('provider-statements', filter, csv, minPosition),
    );
    return csv ? sendCsv(res, 'provider-statements', STATEMENT_CSV, page.items as ProviderStatement[]) : page;
  }
}
