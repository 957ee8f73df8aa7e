import { Body, Controller, Get, HttpCode, Post, UnauthorizedException } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { JwtService } from '@nestjs/jwt';
import { type AuthenticatedActor, type JwtClaims } from './actor';
import { CurrentActor, Public } from './decorators';
import { UsersService } from './users.service';

export class LoginRequest {
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  username!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password!: string;
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
  ) {}

  /** Exchanges a username and password for a bearer token. */
  @Public()
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: LoginRequest) {
    const user = await this.users.verify(body.username, body.password);
    if (!user) throw new UnauthorizedException('Unknown user or wrong password');
    const claims: JwtClaims = {
      sub: user.username,
      name: user.displayName,
      roles: user.roles,
      ...(user.providerId ? { pid: user.providerId } : {}),
    };
    const accessToken = await this.jwt.signAsync(claims);
    return {
      accessToken,
      tokenType: 'Bearer',
      roles: user.roles,
      username: user.username,
      displayName: user.displayName,
      providerId: user.providerId,
    };
  }

  /** Who the token belongs to. */
  @ApiBearerAuth()
  @Get('me')
  me(@CurrentActor() actor: AuthenticatedActor) {
    return {
      username: actor.username,
      displayName: actor.displayName,
      roles: actor.roles,
      providerId: actor.providerId,
    };
  }
}
