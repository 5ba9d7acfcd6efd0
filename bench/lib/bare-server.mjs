// The bare socket.io baseline: a plain Node http + socket.io 4.8 server (no Nest, no database) that speaks
// the same wire contract as Conveyor's /live namespace, so the same fleet and load generator can run
// against it. POST /api/events answers at once and queues one award per event; awards go out as batches
// to every subscriber, with the same coalescing as Conveyor's LiveHub (the first at once, then at most one
// batch per window), and each window also pushes a `standings:update` of the teams board (in-memory totals).
//
//   node bench/lib/bare-server.mjs --port=N --token=SOCKET_TOKEN --admin-token=POST_TOKEN [--window-ms=250] [--update-window-ms=W]
// --window-ms is the awards window (0: one broadcast per POST); standings updates use --update-window-ms
// (default: the same as the awards window, as in LiveHub).
// Prints "bare listening on http://127.0.0.1:N" when ready.
import http from 'node:http';
import { Server } from 'socket.io';
import { parseArgs } from './common.mjs';

const args = parseArgs();
const port = Number(args.port ?? 0);
const token = String(args.token ?? '');
const adminToken = String(args.adminToken ?? '');
const windowMs = Number(args.windowMs ?? 250);
const updateWindowMs = Number(args.updateWindowMs ?? windowMs);
const TEAMS = 6;

const totals = new Map(Array.from({ length: TEAMS }, (_, i) => [`team${i + 1}`, 0]));
let version = 0;
let nextAwardId = 1;
let pending = [];

function standings() {
  const rows = [...totals.entries()]
    .map(([id, points]) => {
      const n = id.slice(4);
      const members = [
        { employeeId: `tm${n}`, name: `telemarketer ${n}`, role: 'telemarketer' },
        { employeeId: `sales${n}`, name: `sales ${n}`, role: 'sales' },
        { employeeId: `acc${n}`, name: `account ${n}`, role: 'account' },
      ];
      return { id, name: `Team ${n}`, points, members };
    })
    .sort((a, b) => b.points - a.points || a.name.localeCompare(b.name));
  let rank = 0;
  rows.forEach((r, i) => (r.rank = i > 0 && rows[i - 1].points === r.points ? rank : (rank = i + 1)));
  const now = new Date();
  return {
    board: 'teams',
    period: 'month',
    at: now.toISOString().slice(0, 10),
    key: now.toISOString().slice(0, 7),
    start: now.toISOString(),
    end: now.toISOString(),
    version,
    rows,
  };
}

const server = http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/api/events') {
    res.writeHead(404).end();
    return;
  }
  if (req.headers.authorization !== `Bearer ${adminToken}`) {
    res.writeHead(401).end();
    return;
  }
  const parts = [];
  req.on('data', (c) => parts.push(c));
  req.on('end', () => {
    let events;
    try {
      const body = JSON.parse(Buffer.concat(parts).toString());
      events = Array.isArray(body) ? body : [body];
    } catch {
      res.writeHead(400).end();
      return;
    }
    const receivedAt = new Date().toISOString();
    for (const e of events) {
      const team = `team${e.employeeId?.replace(/\D/g, '') || 1}`;
      const points = e.type === 'call' ? 1 : 15;
      totals.set(team, (totals.get(team) ?? 0) + points);
      pending.push({
        id: nextAwardId++,
        eventId: e.id,
        employeeId: e.employeeId ?? null,
        teamId: team,
        points,
        rule: e.type === 'call' ? 'telemarketer.call' : 'telemarketer.meeting_scheduled',
        reason: `${e.employeeId}: ${e.type === 'call' ? `successful call, ${e.durationSec} s` : 'meeting scheduled'}, +${points}`,
        occurredAt: e.occurredAt,
      });
    }
    const body = JSON.stringify({ count: events.length, events: events.map((e) => ({ id: e.id, receivedAt })) });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
    schedule();
  });
});

const io = new Server(server);
const live = io.of('/live');
live.use((socket, next) => (socket.handshake.auth?.token === token ? next() : next(new Error('unauthorized'))));
live.on('connection', (socket) => {
  socket.on('subscribe', (req) => {
    for (const { board, period } of req?.boards ?? []) {
      socket.emit('standings:snapshot', standings());
      socket.join(`${board}|${period}|current`);
    }
    socket.join('awards');
  });
});

/** The first award batch of a quiet spell goes at once, later ones at most one per window (LiveHub's policy). */
let awardTimer = null;
let lastAwardsAt = 0;
let updateTimer = null;
let lastUpdateAt = 0;
let dirty = false;

function schedule() {
  dirty = true;
  if (!awardTimer) awardTimer = setTimeout(flushAwards, Math.max(0, lastAwardsAt + windowMs - Date.now()));
  if (!updateTimer) updateTimer = setTimeout(flushUpdate, Math.max(0, lastUpdateAt + updateWindowMs - Date.now()));
}

function flushAwards() {
  awardTimer = null;
  lastAwardsAt = Date.now();
  const batch = pending;
  pending = [];
  if (batch.length > 0) live.to('awards').emit('awards', batch);
}

function flushUpdate() {
  updateTimer = null;
  lastUpdateAt = Date.now();
  if (!dirty) return;
  dirty = false;
  version++;
  live.to('teams|month|current').emit('standings:update', standings());
}

server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`bare listening on http://127.0.0.1:${server.address().port}\n`);
});
process.on('SIGTERM', () => {
  io.close();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
});
