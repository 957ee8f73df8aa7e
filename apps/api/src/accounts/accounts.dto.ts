import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_PAYMENT_TERMS_DAYS } from '@kamflow/credit';
import { ACCOUNT_TIERS, type AccountTier, CREDIT_GRADES, type CreditGrade, type ServiceModel } from '@kamflow/shared-kernel';
import { MoneyDto } from '../shared/money.dto';
import { PageQueryDto } from '../shared/paging';

export const SERVICE_MODELS: readonly ServiceModel[] = ['DIRECT', 'COMMERCE_PROVIDER'];

export class CreditTermsDto {
  @ApiProperty({ enum: CREDIT_GRADES }) @IsIn(CREDIT_GRADES) grade!: CreditGrade;

  @ApiProperty({ type: MoneyDto, description: 'Credit limit (zero or more)' })
  @ValidateNested()
  @Type(() => MoneyDto)
  limit!: MoneyDto;

  @ApiProperty({ example: 60, minimum: 0, maximum: MAX_PAYMENT_TERMS_DAYS, description: 'Net days' })
  @IsInt()
  @Min(0)
  @Max(MAX_PAYMENT_TERMS_DAYS)
  paymentTermsDays!: number;
}

export class RegisterAccountRequest {
  @ApiProperty({ example: '国网某省电力公司' }) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;

  @ApiProperty({ example: 'government', description: 'government, finance, telecom, education, enterprise, ...' })
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

  @ApiPropertyOptional({ example: 'cp-dc', description: 'Required for COMMERCE_PROVIDER: a registered commerce provider' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  commerceProviderId?: string;

  @ApiPropertyOptional({ type: [String], description: 'Agents (代理商) of the account' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  agents?: string[];

  @ApiProperty({ type: CreditTermsDto })
  @ValidateNested()
  @Type(() => CreditTermsDto)
  credit!: CreditTermsDto;
}

export class ListAccountsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: ACCOUNT_TIERS }) @IsOptional() @IsIn(ACCOUNT_TIERS) tier?: AccountTier;

  @ApiPropertyOptional({ description: 'Part of the name or id' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
}
