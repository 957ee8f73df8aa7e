import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { QUARANTINE_STATUSES, type QuarantineStatus } from '@kamflow/infrastructure';
import { QueryInt } from '../shared/validators';

export const MAX_QUARANTINE_PAGE_SIZE = 200;

/** `projection:<name>`, `process:<name>` or `consumer:<group>`. */
const COMPONENT = /^(projection|process|consumer):[A-Za-z0-9._-]{1,100}$/;

/** `?component=&status=&page=&pageSize=` of the quarantine list. */
export class QuarantineListQuery {
  @ApiPropertyOptional({ example: 'projection:accounts', maxLength: 120, pattern: COMPONENT.source })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  @Matches(COMPONENT, { message: 'component must be projection:<name>, process:<name> or consumer:<group>' })
  component?: string;

  @ApiPropertyOptional({ enum: QUARANTINE_STATUSES })
  @IsOptional()
  @IsIn(QUARANTINE_STATUSES)
  status?: QuarantineStatus;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1_000_000, example: 1 })
  @IsOptional()
  @QueryInt(1, 1_000_000)
  page?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_QUARANTINE_PAGE_SIZE, example: 50 })
  @IsOptional()
  @QueryInt(1, MAX_QUARANTINE_PAGE_SIZE)
  pageSize?: number;
}

/** The id of a quarantined event in the path. */
export class QuarantineIdParam {
  @ApiProperty({ example: '12', pattern: '^[1-9][0-9]{0,14}$' })
  @Matches(/^[1-9][0-9]{0,14}$/, { message: 'id must be a positive integer' })
  id!: string;
}

/** `POST /operations/quarantine/{id}/skip`. */
export class SkipQuarantinedRequest {
  @ApiProperty({ example: 'test account created by a fuzzer; nothing to keep', minLength: 1, maxLength: 500 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason!: string;
}
