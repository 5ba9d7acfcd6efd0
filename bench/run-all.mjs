#!/usr/bin/env node
// Runs every benchmark and prints a summary against the targets. `npm run bench` builds first.
//
//   node bench/run-all.mjs [--kinds=meeting,call] [--skip-ingest] [--skip-live] [--skip-wall] [--skip-chaos] [--json=out.json]
//                          [--chaos-events=10000] (the chaos bench's own default is 100,000)
//                          [--skip-sockets] [--sockets-clients=500] [--sockets-db=sqlite] [--sockets-instances=1]
//                          (the sockets part runs 500 clients, 6 s per rate here; --sockets-clients=5000 is the full size)
//                          ...any option of bench/ingest.mjs or bench/live.mjs
import { writeFileSync } from 'node:fs';
import { codeVersion, fmt, log, machine, num, parseArgs, ratio, table } from './lib/common.mjs';
import { ingestVerdicts, printIngest, runIngest } from './ingest.mjs';
import { liveVerdicts, printLive, runLive } from './live.mjs';
import { printWall, runWall, wallVerdicts } from './wall.mjs';
import { printSockets, runSockets, socketsVerdicts } from './sockets.mjs';
import { chaosFailed, printChaos, runChaos } from './chaos.mjs';

const opts = parseArgs();
process.on('unhandledRejection', (error) => {
  console.error(`benchmark failed: ${error?.stack ?? error}`);
  process.exit(1);
});
const started = new Date();
console.log(`Conveyor benchmarks, ${started.toISOString()}`);
console.log(`Machine: ${machine()}`);
console.log(`Code: ${codeVersion()}`);
console.log('');

const results = { started: started.toISOString(), machine: machine(), code: codeVersion(), ingest: [], live: null, wall: null };
const verdicts = [];

if (!opts.skipIngest) {
  const kinds = String(opts.kinds ?? 'meeting,call').split(',');
  for (const kind of kinds) {
    log(`run-all: ingest, ${kind} events`);
    const r = await runIngest({ ...opts, kind });
    results.ingest.push(r);
    console.log(printIngest(r));
    console.log('');
    verdicts.push(...ingestVerdicts(r).map((v) => ({ ...v, name: `ingest (${kind}): ${v.name}` })));
  }
}

if (!opts.skipLive) {
  log('run-all: live');
  const r = await runLive(opts);
  results.live = r;
  console.log(printLive(r));
  console.log('');
  verdicts.push(...liveVerdicts(r).map((v) => ({ ...v, name: `live: ${v.name}` })));
}

if (!opts.skipWall) {
  log('run-all: wall');
  const r = await runWall(opts);
  results.wall = r;
  console.log(printWall(r));
  console.log('');
  verdicts.push(...wallVerdicts(r).map((v) => ({ ...v, name: `wall: ${v.name}` })));
}

if (!opts.skipChaos) {
  log('run-all: chaos');
  // A small run here (the full 100,000 events take minutes): same checks, fewer kills.
  const r = await runChaos({ ...opts, events: opts.chaosEvents ?? 10_000, killMin: opts.killMin ?? 5, killMax: opts.killMax ?? 15 });
  results.chaos = r;
  console.log(printChaos(r));
  console.log('');
  verdicts.push({
    name: `chaos: lost + doubled + mismatches (${r.acknowledged} acknowledged, ${r.kills} kills)`,
    value: r.lost + r.doubled + r.phantom + r.mismatches.length,
    baseline: NaN,
    target: '0',
    ok: !chaosFailed(r),
  });
}

if (!opts.skipSockets) {
  log('run-all: sockets');
  const clients = num(opts.socketsClients, 500);
  const r = await runSockets({
    ...opts,
    clients,
    perProcess: Math.min(500, Math.ceil(clients / 2)),
    seconds: num(opts.socketsSeconds, 6),
    db: opts.socketsDb,
    instances: opts.socketsInstances,
  });
  results.sockets = r;
  console.log(printSockets(r));
  console.log('');
  verdicts.push(...socketsVerdicts(r).map((v) => ({ ...v, name: `sockets: ${v.name}` })));
}

console.log('Summary');
console.log(
  table([
    ['figure', 'Conveyor', 'baseline', 'ratio', 'target', 'met'],
    ...verdicts.map((v) => [
      v.name,
      fmt(v.value, v.value > 100 ? 0 : v.value < 1 ? 3 : 1),
      fmt(v.baseline, v.baseline > 100 ? 0 : 1),
      ratio(v.value, v.baseline),
      v.target,
      v.ok ? 'yes' : 'NO',
    ]),
  ]),
);
console.log(
  `Baselines: raw sqlite3 writes of the same rows (ingest), a bare socket.io 4.8 server with the same 250 ms batching (live). Took ${fmt((Date.now() - started.getTime()) / 1000, 0)} s.`,
);
if (typeof opts.json === 'string') writeFileSync(opts.json, JSON.stringify({ ...results, verdicts }, null, 2));
process.exit(0);
