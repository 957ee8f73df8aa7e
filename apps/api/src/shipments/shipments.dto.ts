import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { type ReportableStatus } from '@kamflow/delivery';
import { IntInRange, IsCalendarDate, IsInstant, IsOmittable, NestedArray } from '../shared/validators';

const ID = /^[A-Za-z0-9_.:-]{1,60}$/;
/** The most units one acceptance receipt may list. */
export const MAX_RECEIPT_UNITS = 10_000;

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

  @ApiProperty({
    format: 'date-time',
    example: '2026-12-15T09:30:00+08:00',
    description: 'When it happened (ISO 8601 date-time with offset)',
  })
  @IsInstant()
  at!: string;

  @ApiPropertyOptional({ maxLength: 1000, description: 'Free text; required for FAILED (the reason)' })
  @ValidateIf((o: ReportStatusRequest) => o.status === 'FAILED' || o.note !== undefined)
  @IsString()
  @IsNotEmpty({ message: 'note is required for FAILED: the reason' })
  @MaxLength(1000)
  note?: string;

  @ApiPropertyOptional({
    pattern: ID.source,
    description: 'The 提货单 number for PICKED_UP; derived from the shipment id when absent',
  })
  @IsOmittable()
  @IsString()
  @Matches(ID)
  pickUpNoteNo?: string;
}

export class InspectedUnitDto {
  @ApiProperty({ example: 'PF3K2A7Q' }) @IsString() @IsNotEmpty() @MaxLength(60) serial!: string;
  @ApiProperty({ example: 'L1' }) @IsString() @IsNotEmpty() @MaxLength(40) lineId!: string;
  @ApiProperty({ enum: ['ACCEPTED', 'REJECTED'] }) @IsIn(['ACCEPTED', 'REJECTED']) result!:
    'ACCEPTED' | 'REJECTED';

  @ApiPropertyOptional({ maxLength: 500, description: 'Required for REJECTED: what is wrong with the unit' })
  @ValidateIf((o: InspectedUnitDto) => o.result === 'REJECTED' || o.defect !== undefined)
  @IsString()
  @IsNotEmpty({ message: 'defect is required for a REJECTED unit' })
  @MaxLength(500)
  defect?: string;
}

export class AcceptanceReceiptRequest {
  @ApiProperty({
    type: [InspectedUnitDto],
    minItems: 1,
    maxItems: MAX_RECEIPT_UNITS,
    description: 'Every delivered unit, by serial (1..10000)',
  })
  @NestedArray(() => InspectedUnitDto, 1, MAX_RECEIPT_UNITS)
  units!: InspectedUnitDto[];

  @ApiProperty({ example: '李主任', description: 'The customer’s person who signed' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  signatory!: string;

  @ApiProperty({ format: 'date-time', example: '2026-12-16T15:00:00+08:00' })
  @IsInstant()
  signedAt!: string;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: 5,
    description: 'Customer satisfaction 1 (poor) to 5 (excellent)',
  })
  @IntInRange(1, 5)
  satisfaction!: number;

  @ApiPropertyOptional({
    pattern: ID.source,
    description: 'The paper receipt number; generated when absent (pass it when retrying)',
  })
  @IsOmittable()
  @IsString()
  @Matches(ID)
  receiptId?: string;
}

export class RescheduleShipmentRequest {
  @ApiProperty({ format: 'date', example: '2026-12-18' })
  @IsCalendarDate()
  plannedDate!: string;

  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(1000) reason!: string;
}

export class ReassignShipmentRequest {
  @ApiProperty({ example: 'lp-jd' }) @IsString() @IsNotEmpty() @MaxLength(60) providerId!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(1000) reason!: string;
}
