import { Global, Module } from '@nestjs/common';
import { CommandRouter } from './command-router';

/** The process-wide command router every context registers its routes with. */
@Global()
@Module({ providers: [CommandRouter], exports: [CommandRouter] })
export class CommandsModule {}
