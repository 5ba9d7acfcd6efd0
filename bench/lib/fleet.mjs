// The socket fleet: a child process holding N socket.io clients on /live, run apart from the load
// generator so that decoding N copies of every broadcast does not delay the POSTs (and so that the
// send timestamps stay honest). It timestamps each `awards` message on CLOCK_MONOTONIC, which the
// parent's send timestamps share, and computes the latencies when the parent hands over its send times.
//
// Parent → fleet (IPC): { cmd: 'connect', url, token, clients, board, period, boards?, reconnect?, concurrency }
//                        { cmd: 'run', prefix }            start recording awards whose eventId starts with prefix
//                        { cmd: 'collect', sent: [[eventId, sentAtMs], ...], compact? }
//                        { cmd: 'expect', key, points }    a client is "back" when, since its last (re)connect, it
//                                                          has a snapshot of every board and `key`'s points add up to `points`
//                        { cmd: 'status' }                 how many are connected and back, and when the last came back
//                        { cmd: 'close' }
// Fleet → parent:        { type: 'connected', ... } | { type: 'result', ... } | { type: 'status', ... } | { type: 'closed' }
//                        | { type: 'error', message }
// `boards` (default [{ board, period }]) is what every client subscribes to, again after each reconnect.
// `reconnect` lets socket.io reconnect the way the real screens do (client/src/lib/realtime/reconnect.ts).
// `compact` answers with a 1 ms latency histogram and per-event figures instead of per-delivery work, so
// several fleets can be merged by the parent.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io } from 'socket.io-client';
import { cpuMeter, nowMs, sleep, summarize } from './common.mjs';

let sockets = [];
let prefix = null;
/** eventId → Float64Array of first receive time per client (NaN until received). */
let received = new Map();
let duplicates = 0;
let updates = 0;
let awardMessages = 0;
let errors = 0;
let firstError = '';
let loop = null;
let cpu = null;
/** Per client: board keys with a snapshot since the last (re)connect, whether the expected one matched, when complete. */
let fresh = [];
let matched = [];
let completeAt = [];
let boardKeys = [];
let expectation = null;
let disconnects = 0;
let reconnects = 0;

const keyOf = (s) => `${s.board}|${s.period}`;

/** socket.io-client's reconnection as the real screens use it (client/src/lib/realtime/reconnect.ts). */
const SCREEN_RECONNECT = { reconnection: true, reconnectionDelay: 1000, reconnectionDelayMax: 3000, randomizationFactor: 0.5 };

function onSnapshot(i, standings) {
  const key = keyOf(standings);
  if (!boardKeys.includes(key)) return;
  fresh[i].add(key);
  if (expectation && key === expectation.key) {
    const points = (standings.rows ?? []).reduce((sum, row) => sum + (row.points ?? 0), 0);
    matched[i] = points === expectation.points;
  }
  if (Number.isNaN(completeAt[i]) && fresh[i].size === boardKeys.length && (!expectation || matched[i])) completeAt[i] = nowMs();
}

function onAwards(index, batch) {
  const t = nowMs();
  awardMessages++;
  if (prefix === null) return;
  for (const award of batch) {
    const id = award.eventId;
    if (typeof id !== 'string' || !id.startsWith(prefix)) continue;
    let times = received.get(id);
    if (!times) {
      times = new Float64Array(sockets.length).fill(NaN);
      received.set(id, times);
    }
    if (Number.isNaN(times[index])) times[index] = t;
    else duplicates++; // a second award for the same event (e.g. the daily-norm bonus), or a resend
  }
}

async function connect({ url, token, clients, board, period, boards, reconnect = false, concurrency = 50, timeoutMs = 120_000 }) {
  const t0 = nowMs();
  const deadline = t0 + timeoutMs;
  const subs = boards ?? [{ board, period }];
  boardKeys = subs.map(keyOf);
  fresh = Array.from({ length: clients }, () => new Set());
  matched = new Array(clients).fill(false);
  completeAt = new Float64Array(clients).fill(NaN);
  const all = [];
  for (let start = 0; start < clients; start += concurrency) {
    const wave = [];
    for (let i = start; i < Math.min(clients, start + concurrency); i++) {
      const socket = io(`${url}/live`, {
        auth: { token },
        transports: ['websocket'],
        forceNew: true,
        timeout: 20_000,
        ...(reconnect ? SCREEN_RECONNECT : { reconnection: false }),
      });
      socket.on('awards', (batch) => onAwards(i, batch));
      socket.on('standings:update', () => updates++);
      socket.on('standings:snapshot', (standings) => onSnapshot(i, standings));
      socket.on('disconnect', () => {
        disconnects++;
        fresh[i].clear();
        matched[i] = false;
        completeAt[i] = NaN;
      });
      // Every (re)connect subscribes again, as the screens do.
      let connectedBefore = false;
      socket.on('connect', () => {
        if (connectedBefore) reconnects++;
        connectedBefore = true;
        socket.emit('subscribe', { boards: subs });
      });
      socket.on('live:error', (e) => {
        errors++;
        firstError ||= JSON.stringify(e);
      });
      all[i] = socket;
      wave.push(
        new Promise((resolve) => {
          socket.once('connect', () => resolve());
          socket.once('connect_error', (e) => {
            errors++;
            firstError ||= String(e?.message ?? e);
            resolve();
          });
        }),
      );
    }
    await Promise.all(wave);
  }
  sockets = all;
  const subscribed = () => completeAt.reduce((n, t) => n + (Number.isNaN(t) ? 0 : 1), 0);
  while (subscribed() < clients && nowMs() < deadline) await sleep(50);
  return { connected: sockets.filter((s) => s.connected).length, subscribed: subscribed(), ms: nowMs() - t0, errors, firstError };
}

function status() {
  let back = 0;
  let lastBackAt = -Infinity;
  for (const t of completeAt) {
    if (Number.isNaN(t)) continue;
    back++;
    lastBackAt = Math.max(lastBackAt, t);
  }
  return { connected: sockets.filter((s) => s.connected).length, back, lastBackAt, disconnects, reconnects, errors, firstError };
}

/** Latencies as a 1 ms histogram ([[ms, count], ...], sparse) and, per sent event, [clients that got it, last ms]. */
function collectCompact(sent) {
  const buckets = new Map();
  const perEvent = [];
  let missing = 0;
  for (const [id, sentAt] of sent) {
    const times = received.get(id);
    let got = 0;
    let last = NaN;
    if (times) {
      for (const t of times) {
        if (Number.isNaN(t)) continue;
        got++;
        const ms = t - sentAt;
        const b = Math.max(0, Math.floor(ms));
        buckets.set(b, (buckets.get(b) ?? 0) + 1);
        last = Number.isNaN(last) ? ms : Math.max(last, ms);
      }
    }
    missing += sockets.length - got;
    perEvent.push([got, last]);
  }
  return {
    clients: sockets.length,
    histogram: [...buckets.entries()],
    perEvent,
    missing,
    duplicates,
    awardMessages,
    updates,
    loopDelayP99: loop ? loop.percentile(99) / 1e6 : NaN,
    loopDelayMax: loop ? loop.max / 1e6 : NaN,
    fleetCpu: cpu ? cpu() : NaN,
  };
}

function collect(sent) {
  const latencies = new Float64Array(sent.length * sockets.length);
  let n = 0;
  let missing = 0;
  let eventsFullyDelivered = 0;
  const perEventLast = [];
  for (const [id, sentAt] of sent) {
    const times = received.get(id);
    if (!times) {
      missing += sockets.length;
      continue;
    }
    let got = 0;
    let last = 0;
    for (const t of times) {
      if (Number.isNaN(t)) {
        missing++;
        continue;
      }
      got++;
      latencies[n++] = t - sentAt;
      last = Math.max(last, t - sentAt);
    }
    if (got === sockets.length) eventsFullyDelivered++;
    perEventLast.push(last);
  }
  const all = summarize(latencies.subarray(0, n));
  return {
    deliveries: n,
    expected: sent.length * sockets.length,
    missing,
    duplicates,
    eventsFullyDelivered,
    latency: all,
    // The time until the last of the N clients had an event: what a wall of screens would show.
    lastClient: summarize(perEventLast),
    awardMessages,
    updates,
    loopDelayP99: loop ? loop.percentile(99) / 1e6 : NaN,
    loopDelayMax: loop ? loop.max / 1e6 : NaN,
    fleetCpu: cpu ? cpu() : NaN,
  };
}

process.on('message', async (msg) => {
  try {
    if (msg.cmd === 'connect') {
      const r = await connect(msg);
      process.send({ type: 'connected', ...r });
    } else if (msg.cmd === 'run') {
      prefix = msg.prefix;
      received = new Map();
      duplicates = 0;
      updates = 0;
      awardMessages = 0;
      loop = monitorEventLoopDelay({ resolution: 5 });
      loop.enable();
      cpu = cpuMeter(process.pid);
      process.send({ type: 'running' });
    } else if (msg.cmd === 'collect') {
      loop?.disable();
      const r = msg.compact ? collectCompact(msg.sent) : collect(msg.sent);
      prefix = null;
      received = new Map();
      process.send({ type: 'result', ...r });
    } else if (msg.cmd === 'expect') {
      expectation = { key: msg.key, points: msg.points };
      process.send({ type: 'expecting' });
    } else if (msg.cmd === 'status') {
      process.send({ type: 'status', ...status() });
    } else if (msg.cmd === 'close') {
      for (const s of sockets) s.close();
      sockets = [];
      await sleep(200);
      process.send({ type: 'closed' });
      process.disconnect();
      setTimeout(() => process.exit(0), 100).unref();
    }
  } catch (error) {
    process.send({ type: 'error', message: String(error?.stack ?? error) });
  }
});

// Never outlive the parent.
process.on('disconnect', () => process.exit(0));
