import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { MAX_PAYMENT_TERMS_DAYS } from '@kamflow/credit';
import {
  ACCOUNT_TIERS,
  type AccountTier,
  CREDIT_GRADES,
  type CreditGrade,
  type ServiceModel,
} from '@kamflow/shared-kernel';
import { MoneyDto } from '../shared/money.dto';
import { PageQueryDto } from '../shared/paging';
import { IntInRange, IsOmittable, NestedObject } from '../shared/validators';

export const SERVICE_MODELS: readonly ServiceModel[] = ['DIRECT', 'COMMERCE_PROVIDER'];

export class CreditTermsDto {
  @ApiProperty({ enum: CREDIT_GRADES }) @IsIn(CREDIT_GRADES) grade!: CreditGrade;

  @ApiProperty({ type: MoneyDto, description: 'Credit limit (zero or more)' })
  @NestedObject(() => MoneyDto)
  limit!: MoneyDto;

  @ApiProperty({
    type: 'integer',
    example: 60,
    minimum: 0,
    maximum: MAX_PAYMENT_TERMS_DAYS,
    description: 'Net days',
  })
  @IntInRange(0, MAX_PAYMENT_TERMS_DAYS)
  paymentTermsDays!: number;
}

export class RegisterAccountRequest {
  @ApiProperty({ example: '国网某省电力公司' }) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;

  @ApiProperty({
    example: 'government',
    description: 'government, finance, telecom, education, enterprise, ...',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  industry!: string;

  @ApiProperty({ enum: ACCOUNT_TIERS }) @IsIn(ACCOUNT_TIERS) tier!: AccountTier;

  @ApiProperty({ example: 'Beijing' }) @IsString() @IsNotEmpty() @MaxLength(100) region!: string;

  @ApiProperty({ example: 'manager', description: 'Username of the account manager (客户经理)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  accountManager!: string;

  @ApiProperty({ enum: SERVICE_MODELS }) @IsIn(SERVICE_MODELS) serviceModel!: ServiceModel;

  @ApiPropertyOptional({
    example: 'cp-dc',
    description: 'Required for COMMERCE_PROVIDER: a registered commerce provider',
  })
  @IsOmittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  commerceProviderId?: string;

  @ApiPropertyOptional({ type: [String], maxItems: 50, description: 'Agents (代理商) of the account' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  agents?: string[];

  @ApiProperty({ type: CreditTermsDto })
  @NestedObject(() => CreditTermsDto)
  credit!: CreditTermsDto;
}

export class ListAccountsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: ACCOUNT_TIERS }) @IsOptional() @IsIn(ACCOUNT_TIERS) tier?: AccountTier;

  @ApiPropertyOptional({ example: '国网', maxLength: 100, description: 'Part of the name or id' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}
