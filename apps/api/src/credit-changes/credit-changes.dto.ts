import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { MAX_PAYMENT_TERMS_DAYS } from '@kamflow/credit';
import { CREDIT_GRADES, type CreditGrade } from '@kamflow/shared-kernel';
import { MoneyDto } from '../shared/money.dto';
import { IntInRange, IsOmittable, OptionalNestedObject } from '../shared/validators';

/** A proposed grade / limit / terms change; at least one of them (the decider refuses an empty change). */
export class ProposeCreditChangeRequest {
  @ApiPropertyOptional({ enum: CREDIT_GRADES }) @IsOmittable() @IsIn(CREDIT_GRADES) grade?: CreditGrade;

  @ApiPropertyOptional({ type: MoneyDto, description: 'New credit limit (zero or more)' })
  @OptionalNestedObject(() => MoneyDto)
  limit?: MoneyDto;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: MAX_PAYMENT_TERMS_DAYS, example: 45 })
  @IsOmittable()
  @IntInRange(0, MAX_PAYMENT_TERMS_DAYS)
  paymentTermsDays?: number;

  @ApiProperty({ example: '两年回款记录良好, 提升额度' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

export class CreditChangeDecisionRequest {
  @ApiProperty({ example: '同意' }) @IsString() @IsNotEmpty() @MaxLength(1000) reason!: string;
}
