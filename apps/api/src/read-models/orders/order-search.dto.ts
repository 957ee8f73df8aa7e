import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { type OrderStatus } from '@kamflow/ordering';
import { PageQueryDto } from '../../shared/paging';
import { IsDateOrInstant } from '../../shared/validators';

export const ORDER_STATUSES: readonly OrderStatus[] = [
  'UNDER_REVIEW',
  'CREDIT_HOLD',
  'REJECTED',
  'RELEASED',
  'IN_FULFILMENT',
  'COMPLETED',
  'CANCELLED',
];

/** `GET /orders`: filters over the orders read model; `sort` is `placedAt`, `total` or `status` (`-` for descending). */
export class SearchOrdersRequest extends PageQueryDto {
  @ApiPropertyOptional({ enum: ORDER_STATUSES }) @IsOptional() @IsIn(ORDER_STATUSES) status?: OrderStatus;
  @ApiPropertyOptional({ example: 'acc-sgcc', maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  accountId?: string;
  @ApiPropertyOptional({
    example: 'lp-sf',
    maxLength: 64,
    description: 'Orders with a shipment assigned to this provider',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  providerId?: string;
  @ApiPropertyOptional({ example: 'PO-2026-0418', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  customerPo?: string;
  @ApiPropertyOptional({
    example: '2026-01-01',
    description: 'Placed on or after (YYYY-MM-DD or an ISO 8601 date-time with offset)',
  })
  @IsOptional()
  @IsDateOrInstant()
  from?: string;
  @ApiPropertyOptional({
    example: '2026-12-31',
    description: 'Placed on or before (a date includes that whole day)',
  })
  @IsOptional()
  @IsDateOrInstant()
  to?: string;
  @ApiPropertyOptional({
    example: '国网',
    maxLength: 100,
    description: 'Free text over order id, PO number and account name',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}
