import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { CHANNELS, type Channel } from '@kamflow/shared-kernel';
import {
  IntInRange,
  IsCalendarDate,
  IsOmittable,
  NestedArray,
  NestedObject,
  OptionalNestedObject,
} from '../shared/validators';

/** The most lines an order (or an amendment, or a shipment) may carry. */
export const MAX_LINES = 200;
/** The most units one line may order. */
export const MAX_LINE_QUANTITY = 100_000;

export class DeliveryAddressDto {
  @ApiProperty({ example: 'Beijing' }) @IsString() @IsNotEmpty() @MaxLength(100) region!: string;
  @ApiProperty({ example: 'Beijing' }) @IsString() @IsNotEmpty() @MaxLength(100) city!: string;
  @ApiProperty({ example: '西城区西长安街86号' }) @IsString() @IsNotEmpty() @MaxLength(300) address!: string;
  @ApiProperty({ example: '王工' }) @IsString() @IsNotEmpty() @MaxLength(100) contact!: string;
  @ApiProperty({ example: '+86 10 6660 0000' }) @IsString() @IsNotEmpty() @MaxLength(40) phone!: string;
}

export class OrderLineDto {
  @ApiPropertyOptional({
    description: 'For amendments: the line to change; omitted = a new line',
    pattern: '^[A-Za-z0-9_-]{1,40}$',
  })
  @IsOmittable()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/)
  lineId?: string;

  @ApiProperty({ example: 'TC-M70T-G4' }) @IsString() @IsNotEmpty() @MaxLength(60) modelId!: string;

  @ApiProperty({
    type: [String],
    maxItems: 60,
    example: ['CPU-I5-13500', 'MEM-16G', 'SSD-512G', 'OS-KYLIN-V10'],
  })
  @IsArray()
  @ArrayMaxSize(60)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  optionIds!: string[];

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: MAX_LINE_QUANTITY,
    example: 20,
    description: 'Units; 0 in an amendment removes the line',
  })
  @IntInRange(0, MAX_LINE_QUANTITY)
  quantity!: number;

  @ApiProperty({ format: 'date', example: '2026-12-21' })
  @IsCalendarDate()
  requestedDate!: string;

  @ApiProperty({ type: DeliveryAddressDto })
  @NestedObject(() => DeliveryAddressDto)
  deliveryAddress!: DeliveryAddressDto;
}

export class PlaceOrderRequest {
  @ApiProperty({ example: 'acc-sgcc' }) @IsString() @IsNotEmpty() @MaxLength(60) accountId!: string;

  @ApiProperty({ enum: CHANNELS }) @IsIn(CHANNELS) channel!: Channel;

  @ApiProperty({ example: '张敏 (订单管理)', description: 'Who signed the order' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  signedBy!: string;

  @ApiPropertyOptional({
    enum: ['ORDER_DESK', 'AGENT'],
    description: 'Defaults to AGENT for an agent principal',
  })
  @IsOmittable()
  @IsIn(['ORDER_DESK', 'AGENT'])
  signedAs?: 'ORDER_DESK' | 'AGENT';

  @ApiProperty({ example: 'PO-2026-0418' }) @IsString() @IsNotEmpty() @MaxLength(60) customerPo!: string;

  @ApiProperty({ type: [OrderLineDto], minItems: 1, maxItems: MAX_LINES })
  @NestedArray(() => OrderLineDto, 1, MAX_LINES)
  lines!: OrderLineDto[];
}

export class ContractReviewRequest {
  @ApiProperty({ enum: ['APPROVE', 'REJECT'] }) @IsIn(['APPROVE', 'REJECT']) decision!: 'APPROVE' | 'REJECT';
  @ApiPropertyOptional({ maxLength: 1000 }) @IsOmittable() @IsString() @MaxLength(1000) reason?: string;
}

export class CreditDecisionRequest {
  @ApiProperty({ enum: ['RELEASE', 'REJECT'] }) @IsIn(['RELEASE', 'REJECT']) decision!: 'RELEASE' | 'REJECT';
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(1000) reason!: string;
}

export class AmendOrderRequest {
  @ApiProperty({ type: [OrderLineDto], minItems: 1, maxItems: MAX_LINES })
  @NestedArray(() => OrderLineDto, 1, MAX_LINES)
  lines!: OrderLineDto[];
}

export class CancelOrderRequest {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(1000) reason!: string;
}

export class ShipmentLineDto {
  @ApiProperty({ example: 'L1' }) @IsString() @IsNotEmpty() @MaxLength(40) lineId!: string;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_LINE_QUANTITY, example: 10 })
  @IntInRange(1, MAX_LINE_QUANTITY)
  quantity!: number;
}

export class PlanShipmentRequest {
  @ApiProperty({ example: 'lp-sf' }) @IsString() @IsNotEmpty() @MaxLength(60) providerId!: string;

  @ApiProperty({ format: 'date', example: '2026-12-15' })
  @IsCalendarDate()
  plannedDate!: string;

  @ApiPropertyOptional({ type: DeliveryAddressDto, description: 'Defaults to the first line’s address' })
  @OptionalNestedObject(() => DeliveryAddressDto)
  deliveryAddress?: DeliveryAddressDto;

  @ApiProperty({ type: [ShipmentLineDto], minItems: 1, maxItems: MAX_LINES })
  @NestedArray(() => ShipmentLineDto, 1, MAX_LINES)
  lines!: ShipmentLineDto[];
}
