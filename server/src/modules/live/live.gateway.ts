import { Logger } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, type OnGatewayInit } from '@nestjs/websockets';
import { issuesToFieldErrors, LIVE_NAMESPACE, LiveEvent, SubscribeRequestSchema } from '@conveyor/shared';
import type { Namespace, Socket } from 'socket.io';
import { AppConfig } from '../../config/config.js';
import { TokenService } from '../auth/token.service.js';
import { LiveHub } from './live.hub.js';

/**
 * The `/live` socket: authenticates the handshake (token and Origin) in a middleware, since Nest
 * guards do not run on connection, validates what clients send, and leaves the rest to the hub.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class LiveGateway implements OnGatewayInit {
  private readonly log = new Logger('Live');

  constructor(
    private readonly hub: LiveHub,
    private readonly tokens: TokenService,
    private readonly config: AppConfig,
  ) {}

  afterInit(ns: Namespace): void {
    ns.use((socket, next) => {
      const { origin, host } = socket.handshake.headers;
      if (origin && !this.originAllowed(origin, host)) {
        this.log.warn(`refused socket from ${socket.handshake.address}: foreign origin ${origin}`);
        return next(new Error('forbidden origin'));
      }
      const who = this.tokens.principalOf((socket.handshake.auth as { token?: unknown } | undefined)?.token);
      if (!who) {
        this.log.warn(`refused socket from ${socket.handshake.address}: no valid token`);
        return next(new Error('unauthorized'));
      }
      socket.data.principal = who;
      next();
    });
    this.hub.attach(ns);
  }

  @SubscribeMessage(LiveEvent.subscribe)
  subscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): void {
    const parsed = SubscribeRequestSchema.safeParse(body);
    if (!parsed.success) {
      socket.emit(LiveEvent.error, { message: 'Bad subscribe request', errors: issuesToFieldErrors(parsed.error.issues) });
      return;
    }
    this.hub.subscribe(socket, parsed.data.boards);
  }

  @SubscribeMessage(LiveEvent.unsubscribe)
  unsubscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): void {
    const parsed = SubscribeRequestSchema.safeParse(body);
    if (parsed.success) this.hub.unsubscribeFrom(socket, parsed.data.boards);
  }

  private originAllowed(origin: string, host: string | undefined): boolean {
    if (this.config.allowedOrigins.includes(origin)) return true;
    try {
      return new URL(origin).host === host;
    } catch {
      return false;
    }
  }
}
