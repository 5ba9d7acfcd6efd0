#!/usr/bin/env node
// Webhook benchmark: signed `generic` deliveries (one `call` event each) posted to /api/hooks/<key> at a
// fixed open-loop rate, against the built server (child process, temp SQLite file, manual clock).
// Target (issue: integrations): a webhook answered p99 ≤ 50 ms at 100 deliveries/s while scoring keeps up.
//
//   node bench/webhooks.mjs [--rate=100] [--seconds=60] [--seed=1] [--dup-share=0.05] [--unmapped-share=0.01]
//                           [--warmup-seconds=2] [--triads=12] [--hours=8] [--clock=2026-11-20T15:00:00.000Z]
//                           [--drain-timeout=300] [--quiet-wait=60] [--quiet-seconds=5] [--profile] [--trace-sql] [--json]
//
// --quiet-wait / --quiet-seconds: the measured run waits (at most --quiet-wait s) for --quiet-seconds in a row
// in which other processes use under 0.1 core; what else ran is reported either way.
// --trace-sql adds the write lane's figures (transactions per delivery, how busy the lane was) and the SQL
// statement table; --profile samples the server's main thread (bench/lib/profile.mjs).
//
// Open loop: every delivery has a planned send time (start + i / rate) and is sent then, whatever became of
// the earlier ones, so a slow answer cannot hide the ones queued behind it (no coordinated omission).
// Latency is reported twice: from the planned send time (what the sending system sees) and from the actual
// send time (just before the request is handed to Node's http client); their gap is the generator's own lag.
//
// Deliveries: each is one `call` of a seeded random telemarketer (their `externalIds.generic`, "ext-<n>"),
// 10–300 s long, that happened within the last `--hours` of the manual clock, with a unique id; a share
// (--dup-share) are exact re-deliveries of an earlier body (same bytes, same signature), and a share
// (--unmapped-share) come from a user nobody is mapped to (they park).
//
// "Scoring keeps up": the inbox's pending count (GET /api/integrations, inbox.pending) is sampled every
// second; after the last answer the bench polls until nothing is pending (the drain time). Then it checks,
// exactly: every delivery is in the inbox with the right status, the distinct scored event ids are the
// distinct events sent from mapped users, each re-delivery scored the same event, points on the
// telemarketer and team boards equal what the rules give for the distinct events (a re-delivery counted
// twice would add a point), and a sample of re-delivered events carries one call award each.
// Exits 1 when a correctness check fails; speed is reported as PASS/MISS against the target only.
import { createHmac } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import {
  codeVersion,
  cpuSeconds,
  fmt,
  log,
  machine,
  machineCpuMeter,
  nowMs,
  num,
  parseArgs,
  percentile,
  phaseCpu,
  seededRandom,
  sleep,
  table,
  waitForQuiet,
} from './lib/common.mjs';
import { diagnosticsOptions, summarizeProfiles, summarizeTrace } from './lib/profile.mjs';
import { httpClient, removeTempDir, seedOffice, startConveyor, tempDir } from './lib/server.mjs';

export const WEBHOOK_TARGETS = { rate: 100, p99Ms: 50 };

const CALL_RULE = 'telemarketer.call';
/** Europe/Moscow has no DST: the office-local day of an instant is its UTC+3 date. */
const OFFICE_OFFSET_MS = 3 * 3600_000;
const officeDay = (iso) => new Date(Date.parse(iso) + OFFICE_OFFSET_MS).toISOString().slice(0, 10);

const sign = (secret, body) => `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;

/** Server RSS in MB from /proc/<pid>/status (VmRSS, and VmHWM: the peak the kernel saw). */
function memory(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return { rss: NaN, hwm: NaN };
  }
}

/**
 * The disk under the temp folder: 4 KiB appended and fsync'ed, `n` times (every webhook answer waits for at
 * least one WAL commit, which SQLite fsyncs with synchronous=FULL). A figure of the machine, not of Conveyor.
 */
function fsyncProbe(n = 200) {
  const dir = tempDir('conveyor-fsync-');
  const fd = openSync(join(dir, 'probe'), 'w');
  const times = [];
  try {
    const block = Buffer.alloc(4096, 120);
    for (let i = 0; i < n; i++) {
      writeSync(fd, block);
      const t = nowMs();
      fsyncSync(fd);
      times.push(nowMs() - t);
    }
  } finally {
    closeSync(fd);
    removeTempDir(dir);
  }
  return latencyFigures(times);
}

/**
 * The deliveries of one phase, made before it starts (the generator only sends during the run).
 * `earlier`: the original deliveries so far (of every phase), which re-deliveries copy.
 */
function planDeliveries({
  count,
  prefix,
  random,
  telemarketers,
  unmappedUsers,
  clockMs,
  hoursMs,
  dupShare,
  unmappedShare,
  secret,
  earlier,
}) {
  const plan = [];
  for (let i = 0; i < count; i++) {
    const r = random();
    const redelivery = r < dupShare;
    if (redelivery && earlier.length > 0) {
      const original = earlier[Math.floor(random() * earlier.length)];
      plan.push({ ...original, redelivery: true });
      continue;
    }
    const unmapped = !redelivery && r < dupShare + unmappedShare;
    const who = unmapped
      ? unmappedUsers[Math.floor(random() * unmappedUsers.length)]
      : telemarketers[Math.floor(random() * telemarketers.length)];
    const event = {
      id: `${prefix}-${i}`,
      type: 'call',
      occurredAt: new Date(clockMs - Math.floor(random() * hoursMs)).toISOString(),
      employeeId: unmapped ? who : who.external,
      durationSec: 10 + Math.floor(random() * 291),
    };
    const body = JSON.stringify(event);
    const delivery = {
      body,
      signature: sign(secret, body),
      eventId: event.id,
      employeeId: unmapped ? null : who.id,
      unmappedUser: unmapped ? who : null,
      occurredAt: event.occurredAt,
      durationSec: event.durationSec,
      redelivery: false,
    };
    earlier.push(delivery);
    plan.push(delivery);
  }
  return plan;
}

/** Webhook poster: keep-alive sockets, no authorization (the hook is public; the signature is the credential). */
function hookPoster(baseUrl, { maxSockets = 512, timeoutMs = 30_000 } = {}) {
  const url = new URL(baseUrl);
  // An idle pooled socket is dropped after 2 s, before the server's keep-alive timeout (Node's 5 s) closes
  // it: otherwise a request reusing it just as the server closes it fails with ECONNRESET (a client race).
  const agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets, timeout: 2000 });
  const post = (path, body, signature) =>
    new Promise((resolve) => {
      const sentAt = nowMs();
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path,
          agent,
          timeout: timeoutMs,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'x-conveyor-signature': signature,
          },
        },
        (res) => {
          const parts = [];
          res.on('data', (c) => parts.push(c));
          res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(parts).toString(), sentAt, doneAt: nowMs() }));
          res.on('error', (error) => resolve({ status: 0, text: String(error), sentAt, doneAt: nowMs() }));
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer in ${timeoutMs} ms`)));
      req.on('error', (error) => resolve({ status: 0, text: String(error), sentAt, doneAt: nowMs() }));
      req.end(body);
    });
  return { post, close: () => agent.destroy() };
}

/** Sends `plan` open-loop at `rate` per second; resolves with one result per delivery once all are answered. */
async function openLoop(plan, rate, send) {
  const interval = 1000 / rate;
  const start = nowMs() + 20;
  const results = new Array(plan.length);
  const inFlight = [];
  let i = 0;
  while (i < plan.length) {
    const now = nowMs();
    while (i < plan.length && start + i * interval <= now) {
      const index = i++;
      const plannedAt = start + index * interval;
      inFlight.push(send(plan[index]).then((r) => (results[index] = { ...r, plannedAt })));
    }
    if (i < plan.length) {
      const wait = start + i * interval - nowMs();
      // setTimeout fires ≥ 1 ms late; waking a little early keeps the send lag under a millisecond.
      await (wait > 2 ? sleep(wait - 1) : new Promise((resolve) => setImmediate(resolve)));
    }
  }
  const lastPlannedAt = start + (plan.length - 1) * interval;
  await Promise.all(inFlight);
  return { results, start, lastPlannedAt, answeredAt: nowMs() };
}

function latencyFigures(values) {
  const sorted = Float64Array.from(values).sort();
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
  };
}

export async function runWebhooks(opts = {}) {
  const rate = num(opts.rate, 100);
  const seconds = num(opts.seconds, 60);
  const seed = num(opts.seed, 1);
  const dupShare = num(opts.dupShare, 0.05);
  const unmappedShare = num(opts.unmappedShare, 0.01);
  const warmupSeconds = num(opts.warmupSeconds, 2);
  const triads = num(opts.triads, 12);
  const hours = num(opts.hours, 8);
  const clock = String(opts.clock ?? '2026-11-20T15:00:00.000Z');
  const drainTimeoutMs = num(opts.drainTimeout, 300) * 1000;
  const quietWaitMs = num(opts.quietWait, 60) * 1000;
  const quietSeconds = num(opts.quietSeconds, 5);
  const clockMs = Date.parse(clock);
  if (!Number.isFinite(clockMs)) throw new Error(`--clock: not a date-time: ${clock}`);
  if (!(rate > 0 && seconds > 0)) throw new Error('--rate and --seconds must be positive');

  const fsync = fsyncProbe();
  const profDir = opts.profile ? tempDir('conveyor-prof-') : null;
  const traceDir = opts.traceSql ? tempDir('conveyor-trace-') : null;
  const diag = diagnosticsOptions({ profileDir: profDir, traceDir });
  const server = await startConveyor({ nodeArgs: diag.nodeArgs, env: { ...diag.env, CONVEYOR_CLOCK: clock } });
  const api = httpClient(server.url, { maxSockets: 8 });
  const getJson = async (path) => {
    const res = await api.request('GET', path);
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${res.text.slice(0, 300)}`);
    return JSON.parse(res.text);
  };
  let hooks = null;
  const r = { rate, seconds, seed, dupShare, unmappedShare, warmupSeconds, triads, hours, clock, serverPid: server.pid, fsync };
  try {
    log(`webhooks: server pid ${server.pid} on ${server.url}, manual clock ${clock}`);
    // Telemarketers are known to the sending system as "ext-<n>".
    const seeded = await seedOffice(api, {
      teams: triads,
      year: new Date(clockMs).getUTCFullYear(),
      telemarketerIds: (n) => ({ generic: `ext-${n}` }),
    });
    const telemarketers = seeded.telemarketers.map((id, i) => ({ id, external: `ext-${i + 1}` }));
    const created = await api.request('POST', '/api/integrations', { system: 'generic', name: 'bench', settings: {} });
    if (created.status !== 201) throw new Error(`POST /api/integrations: ${created.status} ${created.text}`);
    const connection = JSON.parse(created.text);
    if (!connection.secret) throw new Error('the generic connection answered no secret');
    const hookPath = new URL(connection.webhookUrl).pathname;
    hooks = hookPoster(server.url);
    const pendingNow = async () => {
      const list = await getJson('/api/integrations');
      const mine = list.find((c) => c.id === connection.id);
      return mine?.inbox?.pending ?? NaN;
    };

    const random = seededRandom(seed);
    const unmappedUsers = ['ext-unmapped-1', 'ext-unmapped-2', 'ext-unmapped-3'];
    const earlier = [];
    const common = {
      random,
      telemarketers,
      unmappedUsers,
      clockMs,
      hoursMs: hours * 3600_000,
      dupShare,
      unmappedShare,
      secret: connection.secret,
      earlier,
    };
    const warmPlan = planDeliveries({ ...common, count: Math.round(rate * warmupSeconds), prefix: `warm${seed}` });
    const plan = planDeliveries({ ...common, count: Math.round(rate * seconds), prefix: `wh${seed}` });
    const send = (d) => hooks.post(hookPath, d.body, d.signature);

    // Warm-up (JIT, sockets, statement caches): same rate, not measured, but checked with the rest.
    let warmResults = [];
    if (warmPlan.length > 0) {
      log(`webhooks: warm-up, ${warmPlan.length} deliveries at ${rate}/s`);
      warmResults = (await openLoop(warmPlan, rate, send)).results;
      for (const until = nowMs() + drainTimeoutMs; (await pendingNow()) > 0;) {
        if (nowMs() > until) throw new Error('the warm-up deliveries never drained');
        await sleep(100);
      }
    }

    // A quiet spell of `--quiet-seconds` in a row (1 s samples), waited for at most `--quiet-wait` seconds.
    const ours = () => [process.pid, server.pid];
    const quietUntil = nowMs() + quietWaitMs;
    for (let quiet = 0; quiet < quietSeconds && nowMs() < quietUntil;) {
      const busy = await waitForQuiet({
        label: 'webhooks',
        ours,
        maxWaitMs: Math.max(0, Math.round((quietUntil - nowMs()) / 1000) * 1000),
      });
      quiet = busy < 0.1 ? quiet + 1 : 0;
    }
    log(`webhooks: ${plan.length} deliveries at ${rate}/s for ${seconds} s (open loop)`);

    // Samplers: pending every second (one request at a time), RSS every 200 ms.
    const pendingSamples = [];
    const rssSamples = [];
    let sampling = true;
    let sampleInFlight = false;
    const t0 = nowMs();
    const pendingTimer = setInterval(() => {
      if (!sampling || sampleInFlight) return;
      sampleInFlight = true;
      const at = nowMs();
      pendingNow()
        .then((n) => pendingSamples.push({ t: (at - t0) / 1000, n, ms: nowMs() - at }))
        .catch((error) => pendingSamples.push({ t: (at - t0) / 1000, n: NaN, error: String(error) }))
        .finally(() => (sampleInFlight = false));
    }, 1000);
    const rssTimer = setInterval(() => rssSamples.push(memory(server.pid).rss), 200);
    // What else used the machine, second by second: busy cores minus the server's and the bench's.
    const elsewhereSamples = [];
    let second = { server: cpuSeconds(server.pid), self: cpuSeconds(), machine: machineCpuMeter(), at: nowMs() };
    const cpuTimer = setInterval(() => {
      const now = { server: cpuSeconds(server.pid), self: cpuSeconds(), machine: machineCpuMeter(), at: nowMs() };
      const secs = (now.at - second.at) / 1000;
      const busy = second.machine();
      elsewhereSamples.push({ t: (second.at - t0) / 1000, cores: busy - (now.server - second.server + now.self - second.self) / secs });
      second = now;
    }, 1000);
    const cpu = phaseCpu(server.pid);

    const run = await openLoop(plan, rate, send);
    const sendCpu = cpu();

    // Drain: from the last answer (everything stored) until nothing is pending (polled every 20 ms).
    const drainCpu = phaseCpu(server.pid);
    let drainedAt = NaN;
    let pendingAtLastAnswer = NaN;
    for (const until = nowMs() + drainTimeoutMs; ;) {
      const n = await pendingNow();
      if (Number.isNaN(pendingAtLastAnswer)) pendingAtLastAnswer = n;
      if (n === 0) {
        drainedAt = nowMs();
        break;
      }
      if (nowMs() > until) break;
      await sleep(20);
    }
    const drainCpuFigures = drainCpu();
    sampling = false;
    clearInterval(pendingTimer);
    clearInterval(rssTimer);
    clearInterval(cpuTimer);
    while (sampleInFlight) await sleep(10);
    rssSamples.push(memory(server.pid).rss);

    // ---- figures
    const results = run.results;
    const ok = results.filter((x) => x.status === 200);
    const errors = results.filter((x) => x.status !== 200);
    const errorsByStatus = {};
    for (const e of errors) errorsByStatus[e.status] = (errorsByStatus[e.status] ?? 0) + 1;
    r.sent = results.length;
    r.ok = ok.length;
    r.errors = errors.length;
    r.errorsByStatus = errorsByStatus;
    r.firstError = errors[0] ? `HTTP ${errors[0].status}: ${errors[0].text.slice(0, 300)}` : '';
    r.sendSeconds = (run.lastPlannedAt - run.start) / 1000 + 1 / rate;
    r.achievedRate = results.length / ((Math.max(...results.map((x) => x.sentAt)) - run.start) / 1000 + 1 / rate);
    r.fromPlanned = latencyFigures(ok.map((x) => x.doneAt - x.plannedAt));
    r.fromSent = latencyFigures(ok.map((x) => x.doneAt - x.sentAt));
    r.sendLag = latencyFigures(results.map((x) => x.sentAt - x.plannedAt));
    // p99 from the planned time per tenth of the run: does the answer slow down as the inbox fills?
    const tenth = Math.max(1, Math.ceil(results.length / 10));
    r.p99ByTenth = Array.from(
      { length: Math.ceil(results.length / tenth) },
      (_, k) =>
        latencyFigures(
          results
            .slice(k * tenth, (k + 1) * tenth)
            .filter((x) => x.status === 200)
            .map((x) => x.doneAt - x.plannedAt),
        ).p99,
    );
    // Cores used elsewhere on the machine during each tenth, and the p99 over the tenths nothing else disturbed.
    const tenthMs = (tenth / rate) * 1000;
    r.elsewhereByTenth = r.p99ByTenth.map((_, k) => {
      const from = run.start + k * tenthMs - t0;
      const xs = elsewhereSamples.filter((x) => x.t * 1000 >= from - 500 && x.t * 1000 < from + tenthMs - 500).map((x) => x.cores);
      return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN;
    });
    const quietTenths = r.elsewhereByTenth.map((c, k) => (c < 0.2 ? k : -1)).filter((k) => k >= 0);
    r.quietTenths = quietTenths.length;
    r.quietFromPlanned = latencyFigures(
      quietTenths.flatMap((k) =>
        results
          .slice(k * tenth, (k + 1) * tenth)
          .filter((x) => x.status === 200)
          .map((x) => x.doneAt - x.plannedAt),
      ),
    );
    r.pendingSamples = pendingSamples;
    r.maxPending = Math.max(0, ...pendingSamples.map((s) => s.n).filter(Number.isFinite));
    r.sampleMs = latencyFigures(pendingSamples.map((s) => s.ms).filter(Number.isFinite));
    r.pendingAtEndOfSending = pendingAtLastAnswer;
    r.drainMs = drainedAt - run.answeredAt;
    r.drainFromLastPlannedMs = drainedAt - run.lastPlannedAt;
    r.drained = Number.isFinite(drainedAt);
    r.cpu = { send: sendCpu, drain: drainCpuFigures };
    r.peakRssMb = Math.max(...rssSamples.filter(Number.isFinite));
    r.endRssMb = rssSamples.at(-1);
    r.hwmMb = memory(server.pid).hwm;
    r.phase = { from: run.start, to: drainedAt || nowMs() };

    // ---- correctness
    r.checks = await checkInbox({
      getJson,
      connectionId: connection.id,
      sends: [
        ...warmPlan.map((d, i) => ({ d, ok: warmResults[i]?.status === 200 })),
        ...plan.map((d, i) => ({ d, ok: results[i]?.status === 200 })),
      ],
      drained: r.drained,
      errors: r.errors + warmResults.filter((x) => x.status !== 200).length,
    });
    r.counts = r.checks.counts;
  } finally {
    hooks?.close();
    api.close();
    await server.stop();
    await server.dispose();
  }
  if (traceDir) {
    r.trace = summarizeTrace(traceDir, [{ name: 'deliveries (tx with events)', from: r.phase?.from ?? 0, to: r.phase?.to ?? Infinity }]);
    r.lane = writeLane(traceDir, r.phase, r.sent);
    removeTempDir(traceDir);
  }
  if (profDir) {
    r.profile = summarizeProfiles(profDir, r.phase ? { window: [r.phase.from, r.phase.to] } : {});
    removeTempDir(profDir);
  }
  return r;
}

/**
 * The write lane over the measured phase, from the SQL trace: every write (the inbox's insert, the ledger's
 * scoring, the worker's outcome update) is one transaction through one lane, so a webhook's answer waits
 * for whatever is ahead of it there. `busy`: share of the phase some transaction was open.
 */
function writeLane(dir, phase, deliveries) {
  const file = readdirSync(dir).find((f) => f.startsWith('sql-trace-'));
  if (!file || !phase) return null;
  const all = JSON.parse(readFileSync(join(dir, file), 'utf8')).transactions.filter((t) => t.at >= phase.from && t.at < phase.to);
  const seconds = (phase.to - phase.from) / 1000;
  const part = (txs) => ({
    count: txs.length,
    perSecond: txs.length / seconds,
    wall: latencyFigures(txs.map((t) => t.wallMs)),
    commit: latencyFigures(txs.map((t) => t.commitMs)),
    busy: txs.reduce((sum, t) => sum + t.wallMs, 0) / (seconds * 1000),
  });
  return {
    seconds,
    perDelivery: all.length / deliveries,
    all: part(all),
    ledger: part(all.filter((t) => t.events > 0)),
    other: part(all.filter((t) => t.events === 0)),
  };
}

/**
 * The exact checks, once nothing is pending: the inbox against what was sent, and the boards against what
 * the rules give for the distinct events.
 */
async function checkInbox({ getJson, connectionId, sends, drained, errors }) {
  const checks = [];
  const check = (name, pass, detail) => checks.push({ name, pass: Boolean(pass), detail });

  // What was acknowledged (200): the inbox must hold exactly these.
  const acked = sends.filter((s) => s.ok).map((s) => s.d);
  const mappedAcked = acked.filter((d) => d.employeeId !== null);
  const unmappedAcked = acked.filter((d) => d.employeeId === null);
  const expectedPerEvent = new Map(); // event id → deliveries of it acknowledged
  for (const d of mappedAcked) expectedPerEvent.set(d.eventId, (expectedPerEvent.get(d.eventId) ?? 0) + 1);
  const distinctMapped = new Map(); // event id → the delivery (original)
  for (const d of mappedAcked) if (!distinctMapped.has(d.eventId)) distinctMapped.set(d.eventId, d);

  // The whole inbox, newest first, paged with `before`.
  const deliveries = [];
  for (let before = null; ;) {
    const page = await getJson(
      `/api/integrations/${connectionId}/deliveries?limit=500${before ? `&before=${encodeURIComponent(before)}` : ''}`,
    );
    deliveries.push(...page.items);
    if (!page.next) break;
    before = page.next;
  }
  const byStatus = {};
  for (const d of deliveries) byStatus[d.status] = (byStatus[d.status] ?? 0) + 1;
  const scored = deliveries.filter((d) => d.status === 'scored');
  const parked = deliveries.filter((d) => d.status === 'parked');
  const scoredPerEvent = new Map();
  let scoredShapeOk = true;
  for (const d of scored) {
    if (d.eventIds.length !== 1) scoredShapeOk = false;
    for (const id of d.eventIds) scoredPerEvent.set(id, (scoredPerEvent.get(id) ?? 0) + 1);
  }
  const missing = [...distinctMapped.keys()].filter((id) => !scoredPerEvent.has(id));
  const unexpected = [...scoredPerEvent.keys()].filter((id) => !distinctMapped.has(id));
  const miscounted = [...expectedPerEvent].filter(([id, n]) => scoredPerEvent.get(id) !== n);
  const redelivered = acked.filter((d) => d.redelivery);
  const unmappedSet = new Set(unmappedAcked.map((d) => d.unmappedUser));

  check('every delivery answered 200', errors === 0, `${errors} not 200`);
  check('nothing left pending', drained && (byStatus.pending ?? 0) === 0, `${byStatus.pending ?? 0} pending`);
  check(
    'inbox holds every acknowledged delivery',
    deliveries.length === acked.length,
    `${deliveries.length} in the inbox, ${acked.length} acknowledged`,
  );
  check(
    'none ignored or refused',
    (byStatus.ignored ?? 0) === 0 && (byStatus.refused ?? 0) === 0,
    `${byStatus.ignored ?? 0} ignored${deliveries.find((d) => d.status === 'ignored') ? ` (first: ${deliveries.find((d) => d.status === 'ignored').reason})` : ''}, ${byStatus.refused ?? 0} refused`,
  );
  check(
    'scored deliveries = deliveries from mapped users',
    scored.length === mappedAcked.length && scoredShapeOk,
    `${scored.length} scored, ${mappedAcked.length} sent`,
  );
  check(
    'distinct scored event ids = distinct events sent from mapped users',
    missing.length === 0 && unexpected.length === 0,
    `${scoredPerEvent.size} scored, ${distinctMapped.size} sent${missing.length ? `; missing e.g. ${missing[0]}` : ''}${unexpected.length ? `; unexpected e.g. ${unexpected[0]}` : ''}`,
  );
  check(
    'each re-delivery scored the same event (deliveries per event id as sent)',
    miscounted.length === 0,
    miscounted.length
      ? `${miscounted.length} differ, e.g. ${miscounted[0][0]}: ${scoredPerEvent.get(miscounted[0][0]) ?? 0} vs ${miscounted[0][1]}`
      : `${redelivered.length} re-deliveries`,
  );
  check(
    'parked = deliveries from unmapped users',
    parked.length === unmappedAcked.length &&
      parked.every((d) => d.reason === 'user_unmapped' && d.unmapped.some((u) => u.kind === 'user' && unmappedSet.has(u.externalId))),
    `${parked.length} parked, ${unmappedAcked.length} sent`,
  );

  // Points: what the rules in effect give for the distinct events, against the boards.
  const versions = await getJson('/api/rules');
  const rules = versions.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1)).at(-1).rules.telemarketer;
  const board = await getJson('/api/standings?board=telemarketer&period=month');
  const teams = await getJson('/api/standings?board=teams&period=month');
  const inPeriod = (iso) => iso >= board.start && iso < board.end;
  const successfulPerDay = new Map(); // employee|day → successful calls
  const expectedPoints = new Map();
  let successful = 0;
  for (const d of distinctMapped.values()) {
    if (!inPeriod(new Date(d.occurredAt).toISOString()) || d.durationSec < rules.successfulCallSec) continue;
    successful++;
    const key = `${d.employeeId}|${officeDay(d.occurredAt)}`;
    successfulPerDay.set(key, (successfulPerDay.get(key) ?? 0) + 1);
    expectedPoints.set(d.employeeId, (expectedPoints.get(d.employeeId) ?? 0) + rules.successfulCall);
  }
  let normsReached = 0;
  if (rules.dailyNorm >= 1 && rules.dailyNormBonus !== 0)
    for (const [key, n] of successfulPerDay)
      if (n >= rules.dailyNorm) {
        normsReached++;
        const employeeId = key.split('|')[0];
        expectedPoints.set(employeeId, (expectedPoints.get(employeeId) ?? 0) + rules.dailyNormBonus);
      }
  const expectedTotal = [...expectedPoints.values()].reduce((a, b) => a + b, 0);
  const boardTotal = board.rows.reduce((s, row) => s + row.points, 0);
  const teamsTotal = teams.rows.reduce((s, row) => s + row.points, 0);
  const wrongPeople = board.rows.filter((row) => row.points !== (expectedPoints.get(row.id) ?? 0));
  check(
    'telemarketer board = rules applied to the distinct events (per person)',
    boardTotal === expectedTotal && wrongPeople.length === 0,
    `${boardTotal} points on the board, ${expectedTotal} expected (${successful} successful calls, ${normsReached} daily norms)` +
      (wrongPeople.length
        ? `; ${wrongPeople[0].id} has ${wrongPeople[0].points}, expected ${expectedPoints.get(wrongPeople[0].id) ?? 0}`
        : ''),
  );
  check('team board total = the same points', teamsTotal === expectedTotal, `${teamsTotal} points on the team board`);

  // A sample of re-delivered events: each carries exactly one call award (one if successful, none if not).
  const sample = [...new Map(redelivered.filter((d) => d.employeeId !== null).map((d) => [d.eventId, d])).values()].slice(0, 20);
  const wrongAwards = [];
  for (const d of sample) {
    const preview = await getJson(`/api/events/${encodeURIComponent(d.eventId)}/void-preview`);
    const calls = preview.awards.filter((a) => a.eventId === d.eventId && a.rule === CALL_RULE).length;
    if (calls !== (d.durationSec >= rules.successfulCallSec ? 1 : 0)) wrongAwards.push(`${d.eventId}: ${calls}`);
  }
  check(
    're-delivered events carry one call award each (sample)',
    wrongAwards.length === 0,
    `${sample.length} events checked${wrongAwards.length ? `; wrong: ${wrongAwards.slice(0, 3).join(', ')}` : ''}`,
  );

  return {
    checks,
    counts: {
      acknowledged: acked.length,
      inbox: deliveries.length,
      byStatus,
      distinctMapped: distinctMapped.size,
      distinctScored: scoredPerEvent.size,
      redeliveries: redelivered.length,
      parked: parked.length,
      successful,
      normsReached,
      expectedPoints: expectedTotal,
      boardPoints: boardTotal,
    },
  };
}

export function webhookVerdicts(r) {
  return [
    {
      name: `webhook answer p99 ms at ${r.rate}/s (from planned send)`,
      value: r.fromPlanned.p99,
      target: `≤ ${WEBHOOK_TARGETS.p99Ms}`,
      ok: r.fromPlanned.p99 <= WEBHOOK_TARGETS.p99Ms,
    },
    {
      name: 'scoring keeps up (drained, every check passed)',
      value: r.drainMs,
      target: 'drains',
      ok: r.drained && r.checks.checks.every((c) => c.pass),
    },
  ];
}

export function printWebhooks(r) {
  const out = [];
  const ms = (x) => fmt(x, x >= 100 ? 0 : 1);
  const passes = r.fromPlanned.p99 <= WEBHOOK_TARGETS.p99Ms;
  out.push(
    `Webhooks — generic deliveries (one signed call each), open loop at ${r.rate}/s for ${r.seconds} s; seed ${r.seed}, ` +
      `${fmt(r.dupShare * 100, 0)}% re-deliveries, ${fmt(r.unmappedShare * 100, 0)}% from unmapped users; ${r.triads} triads; manual clock ${r.clock}`,
  );
  out.push(
    table([
      ['figure', 'value'],
      ['rate planned / achieved, deliveries/s', `${r.rate} / ${fmt(r.achievedRate, 1)}`],
      ['sent / ok (200) / errors', `${r.sent} / ${r.ok} / ${r.errors}${r.errors ? ` ${JSON.stringify(r.errorsByStatus)}` : ''}`],
      [
        'answer ms from planned send p50 / p95 / p99 / max',
        `${ms(r.fromPlanned.p50)} / ${ms(r.fromPlanned.p95)} / ${ms(r.fromPlanned.p99)} / ${ms(r.fromPlanned.max)}`,
      ],
      [
        'answer ms from actual send  p50 / p95 / p99 / max',
        `${ms(r.fromSent.p50)} / ${ms(r.fromSent.p95)} / ${ms(r.fromSent.p99)} / ${ms(r.fromSent.max)}`,
      ],
      ['generator send lag ms p99 / max', `${fmt(r.sendLag.p99, 2)} / ${fmt(r.sendLag.max, 2)}`],
      ['p99 ms from planned, per tenth of the run', r.p99ByTenth.map((x) => ms(x)).join(' ')],
      ['cores used elsewhere on the machine, per tenth', r.elsewhereByTenth.map((x) => fmt(x, 2)).join(' ')],
      [
        `p50 / p99 ms from planned over the ${r.quietTenths} tenths with < 0.2 core elsewhere`,
        r.quietTenths ? `${ms(r.quietFromPlanned.p50)} / ${ms(r.quietFromPlanned.p99)}` : 'none',
      ],
      ['max pending (1 s samples)', String(r.maxPending)],
      ['pending at the last answer', String(r.pendingAtEndOfSending)],
      [
        'drain ms after the last answer (after the last planned send)',
        r.drained ? `${fmt(r.drainMs, 0)} (${fmt(r.drainFromLastPlannedMs, 0)})` : 'NOT DRAINED',
      ],
      ['scored events (distinct) / sent from mapped users', `${r.counts.distinctScored} / ${r.counts.distinctMapped}`],
      [
        'duplicates counted once',
        r.checks.checks.filter((c) => /re-deliver|board/.test(c.name)).every((c) => c.pass)
          ? `yes (${r.counts.redeliveries} re-deliveries)`
          : 'NO',
      ],
      ['parked (unmapped users)', String(r.counts.parked)],
      ['points on the board / expected', `${r.counts.boardPoints} / ${r.counts.expectedPoints}`],
      ['GET /api/integrations (the pending sampler) ms p50 / max', `${ms(r.sampleMs.p50)} / ${ms(r.sampleMs.max)}`],
      [
        'disk fsync ms p50 / p99 / max (4 KiB, temp folder, before the run)',
        `${fmt(r.fsync.p50, 2)} / ${fmt(r.fsync.p99, 2)} / ${fmt(r.fsync.max, 2)}`,
      ],
      ['server RSS peak MB (200 ms samples) / end / VmHWM', `${fmt(r.peakRssMb, 0)} / ${fmt(r.endRssMb, 0)} / ${fmt(r.hwmMb, 0)}`],
    ]),
  );
  const c = r.cpu.send;
  const d = r.cpu.drain;
  out.push(
    `  CPU cores while sending: server ${c.server}, bench ${c.generator}, other processes ${c.others}${c.othersTop ? ` (${c.othersTop})` : ''}, ` +
      `unattributed (kernel I/O) ${c.unattributed}, machine ${c.machine}; server CPU-ms per delivery ${fmt((c.server * 1000) / r.rate, 2)}`,
  );
  out.push(`  CPU cores while draining: server ${d.server}, other processes ${d.others}${d.othersTop ? ` (${d.othersTop})` : ''}`);
  out.push(`  pending by second: ${r.pendingSamples.map((s) => s.n).join(' ')}`);
  const elsewhere = Math.round((c.others + c.unattributed) * 100) / 100;
  if (elsewhere >= 0.2 || r.sendLag.p99 > 5)
    out.push(
      `  note: the run was disturbed — ${elsewhere} cores went to other processes (also ones that exited meanwhile) and the kernel, ` +
        `and the bench's own send lag reached ${fmt(r.sendLag.p99, 1)} ms at p99; on a shared 2-core machine the tails include waiting for a CPU`,
    );
  if (r.firstError) out.push(`  first error: ${r.firstError}`);
  out.push('  checks:');
  for (const ch of r.checks.checks) out.push(`    ${ch.pass ? 'ok  ' : 'FAIL'} ${ch.name}: ${ch.detail}`);
  out.push(
    `  target: p99 ≤ ${WEBHOOK_TARGETS.p99Ms} ms at ${WEBHOOK_TARGETS.rate}/s while scoring keeps up — ` +
      `${passes ? 'PASS' : 'MISS'} (p99 from the planned send ${ms(r.fromPlanned.p99)} ms at ${r.rate}/s)` +
      `${r.rate < WEBHOOK_TARGETS.rate ? ` [below the target rate]` : ''}; correctness ${r.checks.checks.every((x) => x.pass) ? 'PASS' : 'FAIL'}`,
  );
  if (r.lane) {
    const row = (name, x) => [
      name,
      x.count,
      fmt(x.perSecond, 1),
      `${fmt(x.wall.p50, 1)} / ${fmt(x.wall.p99, 1)} / ${fmt(x.wall.max, 0)}`,
      `${fmt(x.commit.p50, 1)} / ${fmt(x.commit.p99, 1)}`,
      `${fmt(x.busy * 100, 0)}%`,
    ];
    out.push(
      '',
      `Write lane during the measured phase (${fmt(r.lane.seconds, 1)} s, ${fmt(r.lane.perDelivery, 2)} transactions per delivery sent):`,
      table([
        ['transactions', 'count', 'per s', 'wall ms p50 / p99 / max', 'COMMIT ms p50 / p99', 'lane busy'],
        row('all', r.lane.all),
        row('ledger (inserting events)', r.lane.ledger),
        row('other (inbox insert, outcome update, ...)', r.lane.other),
      ]),
    );
  }
  if (r.trace) out.push('', r.trace);
  if (r.profile) out.push('', 'Server main-thread CPU profile (measured phase: sending and draining):', r.profile);
  return out.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const opts = parseArgs();
  process.on('unhandledRejection', (error) => {
    console.error(`benchmark failed: ${error?.stack ?? error}`);
    process.exit(1);
  });
  console.log(`Machine: ${machine()}`);
  console.log(`Code: ${codeVersion()}`);
  try {
    const r = await runWebhooks(opts);
    console.log(opts.json ? JSON.stringify(r, null, 2) : printWebhooks(r));
    process.exit(r.checks.checks.every((c) => c.pass) ? 0 : 1);
  } catch (error) {
    console.error(`benchmark failed: ${error?.stack ?? error}`);
    process.exit(1); // the exit hook in lib/server.mjs kills the server and removes the temp folders
  }
}
