import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateAccountSchema,
  CreateTokenSchema,
  LoginSchema,
  RedeemInviteSchema,
  SetLocaleSchema,
  UpdateAccountSchema,
  type Account,
  type ApiToken,
  type AuditEntry,
  type CreatedToken,
  type Invite,
  type SessionView,
  type WhoAmI,
} from '@conveyor/shared';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { jsonSchema } from '../../common/openapi.js';
import { parseOrThrow } from '../../common/parse.js';
import { AccountsService } from './accounts.service.js';
import { AuditLog } from './audit.log.js';
import { SESSION_COOKIE, SESSION_DAYS } from './credentials.js';
import { InvitesService } from './invites.service.js';
import { PrincipalResolver } from './principals.js';
import { SessionsService } from './sessions.service.js';
import { TokensService } from './tokens.service.js';
import { Access, type Principal, Audit, Caller } from '../../common/access.js';

const AuditQuerySchema = z.strictObject({
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  action: z.string().trim().min(1).max(60).optional(),
  actorId: z.string().trim().min(1).max(128).optional(),
});

/** Sign-in, sign-out and the caller's own settings. */
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly accountService: AccountsService,
    private readonly inviteService: InvitesService,
    private readonly sessionService: SessionsService,
    private readonly principals: PrincipalResolver,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Access('public')
  @ApiOperation({
    summary:
      'Manager sign-in with email and password: sets an httpOnly session cookie (5 failures per account in 15 min lock it for a while: 429)',
  })
  @ApiBody({ schema: jsonSchema(LoginSchema) })
  async login(@Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<WhoAmI> {
    const input = parseOrThrow(LoginSchema, body);
    const { token, account } = await this.accountService.login(input.email, input.password, req.ip ?? '-', req.headers['user-agent'] ?? '');
    setSessionCookie(req, res, token, SESSION_DAYS.manager);
    return { role: 'manager', id: account.id, name: account.name, locale: null };
  }

  @Post('invite')
  @HttpCode(200)
  @Access('public')
  @ApiOperation({ summary: "An employee's phone redeems a one-time invite code: sets a long-lived session cookie" })
  @ApiBody({ schema: jsonSchema(RedeemInviteSchema) })
  async redeem(@Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<WhoAmI> {
    const { token, employeeId } = await this.inviteService.redeem(
      parseOrThrow(RedeemInviteSchema, body).code,
      req.ip ?? '-',
      req.headers['user-agent'] ?? '',
    );
    setSessionCookie(req, res, token, SESSION_DAYS.employee);
    const who = await this.principals.fromCookie(`${SESSION_COOKIE}=${encodeURIComponent(token)}`);
    return who ? this.accountService.whoAmI(who) : { role: 'employee', id: employeeId, name: employeeId, locale: null };
  }

  @Get('me')
  @Access('employee', 'display', 'integration')
  @ApiOperation({ summary: 'Who the caller is' })
  me(@Caller() who: Principal): WhoAmI {
    return this.accountService.whoAmI(who);
  }

  @Put('locale')
  @Access('employee')
  @ApiOperation({ summary: "The caller's language (ru, en, or null for the office default)" })
  @ApiBody({ schema: jsonSchema(SetLocaleSchema) })
  locale(@Caller() who: Principal, @Body() body: unknown): Promise<WhoAmI> {
    return this.accountService.setLocale(who, parseOrThrow(SetLocaleSchema, body).locale);
  }

  @Get('sessions')
  @Access('employee')
  @ApiOperation({ summary: "The caller's signed-in browsers" })
  sessions(@Caller() who: Principal): Promise<SessionView[]> {
    return who.via === 'session' && (who.role === 'manager' || who.role === 'employee')
      ? this.sessionService.sessionsOf(who.role, who.id)
      : Promise.resolve([]);
  }

  @Post('logout')
  @HttpCode(204)
  @Access('employee')
  @ApiOperation({ summary: 'Sign this browser out' })
  async logout(@Caller() who: Principal, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    if (who.via === 'session') await this.sessionService.logout(who.credentialId);
    setSessionCookie(req, res, '', 0);
  }

  @Post('logout-everywhere')
  @HttpCode(200)
  @Access('employee')
  @ApiOperation({ summary: 'Sign the caller out on every device' })
  async logoutEverywhere(
    @Caller() who: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<{ revoked: number }> {
    const revoked =
      who.via === 'session' && (who.role === 'manager' || who.role === 'employee')
        ? await this.sessionService.logoutEverywhere(who.role, who.id)
        : 0;
    setSessionCookie(req, res, '', 0);
    return { revoked };
  }
}

/** Manager accounts, screens and integration tokens, employees' phone access, and the audit log. */
@ApiTags('access')
@Controller()
export class AccessAdminController {
  constructor(
    private readonly accountService: AccountsService,
    private readonly tokenService: TokensService,
    private readonly inviteService: InvitesService,
    private readonly sessionService: SessionsService,
    private readonly auditLog: AuditLog,
  ) {}

  @Get('accounts')
  @ApiOperation({ summary: 'Manager accounts' })
  accounts(): Promise<Account[]> {
    return this.accountService.list();
  }

  @Post('accounts')
  @HttpCode(201)
  @Audit({ action: 'account.create', target: () => null })
  @ApiOperation({ summary: 'Add a manager account (the first one is made with the admin token)' })
  @ApiBody({ schema: jsonSchema(CreateAccountSchema) })
  createAccount(@Body() body: unknown): Promise<Account> {
    return this.accountService.create(parseOrThrow(CreateAccountSchema, body));
  }

  @Patch('accounts/:id')
  @Audit({
    action: 'account.update',
    before: async (ref, req) => (await ref.get(AccountsService, { strict: false }).list()).find((a) => a.id === req.params.id),
  })
  @ApiOperation({ summary: 'Rename, set a new password or deactivate a manager (both sign them out everywhere)' })
  @ApiBody({ schema: jsonSchema(UpdateAccountSchema) })
  updateAccount(@Param('id') id: string, @Body() body: unknown): Promise<Account> {
    return this.accountService.update(id, parseOrThrow(UpdateAccountSchema, body));
  }

  @Get('tokens')
  @ApiOperation({ summary: 'Display and integration tokens with their last use' })
  tokens(): Promise<ApiToken[]> {
    return this.tokenService.list();
  }

  @Post('tokens')
  @HttpCode(201)
  @Audit({ action: 'token.create', target: () => null })
  @ApiOperation({ summary: 'Create a named screen (display) or integration token; the token is shown in this answer only' })
  @ApiBody({ schema: jsonSchema(CreateTokenSchema) })
  createToken(@Body() body: unknown): Promise<CreatedToken> {
    const input = parseOrThrow(CreateTokenSchema, body);
    return this.tokenService.create(input.kind, input.name);
  }

  @Delete('tokens/:id')
  @Audit({
    action: 'token.revoke',
    before: async (ref, req) => (await ref.get(TokensService, { strict: false }).list()).find((t) => t.id === req.params.id),
  })
  @ApiOperation({ summary: 'Revoke a token: its requests are refused and its live sockets closed at once' })
  revokeToken(@Param('id') id: string): Promise<ApiToken> {
    return this.tokenService.revoke(id);
  }

  @Post('employees/:id/invite')
  @HttpCode(201)
  // The code signs a phone in: the log keeps who was invited and until when, never the code.
  @Audit({ action: 'employee.invite', after: (r) => ({ employeeId: (r as Invite).employeeId, expiresAt: (r as Invite).expiresAt }) })
  @ApiOperation({ summary: "A one-time sign-in link (and QR code) for an employee's phone, valid 7 days" })
  invite(@Param('id') id: string, @Caller() who: Principal): Promise<Invite> {
    return this.inviteService.invite(id, who.id);
  }

  @Get('employees/:id/sessions')
  @ApiOperation({ summary: "An employee's signed-in phones" })
  employeeSessions(@Param('id') id: string): Promise<SessionView[]> {
    return this.sessionService.sessionsOf('employee', id);
  }

  @Delete('employees/:id/sessions')
  @Audit({ action: 'employee.sign-out' })
  @ApiOperation({ summary: 'Sign an employee out of every phone (a lost phone): then send a new invite' })
  async signOutEmployee(@Param('id') id: string): Promise<{ revoked: number }> {
    return { revoked: await this.inviteService.signOutPhones(id) };
  }

  @Get('audit')
  @ApiOperation({
    summary:
      'The audit log of manager actions, newest first, each with what it was about named (`subject`) and the reason given; by action or actor',
  })
  audit(@Query() query: unknown): Promise<AuditEntry[]> {
    const q = parseOrThrow(AuditQuerySchema, query);
    return this.auditLog.list(q.before ?? null, q.limit, { action: q.action, actorId: q.actorId });
  }
}

/** The session cookie: httpOnly, SameSite=Strict, Secure over HTTPS; an empty value clears it. */
function setSessionCookie(req: Request, res: Response, token: string, days: number): void {
  const parts = [`${SESSION_COOKIE}=${encodeURIComponent(token)}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${days * 86_400}`];
  if (req.secure) parts.push('Secure');
  res.setHeader('Set-Cookie', parts.join('; '));
}
