import { Global, Module } from '@nestjs/common';
import { CommandGateway, InProcessCommandGateway, REMOTE_COMMAND_GATEWAY } from './command-gateway';
import { CommandRouter } from './command-router';

/**
 * The process-wide command router every context registers its routes with, and the {@link CommandGateway}
 * edges send commands through: in-process by default, the Kafka gateway when the distributed module
 * provides {@link REMOTE_COMMAND_GATEWAY}.
 */
@Global()
@Module({
  providers: [
    CommandRouter,
    {
      provide: CommandGateway,
      inject: [CommandRouter, { token: REMOTE_COMMAND_GATEWAY, optional: true }],
      useFactory: (router: CommandRouter, remote?: CommandGateway) => remote ?? new InProcessCommandGateway(router),
    },
  ],
  exports: [CommandRouter, CommandGateway],
})
export class CommandsModule {}
