import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../shared/paging';

/** Aging buckets by days past the due date; `current` is not yet due (due today counts as not yet due). */
export const AGING_BUCKETS = ['current', '0-30', '31-60', '61-90', '90+'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];
export const RECEIVABLE_STATUSES = ['OPEN', 'PAID', 'ALL'] as const;

/** `GET /finance/receivables`. */
export class ReceivablesRequest extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) accountId?: string;
  @ApiPropertyOptional({ enum: AGING_BUCKETS }) @IsOptional() @IsIn(AGING_BUCKETS) bucket?: AgingBucket;
  @ApiPropertyOptional({ enum: RECEIVABLE_STATUSES, description: 'Default: outstanding > 0' })
  @IsOptional()
  @IsIn(RECEIVABLE_STATUSES)
  status?: (typeof RECEIVABLE_STATUSES)[number];
  @ApiPropertyOptional({ description: 'Age as of this day (YYYY-MM-DD, default today UTC)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  asOf?: string;
}

/** `GET /finance/collections`. */
export class CollectionsRequest extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) accountId?: string;
  @ApiPropertyOptional({ description: 'Received on or after (YYYY-MM-DD or ISO time)' })
  @IsOptional()
  @IsISO8601()
  from?: string;
  @ApiPropertyOptional({ description: 'Received on or before (a date includes that whole day)' })
  @IsOptional()
  @IsISO8601()
  to?: string;
}

/** `GET /finance/provider-statements`. */
export class ProviderStatementsRequest extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) providerId?: string;
  @ApiPropertyOptional({ description: 'YYYY-MM' }) @IsOptional() @Matches(/^\d{4}-\d{2}$/) month?: string;
}

/** `GET /accounts/ranking`. */
export class RankingRequest extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Invoiced on or after (YYYY-MM-DD or ISO time)' })
  @IsOptional()
  @IsISO8601()
  from?: string;
  @ApiPropertyOptional({ description: 'Invoiced on or before (a date includes that whole day)' })
  @IsOptional()
  @IsISO8601()
  to?: string;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The SQL condition for "`column` on or before `to`", a date meaning the whole day. */
export function upTo(column: string, to: string | undefined): string {
  return to && DATE_ONLY.test(to) ? `${column} < ?::date + interval '1 day'` : `${column} <= ?::timestamptz`;
}
