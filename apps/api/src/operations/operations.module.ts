import { Module } from '@nestjs/common';
import { FulfilmentModule } from '@apps/fulfilment';
import { QuarantineController } from './quarantine.controller';
import { QuarantineService } from './quarantine.service';

/** Operator routes: the quarantine of events no read model or process could apply. */
@Module({
  imports: [FulfilmentModule],
  controllers: [QuarantineController],
  providers: [QuarantineService],
  exports: [QuarantineService],
})
export class OperationsModule {}
