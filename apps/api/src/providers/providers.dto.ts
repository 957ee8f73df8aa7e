import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { type ProviderKind } from '@kamflow/accounts';
import { type ShipmentNextStep, type ShipmentStatus } from '@kamflow/delivery';
import { PageQueryDto } from '../shared/paging';
import { QueryInt } from '../shared/validators';
import { PROVIDER_KINDS } from './provider-list';

export const SHIPMENT_STATUSES: readonly ShipmentStatus[] = [
  'PLANNED',
  'READY_TO_SHIP',
  'PICKED_UP',
  'DISPATCHED',
  'IN_TRANSIT',
  'DELIVERED',
  'FAILED',
  'CANCELLED',
];

export const NEXT_STEPS: readonly ShipmentNextStep[] = [
  'CONFIRM_READY',
  'ISSUE_PICK_UP_NOTE',
  'DISPATCH',
  'REPORT_IN_TRANSIT',
  'DELIVER',
  'INSPECT_AND_SIGN',
  'AWAIT_RESCHEDULE',
  'NONE',
];

export class MyShipmentsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: SHIPMENT_STATUSES })
  @IsOptional()
  @IsIn(SHIPMENT_STATUSES)
  status?: ShipmentStatus;

  @ApiPropertyOptional({ enum: NEXT_STEPS, description: 'Only shipments waiting for this step' })
  @IsOptional()
  @IsIn(NEXT_STEPS)
  nextStep?: ShipmentNextStep;
}

export class ProvidersQuery {
  @ApiPropertyOptional({ enum: PROVIDER_KINDS, description: 'Only providers of this kind' })
  @IsOptional()
  @IsIn(PROVIDER_KINDS)
  kind?: ProviderKind;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: Number.MAX_SAFE_INTEGER,
    description: 'Wait (bounded) until the read model has applied this global position',
  })
  @IsOptional()
  @QueryInt(0, Number.MAX_SAFE_INTEGER)
  minPosition?: number;
}
