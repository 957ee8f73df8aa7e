import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { type ReportableStatus } from '@kamflow/delivery';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const ID = /^[A-Za-z0-9_.:-]{1,60}$/;

export const REPORTABLE_STATUSES: readonly ReportableStatus[] = [
  'READY_TO_SHIP',
  'PICKED_UP',
  'DISPATCHED',
  'IN_TRANSIT',
  'DELIVERED',
  'FAILED',
];

export class ReportStatusRequest {
  @ApiProperty({ enum: REPORTABLE_STATUSES }) @IsIn(REPORTABLE_STATUSES) status!: ReportableStatus;

  @ApiProperty({ example: '2026-12-15T09:30:00+08:00', description: 'When it happened (ISO 8601 date-time)' })
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/T/, { message: 'at must be a date-time, not a date' })
  at!: string;

  @ApiPropertyOptional({ description: 'Free text; required for FAILED (the reason)' })
  @ValidateIf((o: ReportStatusRequest) => o.status === 'FAILED' || o.note !== undefined)
  @IsString()
  @IsNotEmpty({ message: 'note is required for FAILED: the reason' })
  @MaxLength(1000)
  note?: string;

  @ApiPropertyOptional({ description: 'The 提货单 number for PICKED_UP; derived from the shipment id when absent' })
  @IsOptional()
  @IsString()
  @Matches(ID)
  pickUpNoteNo?: string;
}

export class InspectedUnitDto {
  @ApiProperty({ example: 'PF3K2A7Q' }) @IsString() @IsNotEmpty() @MaxLength(60) serial!: string;
  @ApiProperty({ example: 'L1' }) @IsString() @IsNotEmpty() @MaxLength(40) lineId!: string;
  @ApiProperty({ enum: ['ACCEPTED', 'REJECTED'] }) @IsIn(['ACCEPTED', 'REJECTED']) result!: 'ACCEPTED' | 'REJECTED';

  @ApiPropertyOptional({ description: 'Required for REJECTED: what is wrong with the unit' })
  @ValidateIf((o: InspectedUnitDto) => o.result === 'REJECTED' || o.defect !== undefined)
  @IsString()
  @IsNotEmpty({ message: 'defect is required for a REJECTED unit' })
  @MaxLength(500)
  defect?: string;
}

export class AcceptanceReceiptRequest {
  @ApiProperty({ type: [InspectedUnitDto], description: 'Every delivered unit, by serial (1..10000)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10_000)
  @ValidateNested({ each: true })
  @Type(() => InspectedUnitDto)
  units!: InspectedUnitDto[];

  @ApiProperty({ example: '李主任', description: 'The customer’s person who signed' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  signatory!: string;

  @ApiProperty({ example: '2026-12-16T15:00:00+08:00' })
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/T/, { message: 'signedAt must be a date-time, not a date' })
  signedAt!: string;

  @ApiProperty({ minimum: 1, maximum: 5, description: 'Customer satisfaction 1 (poor) to 5 (excellent)' })
  @IsInt()
  @Min(1)
  @Max(5)
  satisfaction!: number;

  @ApiPropertyOptional({ description: 'The paper receipt number; generated when absent (pass it when retrying)' })
  @IsOptional()
  @IsString()
  @Matches(ID)
  receiptId?: string;
}

export class RescheduleShipmentRequest {
  @ApiProperty({ example: '2026-12-18' })
  @Matches(DATE, { message: 'plannedDate must be a date YYYY-MM-DD' })
  plannedDate!: string;

  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(1000) reason!: string;
}

export class ReassignShipmentRequest {
  @ApiProperty({ example: 'lp-jd' }) @IsString() @IsNotEmpty() @MaxLength(60) providerId!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(1000) reason!: string;
}
