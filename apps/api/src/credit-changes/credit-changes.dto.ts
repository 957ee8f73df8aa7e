import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { MAX_PAYMENT_TERMS_DAYS } from '@kamflow/credit';
import { CREDIT_GRADES, type CreditGrade } from '@kamflow/shared-kernel';
import { MoneyDto } from '../shared/money.dto';

/** A proposed grade / limit / terms change; at least one of them (the decider refuses an empty change). */
export class ProposeCreditChangeRequest {
  @ApiPropertyOptional({ enum: CREDIT_GRADES }) @IsOptional() @IsIn(CREDIT_GRADES) grade?: CreditGrade;

  @ApiPropertyOptional({ type: MoneyDto, description: 'New credit limit (zero or more)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyDto)
  limit?: MoneyDto;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_PAYMENT_TERMS_DAYS, example: 45 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PAYMENT_TERMS_DAYS)
  paymentTermsDays?: number;

  @ApiProperty({ example: '两年回款记录良好, 提升额度' }) @IsString() @IsNotEmpty() @MaxLength(1000) reason!: string;
}

export class CreditChangeDecisionRequest {
  @ApiProperty({ example: '同意' }) @IsString() @IsNotEmpty() @MaxLength(1000) reason!: string;
}
