import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '../shared/paging';
import { IsCalendarDate, IsDateOrInstant, IsYearMonth } from '../shared/validators';

/** Aging buckets by days past the due date; `current` is not yet due (due today counts as not yet due). */
export const AGING_BUCKETS = ['current', '0-30', '31-60', '61-90', '90+'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];
export const RECEIVABLE_STATUSES = ['OPEN', 'PAID', 'ALL'] as const;

/** `GET /finance/receivables`. */
export class ReceivablesRequest extends PageQueryDto {
  @ApiPropertyOptional({ example: 'acc-sgcc', maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  accountId?: string;
  @ApiPropertyOptional({ enum: AGING_BUCKETS }) @IsOptional() @IsIn(AGING_BUCKETS) bucket?: AgingBucket;
  @ApiPropertyOptional({ enum: RECEIVABLE_STATUSES, description: 'Default: outstanding > 0' })
  @IsOptional()
  @IsIn(RECEIVABLE_STATUSES)
  status?: (typeof RECEIVABLE_STATUSES)[number];
  @ApiPropertyOptional({
    format: 'date',
    example: '2026-12-31',
    description: 'Age as of this day (YYYY-MM-DD, default today UTC)',
  })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}

/** `GET /finance/collections`. */
export class CollectionsRequest extends PageQueryDto {
  @ApiPropertyOptional({ example: 'acc-sgcc', maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  accountId?: string;
  @ApiPropertyOptional({
    example: '2026-01-01',
    description: 'Received on or after (YYYY-MM-DD or an ISO 8601 date-time with offset)',
  })
  @IsOptional()
  @IsDateOrInstant()
  from?: string;
  @ApiPropertyOptional({
    example: '2026-12-31',
    description: 'Received on or before (a date includes that whole day)',
  })
  @IsOptional()
  @IsDateOrInstant()
  to?: string;
}

/** `GET /finance/provider-statements`. */
export class ProviderStatementsRequest extends PageQueryDto {
  @ApiPropertyOptional({ example: 'lp-sf', maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  providerId?: string;
  @ApiPropertyOptional({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', example: '2026-12', description: 'YYYY-MM' })
  @IsOptional()
  @IsYearMonth()
  month?: string;
}

/** `GET /accounts/ranking`. */
export class RankingRequest extends PageQueryDto {
  @ApiPropertyOptional({
    example: '2026-01-01',
    description: 'Invoiced on or after (YYYY-MM-DD or an ISO 8601 date-time with offset)',
  })
  @IsOptional()
  @IsDateOrInstant()
  from?: string;
  @ApiPropertyOptional({
    example: '2026-12-31',
    description: 'Invoiced on or before (a date includes that whole day)',
  })
  @IsOptional()
  @IsDateOrInstant()
  to?: string;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The SQL condition for "`column` on or before `to`", a date meaning the whole day. */
export function upTo(column: string, to: string | undefined): string {
  return to && DATE_ONLY.test(to) ? `${column} < ?::date + interval '1 day'` : `${column} <= ?::timestamptz`;
}
