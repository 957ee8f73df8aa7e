import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { PositiveMoneyDto } from '../shared/money.dto';

export class RecordPaymentRequest {
  @ApiProperty({ type: PositiveMoneyDto, description: 'Amount received (full or partial)' })
  @ValidateNested()
  @Type(() => PositiveMoneyDto)
  amount!: PositiveMoneyDto;

  @ApiProperty({ example: '2027-01-20T10:00:00+08:00', description: 'When the money was received (ISO 8601)' })
  @IsISO8601({ strict: true })
  receivedAt!: string;

  @ApiProperty({ example: 'ICBC-20270120-0042', description: 'Bank or provider reference; a repeat with the same amount is the same payment' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  reference!: string;

  @ApiPropertyOptional({ description: 'Generated when absent' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_.:-]{1,60}$/)
  paymentId?: string;
}
