import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CHANNELS, type Channel } from '@kamflow/shared-kernel';

export class ValidateConfigurationRequest {
  @ApiProperty({ example: 'TC-M70T-G4' }) @IsString() @IsNotEmpty() @MaxLength(60) modelId!: string;

  @ApiProperty({ type: [String], example: ['CPU-I5-13500', 'MEM-16G', 'SSD-512G', 'OS-KYLIN-V10'] })
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

  @ApiPropertyOptional({ example: 'acc-sgcc', description: 'Prices with this account’s tier discount; else ORDINARY' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  accountId?: string;

  @ApiPropertyOptional({ example: 20, description: 'Units; adds the line total' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  quantity?: number;
}
