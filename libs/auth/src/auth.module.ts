import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditService } from './audit/audit.service.js';
import { AuditEventEntity } from './audit/audit-event.entity.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './login/auth.service.js';
import { AuthApiController } from './login/auth-api.controller.js';
import { LoginPageController } from './login/login-page.controller.js';
import { SessionStore } from './login/session-store.js';
import { PolicyService } from './policy/policy.service.js';
import { ApiTokenEntity } from './tokens/api-token.entity.js';
import { TokensService } from './tokens/tokens.service.js';
import { UserEntity } from './users/user.entity.js';
import { UsersRepository } from './users/users.repository.js';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, ApiTokenEntity, AuditEventEntity])],
  controllers: [AuthApiController, LoginPageController],
  providers: [
    SessionStore,
    UsersRepository,
    TokensService,
    AuthService,
    PolicyService,
    AuditService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [SessionStore, UsersRepository, PolicyService, AuditService, AuthService],
})
export class AuthModule {}
