import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { UsersService } from './users.service';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG, UsersService],
      extraProviders: [UsersService],
      useFactory: async (config: AppConfig, users: UsersService) => {
        await users.onModuleInit();
        return {
          secret: config.jwtSecret ?? (await users.signingSecret()),
          signOptions: { expiresIn: config.jwtTtlSeconds, issuer: 'kamflow' },
          verifyOptions: { issuer: 'kamflow' },
        };
      },
    }),
  ],
  controllers: [AuthController],
  providers: [UsersService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [UsersService],
})
export class AuthModule {}
