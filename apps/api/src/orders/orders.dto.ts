import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CHANNELS, type Channel } from '@kamflow/shared-kernel';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class DeliveryAddressDto {
  @ApiProperty({ example: 'Beijing' }) @IsString() @IsNotEmpty() @MaxLength(100) region!: string;
  @ApiProperty({ example: 'Beijing' }) @IsString() @IsNotEmpty() @MaxLength(100) city!: string;
  @ApiProperty({ example: '西城区西长安街86号' }) @IsString() @IsNotEmpty() @MaxLength(300) address!: string;
  @ApiProperty({ example: '王工' }) @IsString() @IsNotEmpty() @MaxLength(100) contact!: string;
  @ApiProperty({ example: '+86 10 6660 0000' }) @IsString() @IsNotEmpty() @MaxLength(40) phone!: string;
}

export class OrderLineDto {
  @ApiPropertyOptional({ description: 'For amendments: the line to change; omitted = a new line' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/)
  lineId?: string;

  @ApiProperty({ example: 'TC-M70T-G4' }) @IsString() @IsNotEmpty() @MaxLength(60) modelId!: string;

  @ApiProperty({ type: [String], example: ['CPU-I5-13500', 'MEM-16G', 'SSD-512G', 'OS-KYLIN-V10'] })
  @IsArray()
  @ArrayMaxSize(60)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  optionIds!: string[];

  @ApiProperty({ example: 20, description: 'Units; 0 in an amendment removes the line' })
  @IsInt()
  @Min(0)
  @Max(100_000)
  quantity!: number;

  @ApiProperty({ example: '2026-12-21' })
  @Matches(DATE, { message: 'requestedDate must be a date YYYY-MM-DD' })
  requestedDate!: string;

  @ApiProperty({ type: DeliveryAddressDto })
  @ValidateNested()
  @Type(() => DeliveryAddressDto)
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
  @IsOptional()
  @IsIn(['ORDER_DESK', 'AGENT'])
  signedAs?: 'ORDER_DESK' | 'AGENT';

  @ApiProperty({ example: 'PO-2026-0418' }) @IsString() @IsNotEmpty() @MaxLength(60) customerPo!: string;

  @ApiProperty({ type: [OrderLineDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => OrderLineDto)
  lines!: OrderLineDto[];
}

export class ContractReviewRequest {
  @ApiProperty({ enum: ['APPROVE', 'REJECT'] }) @IsIn(['APPROVE', 'REJECT']) decision!: 'APPROVE' | 'REJECT';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) reason?: string;
}

export class CreditDecisionRequest {
  @ApiProperty({ enum: ['RELEASE', 'REJECT'] }) @IsIn(['RELEASE', 'REJECT']) decision!: 'RELEASE' | 'REJECT';
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(1000) reason!: string;
}

export class AmendOrderRequest {
  @ApiProperty({ type: [OrderLineDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => OrderLineDto)
  lines!: OrderLineDto[];
}

export class CancelOrderRequest {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(1000) reason!: string;
}

export class ShipmentLineDto {
  @ApiProperty({ example: 'L1' }) @IsString() @IsNotEmpty() @MaxLength(40) lineId!: string;
  @ApiProperty({ example: 10 }) @IsInt() @Min(1) @Max(100_000) quantity!: number;
}

export class PlanShipmentRequest {
  @ApiProperty({ example: 'lp-sf' }) @IsString() @IsNotEmpty() @MaxLength(60) providerId!: string;

  @ApiProperty({ example: '2026-12-15' })
  @Matches(DATE, { message: 'plannedDate must be a date YYYY-MM-DD' })
  plannedDate!: string;

  @ApiPropertyOptional({ type: DeliveryAddressDto, description: 'Defaults to the first line’s address' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DeliveryAddressDto)
  deliveryAddress?: DeliveryAddressDto;

  @ApiProperty({ type: [ShipmentLineDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ShipmentLineDto)
  lines!: ShipmentLineDto[];
}
