import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { PositiveMoneyDto } from '../shared/money.dto';
import { IsDateOrInstant, IsOmittable, NestedObject } from '../shared/validators';

export class RecordPaymentRequest {
  @ApiProperty({ type: PositiveMoneyDto, description: 'Amount received (full or partial)' })
  @NestedObject(() => PositiveMoneyDto)
  amount!: PositiveMoneyDto;

  @ApiProperty({
    example: '2027-01-20T10:00:00+08:00',
    description: 'When the money was received: an ISO 8601 date-time with offset, or a date',
  })
  @IsDateOrInstant()
  receivedAt!: string;

  @ApiProperty({
    example: 'ICBC-20270120-0042',
    description: 'Bank or provider reference; a repeat with the same amount is the same payment',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  reference!: string;

  @ApiPropertyOptional({ description: 'Generated when absent', pattern: '^[A-Za-z0-9_.:-]{1,60}$' })
  @IsOmittable()
  @IsString()
  @Matches(/^[A-Za-z0-9_.:-]{1,60}$/)
  paymentId?: string;
}
