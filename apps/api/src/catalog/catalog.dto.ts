import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { CHANNELS, type Channel } from '@kamflow/shared-kernel';
import { IntInRange, IsOmittable } from '../shared/validators';

export class ValidateConfigurationRequest {
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

  @ApiProperty({ enum: CHANNELS }) @IsIn(CHANNELS) channel!: Channel;

  @ApiProperty({ example: 'Beijing', description: 'Delivery region (city)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  region!: string;

  @ApiPropertyOptional({
    example: 'acc-sgcc',
    description: 'Prices with this account’s tier discount; else ORDINARY',
  })
  @IsOmittable()
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  accountId?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 100_000,
    example: 20,
    description: 'Units; adds the line total',
  })
  @IsOmittable()
  @IntInRange(1, 100_000)
  quantity?: number;
}
