import { Inject, Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  type OnGatewayConnection,
  type OnGatewayInit,
} from '@nestjs/websockets';
import { issuesToFieldErrors, LIVE_NAMESPACE, LiveEvent, SubscribeRequestSchema } from '@conveyor/shared';
import type { Namespace, Socket } from 'socket.io';
import { AppConfig } from '../../config/config.js';
import { AppEvents } from '../../common/app-events.js';
import { countSockets } from '../../common/metrics.js';
import { PrincipalResolver } from '../auth/principals.js';
import { LiveHub } from './live.hub.js';
import { Principal } from '../../common/access.js';
import { LIVE_BUS, type LiveBus } from './live-bus.js';

/**
 * The `/live` socket: authenticates the handshake (token and Origin) in a middleware, since Nest
 * guards do not run on connection, validates what clients send, and leaves the rest to the hub.
 */
/** What the handshake leaves on a socket. */
interface SocketData {
  principal?: Principal;
}

@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class LiveGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly log = new Logger('Live');

  constructor(
    private readonly hub: LiveHub,
    private readonly principals: PrincipalResolver,
    private readonly config: AppConfig,
    private readonly events: AppEvents,
    @Inject(LIVE_BUS) private readonly bus: LiveBus,
  ) {}

  afterInit(ns: Namespace): void {
    // First, before any socket: with several instances, the adapter that reaches all their sockets.
    this.bus.attach(ns);
    ns.use((socket, next) => {
      const { origin, host } = socket.handshake.headers;
      if (origin && !this.originAllowed(origin, host)) {
        this.log.warn(`refused socket from ${socket.handshake.address}: foreign origin ${origin}`);
        return next(new Error('forbidden origin'));
      }
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      const resolve =
        typeof token === 'string' && token !== ''
          ? this.principals.fromBearer(token)
          : this.principals.fromCookie(socket.handshake.headers.cookie);
      resolve
        .then((who) => {
          if (!who || who.role === 'integration') {
            this.log.warn(
              `refused socket from ${socket.handshake.address}: ${who ? 'an integration token may only send events' : 'no valid token or session'}`,
            );
            return next(new Error('unauthorized'));
          }
          (socket.data as SocketData).principal = who;
          next();
        })
        .catch((error: unknown) => next(error instanceof Error ? error : new Error(String(error))));
    });
    // A revoked screen, phone or session loses its live feed at once, on every instance (the adapter
    // carries the disconnect to the others' sockets in the credential's room).
    this.events.on('credentials.revoked', (ids) => {
      if (ids.length > 0) (this.bus.shared() ? ns : ns.local).in(ids.map(credentialRoom)).disconnectSockets(true);
    });
    this.hub.attach(ns);
    countSockets(ns);
  }

  handleConnection(socket: Socket): void {
    const credentialId = (socket.data as SocketData).principal?.credentialId;
    if (credentialId) void socket.join(credentialRoom(credentialId));
  }

  @SubscribeMessage(LiveEvent.subscribe)
  subscribe(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): void {
    const parsed = SubscribeRequestSchema.safeParse(body);
    if (!parsed.success) {
      socket.emit(LiveEvent.error, {
        code: 'request.malformed',
        message: 'Bad subscribe request',
        errors: issuesToFieldErrors(parsed.error.issues, 0, '', body),
      });
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

function credentialRoom(credentialId: string): string {
  return `credential:${credentialId}`;
}
