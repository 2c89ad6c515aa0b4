import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '#libs/web';
import { Authenticated, Public } from '../access.decorators.js';
import { CurrentUser } from '../current-user.js';
import type { AuthUser } from '../users/role.js';
import { AuthService } from './auth.service.js';
import { LoginDto, TokenResponseDto, UserDto } from './login.dto.js';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthApiController {
  constructor(private readonly auth: AuthService) {}

  @Post('token')
  @HttpCode(201)
  @Public()
  @ApiOperation({ summary: 'Byt e-mail og adgangskode til et bearer-token (12 timer)' })
  @ApiCreatedResponse({ type: TokenResponseDto })
  @ApiProblems(401, 429)
  token(@Body() body: LoginDto): Promise<TokenResponseDto> {
    return this.auth.issueToken(body.email, body.password);
  }

  @Get('me')
  @Authenticated()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Den indloggede bruger' })
  @ApiOkResponse({ type: UserDto })
  me(@CurrentUser() user: AuthUser): UserDto {
    return user;
  }
}
