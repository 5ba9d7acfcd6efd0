import { Logger } from '@nestjs/common';
import { MAX_UPDATES_PER_SECOND } from '@conveyor/shared';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { Namespace } from 'socket.io';
import { redactUrl } from '../../config/config.js';
import { connectOrExplain, type RedisLink } from '../../core/redis.js';
import type { BoardState } from '../standings/standings.service.js';
import { isLiveFact, type LiveBus, type LiveFact } from './live-bus.js';
import { advance, dueIn, fingerprint, LocalRoomVersions, markFields, parseMark, type Advance, type RoomVersions } from './room-versions.js';

const PREFIX = 'conveyor:live';
const FACTS_CHANNEL = `${PREFIX}:facts`;
const WINDOW_MS = 1000 / MAX_UPDATES_PER_SECOND;
/** A room lock outlives any one read and broadcast; if its holder dies, the room is free again after this. */
const LOCK_TTL_MS = 5000;
/** How long an instance waits for a room before going on without the lock (the holder is stuck or gone). */
const LOCK_WAIT_MS = 6000;
const LOCK_RETRY_MS = 8;
/** Room marks of boards nobody watches any more go after a week. */
const MARK_TTL_MS = 7 * 24 * 3600 * 1000;
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/**
 * Several instances on one Redis: socket.io's Redis adapter carries every broadcast to the sockets of
 * all instances; facts that move boards are published for the other instances; each room's version
 * and last broadcast are kept in Redis, and a short per-room lock makes "read the board, compare,
 * take the next version, broadcast" one step across instances, so a change seen by several
 * instances goes out once, with the next version, in order.
 *
 * Everything goes through one publishing connection (locks, marks, the adapter's broadcasts), so a
 * room's broadcast reaches Redis before its lock is released and the next version is published
 * after it. While Redis is away each instance serves its own sockets with its own numbering (local
 * emits, no queued publishes) and logs that once; when it is back every room is read again and the
 * versions go on from the highest any instance used, so a client either takes the next version or
 * sees a gap and subscribes again, as the contract says.
 */
export class RedisLiveBus implements LiveBus {
  readonly versions: RoomVersions;
  private readonly log = new Logger('Live');
  private readonly instance = randomUUID();
  private readonly local = new LocalRoomVersions();
  private listener: (fact: LiveFact) => void = () => undefined;
  private rejoined: () => void = () => undefined;
  private up = true;

  private constructor(
    private readonly url: string,
    private readonly pub: Redis,
    private readonly sub: Redis,
  ) {
    this.versions = {
      current: (room) => this.current(room),
      exclusive: (room, work) => this.exclusive(room, work),
      dueIn: (room) => this.dueIn(room),
      next: (room, state, previousKey) => this.next(room, state, previousKey),
      forget: (room) => this.local.forget(room),
    };
    for (const client of [pub, sub])
      for (const event of ['ready', 'close', 'end', 'reconnecting'] as const) client.on(event, () => this.watch());
    sub.on('message', (channel: string, message: string) => {
      if (channel === FACTS_CHANNEL) this.receive(message);
    });
  }

  /** Opens the adapter's two connections (one publishes and runs the room commands, one subscribes). */
  static async open(url: string, redis: RedisLink): Promise<RedisLiveBus> {
    // Publishes fail at once while Redis is away (never queued, never sent again after a reconnect: an
    // old update replayed later would be news out of order); commands give up after 2 s.
    const pub = redis.duplicate('live-pub', { maxRetriesPerRequest: 0, autoResendUnfulfilledCommands: false, commandTimeout: 2000 });
    const sub = redis.duplicate('live-sub');
    await Promise.all([connectOrExplain(pub, url), connectOrExplain(sub, url)]);
    await sub.subscribe(FACTS_CHANNEL);
    return new RedisLiveBus(url, pub, sub);
  }

  shared(): boolean {
    return this.pub.status === 'ready' && this.sub.status === 'ready';
  }

  attach(ns: Namespace): void {
    ns.server.adapter(createAdapter(guardPublish(this.pub), this.sub, { key: `${PREFIX}:io` }));
  }

  announce(fact: LiveFact): void {
    if (!this.shared()) return;
    this.pub.publish(FACTS_CHANNEL, JSON.stringify({ from: this.instance, fact })).catch(() => undefined);
  }

  listen(listener: (fact: LiveFact) => void, rejoined: () => void): void {
    this.listener = listener;
    this.rejoined = rejoined;
  }

  async close(): Promise<void> {
    await this.sub.unsubscribe(FACTS_CHANNEL).catch(() => undefined);
  }

  private receive(message: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(message);
    } catch {
      return;
    }
    const { from, fact } = (parsed ?? {}) as { from?: unknown; fact?: unknown };
    if (from !== this.instance && isLiveFact(fact)) this.listener(fact);
  }

  /** One line when Redis goes, one when it is back (and then every room is read again). */
  private watch(): void {
    const now = this.shared();
    if (now === this.up) return;
    this.up = now;
    if (now) {
      this.log.warn(`Redis at ${redactUrl(this.url)} is back: live updates cross instances again`);
      this.rejoined();
    } else {
      this.log.error(`Redis at ${redactUrl(this.url)} lost: live updates reach this instance's sockets only until it is back`);
    }
  }

  private async current(room: string): Promise<number> {
    if (this.shared()) {
      try {
        const version = Number(await this.pub.hget(markKey(room), 'v'));
        if (Number.isSafeInteger(version)) this.local.raise(room, version);
      } catch {
        // Redis went away mid-way: this instance's own count.
      }
    }
    return this.local.peek(room);
  }

  private async exclusive<T>(room: string, work: () => Promise<T>): Promise<T> {
    const token = this.shared() ? await this.lock(room) : null;
    try {
      return await work();
    } finally {
      if (token) this.pub.eval(RELEASE, 1, lockKey(room), token).catch(() => undefined);
    }
  }

  /** The room's lock, or null when Redis is away or the holder kept it too long (then the room goes on unlocked). */
  private async lock(room: string): Promise<string | null> {
    const token = `${this.instance}:${randomUUID()}`;
    const until = Date.now() + LOCK_WAIT_MS;
    try {
      while (Date.now() < until) {
        if ((await this.pub.set(lockKey(room), token, 'PX', LOCK_TTL_MS, 'NX')) === 'OK') return token;
        await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS + Math.random() * LOCK_RETRY_MS));
        if (!this.shared()) return null;
      }
    } catch {
      return null;
    }
    this.log.warn(`live room ${room}: its lock was held for ${LOCK_WAIT_MS} ms; going on without it`);
    return null;
  }

  private async dueIn(room: string): Promise<number> {
    if (!this.shared()) return 0;
    try {
      return dueIn(parseMark(await this.pub.hgetall(markKey(room))), Date.now(), WINDOW_MS);
    } catch {
      return 0;
    }
  }

  private async next(room: string, state: BoardState, previousKey: string | null): Promise<Advance> {
    if (this.shared()) {
      try {
        const key = markKey(room);
        const last = parseMark(await this.pub.hgetall(key));
        if (last) this.local.raise(room, last.version);
        const now = Date.now();
        const seen = { fingerprint: fingerprint(state), periodKey: state.key };
        const step = advance(last, seen, now, WINDOW_MS, this.local.peek(room));
        if (step.kind === 'send') {
          await this.pub
            .multi()
            .hset(key, markFields({ version: step.version, ...seen, at: now }))
            .pexpire(key, MARK_TTL_MS)
            .exec();
          this.local.raise(room, step.version);
        }
        return step;
      } catch {
        // Redis went away mid-way: this instance numbers alone until it is back.
      }
    }
    return this.local.next(room, state, previousKey);
  }
}

function markKey(room: string): string {
  return `${PREFIX}:room:${room}`;
}

function lockKey(room: string): string {
  return `${PREFIX}:lock:${room}`;
}

/**
 * The adapter publishes without waiting for the answer; with Redis away that answer is an error no
 * one would catch (and an unhandled rejection ends the process). This view of the connection
 * swallows it: the broadcast still reached this instance's sockets.
 */
function guardPublish(client: Redis): Redis {
  return new Proxy(client, {
    get(target, property) {
      if (property === 'publish') {
        return (channel: string | Buffer, message: string | Buffer) => target.publish(channel, message).catch(() => 0);
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
