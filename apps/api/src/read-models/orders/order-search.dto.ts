import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { type OrderStatus } from '@kamflow/ordering';
import { PageQueryDto } from '../../shared/paging';

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
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) accountId?: string;
  @ApiPropertyOptional({ description: 'Orders with a shipment assigned to this provider' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  providerId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) customerPo?: string;
  @ApiPropertyOptional({ description: 'Placed on or after (YYYY-MM-DD or ISO time)' })
  @IsOptional()
  @IsISO8601()
  from?: string;
  @ApiPropertyOptional({ description: 'Placed on or before (a date includes that whole day)' })
  @IsOptional()
  @IsISO8601()
  to?: string;
  @ApiPropertyOptional({ description: 'Free text over order id, PO number and account name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}
