// The socket fleet: a child process holding N socket.io clients on /live, run apart from the load
// generator so that decoding N copies of every broadcast does not delay the POSTs (and so that the
// send timestamps stay honest). It timestamps each `awards` message on CLOCK_MONOTONIC, which the
// parent's send timestamps share, and computes the latencies when the parent hands over its send times.
//
// Parent → fleet (IPC): { cmd: 'connect', url, token, clients, board, period, concurrency }
//                        { cmd: 'run', prefix }            start recording awards whose eventId starts with prefix
//                        { cmd: 'collect', sent: [[eventId, sentAtMs], ...] }
//                        { cmd: 'close' }
// Fleet → parent:        { type: 'connected', ... } | { type: 'result', ... } | { type: 'closed' } | { type: 'error', message }
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

async function connect({ url, token, clients, board, period, concurrency = 50, timeoutMs = 120_000 }) {
  const t0 = nowMs();
  const deadline = t0 + timeoutMs;
  let subscribed = 0;
  const snapshotSeen = new Set();
  const all = [];
  for (let start = 0; start < clients; start += concurrency) {
    const wave = [];
    for (let i = start; i < Math.min(clients, start + concurrency); i++) {
      const socket = io(`${url}/live`, {
        auth: { token },
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
        timeout: 20_000,
      });
      socket.on('awards', (batch) => onAwards(i, batch));
      socket.on('standings:update', () => updates++);
      socket.on('standings:snapshot', () => {
        if (!snapshotSeen.has(i)) {
          snapshotSeen.add(i);
          subscribed++;
        }
      });
      socket.on('live:error', (e) => {
        errors++;
        firstError ||= JSON.stringify(e);
      });
      all[i] = socket;
      wave.push(
        new Promise((resolve) => {
          socket.once('connect', () => {
            socket.emit('subscribe', { boards: [{ board, period }] });
            resolve();
          });
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
  while (subscribed < clients && nowMs() < deadline) await sleep(50);
  return { connected: sockets.filter((s) => s.connected).length, subscribed, ms: nowMs() - t0, errors, firstError };
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
      const r = collect(msg.sent);
      prefix = null;
      received = new Map();
      process.send({ type: 'result', ...r });
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
