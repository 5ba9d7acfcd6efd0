import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DomainError } from '../../common/domain-error.js';
import { ACCESS_KEY, type AccessLevel } from './access.js';
import { bearerToken, TokenService } from './token.service.js';

/** Every REST handler is for managers unless marked otherwise; refusals are logged. */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly log = new Logger('Auth');

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    // Sockets are authenticated once, at the handshake (see LiveGateway); their messages are read-only.
    if (context.getType() !== 'http') return true;
    const level = this.reflector.getAllAndOverride<AccessLevel | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]) ?? 'manager';
    if (level === 'public') return true;
    const req = context.switchToHttp().getRequest<Request>();
    const who = this.tokens.principalOf(bearerToken(req.headers.authorization));
    if (!who) {
      this.log.warn(`refused ${req.method} ${req.path} from ${req.ip}: no valid token`);
      throw new DomainError('unauthenticated', 'A valid bearer token is required', [{ index: 0, field: 'authorization', reason: 'missing or unknown bearer token' }]);
    }
    if (level === 'manager' && who !== 'manager') {
      this.log.warn(`refused ${req.method} ${req.path} from ${req.ip}: ${who} token, needs manager`);
      throw new DomainError('forbidden', 'This needs a manager token', [{ index: 0, field: 'authorization', reason: `a ${who} token may not do this` }]);
    }
    return true;
  }
}
