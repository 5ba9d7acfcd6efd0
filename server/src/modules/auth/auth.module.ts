import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CoreModule } from '../../core/core.module.js';
import { OrgModule } from '../org/org.module.js';
import { AccessAdminController, AuthController } from './access.controller.js';
import { AccountEntity, ApiTokenEntity, AuditEntity, InviteEntity, SessionEntity } from './access.entities.js';
import { AccessFacts } from './access.facts.js';
import { AccessRepository } from './access.repository.js';
import { AccountsService } from './accounts.service.js';
import { AuditInterceptor } from './audit.interceptor.js';
import { AuditLog } from './audit.log.js';
import { AuthGuard } from './auth.guard.js';
import { InvitesService } from './invites.service.js';
import { PrincipalResolver } from './principals.js';
import { SessionsService } from './sessions.service.js';
import { SignInThrottle } from './sign-in-throttle.js';
import { TokensService } from './tokens.service.js';

/**
 * Who may do what: manager accounts, phone invites and sessions, named tokens, the audit log. Its
 * guard (every route) and audit interceptor (every manager action) apply app-wide; the live socket resolves callers
 * through `PrincipalResolver`.
 */
@Module({
  imports: [CoreModule, OrgModule, TypeOrmModule.forFeature([AccountEntity, SessionEntity, InviteEntity, ApiTokenEntity, AuditEntity])],
  controllers: [AuthController, AccessAdminController],
  providers: [
    AccessRepository,
    PrincipalResolver,
    SignInThrottle,
    SessionsService,
    AccountsService,
    InvitesService,
    TokensService,
    AuditLog,
    AccessFacts,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
  ],
  exports: [PrincipalResolver, AccessFacts],
})
export class AuthModule {}
