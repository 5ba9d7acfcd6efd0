#!/usr/bin/env node
// The weak-link finder judged on simulated offices: for each stage, offices where one person does that
// stage at half the office's rate, and offices with nothing planted. Every event of a simulated office is
// counted as the server counts it, and the finder is the server's (built code, server/dist).
//
//   node bench/funnel-finder.mjs [--seeds=50] [--months=3] [--spread=0.04] [--first-seed=1] [--json]
//
// Targets (issue 14): the planted person and stage come first and significant in >= 95 % of offices for
// every stage; an office with nothing planted raises a significant finding in <= 10 %.
import { FUNNEL_STAGES } from '@conveyor/shared';
import { fmt, log, machine, num, parseArgs, table } from './lib/common.mjs';

const dist = new URL('../server/dist/', import.meta.url);
const { PLAIN_CALENDAR } = await import(new URL('domain/funnel/calendar.js', dist).href);
const { simulateOffice, weakLinksOf } = await import(new URL('demo/simulated-office.js', dist).href);

export const FINDER_TARGETS = { plantedFirst: 0.95, cleanFlagged: 0.1 };

/** One office's verdict: whether the planted pair came first and significant, and whether anything was significant. */
function judge(seed, plant, options) {
  const triads = 6 + (seed % 7);
  const office = simulateOffice({
    seed,
    triads,
    from: '2026-04',
    months: options.months,
    plant,
    calendar: PLAIN_CALENDAR,
    spread: options.spread,
  });
  const report = weakLinksOf(office, PLAIN_CALENDAR, '2026-Q2');
  const top = report.findings[0];
  const significant = report.findings.filter((f) => f.significant);
  return {
    triads,
    events: office.events.length,
    tested: report.tested,
    first: Boolean(
      office.planted && top?.significant && top.employeeId === office.planted.employeeId && top.stage === office.planted.stage,
    ),
    flagged: significant.length > 0,
    plantedP: office.planted
      ? (report.findings.find((f) => f.employeeId === office.planted.employeeId && f.stage === office.planted.stage)?.pValue ?? 1)
      : null,
  };
}

export function runFinder(opts = {}) {
  const seeds = num(opts.seeds, 50);
  const firstSeed = num(opts.firstSeed, 1);
  const options = { months: num(opts.months, 3), spread: num(opts.spread, 0.04) };
  const rows = [];
  for (const plant of [null, ...FUNNEL_STAGES]) {
    const verdicts = [];
    const started = performance.now();
    for (let s = firstSeed; s < firstSeed + seeds; s++)
      verdicts.push(judge(s * 1000 + (plant ? FUNNEL_STAGES.indexOf(plant) : 99), plant, options));
    const ms = (performance.now() - started) / seeds;
    const worstP = plant ? Math.max(...verdicts.map((v) => v.plantedP)) : null;
    rows.push({
      plant: plant ?? 'nothing planted',
      offices: verdicts.length,
      first: verdicts.filter((v) => v.first).length / verdicts.length,
      flagged: verdicts.filter((v) => v.flagged).length / verdicts.length,
      worstP,
      events: verdicts.reduce((s, v) => s + v.events, 0) / verdicts.length,
      tested: verdicts.reduce((s, v) => s + v.tested, 0) / verdicts.length,
      ms,
    });
    log(`funnel-finder: ${plant ?? 'clean'} done`);
  }
  return { seeds, firstSeed, ...options, rows };
}

export function printFinder(r) {
  const pct = (x) => `${fmt(100 * x, 0)} %`;
  return [
    `Weak-link finder on simulated offices: ${r.seeds} seeds a row (from ${r.firstSeed}), 6-12 triads, ${r.months} months, honest spread ±${fmt(100 * r.spread, 0)} %`,
    table([
      [
        'planted weak stage',
        'offices',
        'planted named first & significant',
        'any significant finding',
        'worst planted p (Holm)',
        'events / office',
        'pairs tested',
        'ms / office',
      ],
      ...r.rows.map((x) => [
        x.plant,
        String(x.offices),
        x.plant === 'nothing planted' ? '—' : pct(x.first),
        pct(x.flagged),
        x.worstP === null ? '—' : x.worstP.toExponential(1),
        fmt(x.events, 0),
        fmt(x.tested, 0),
        fmt(x.ms, 0),
      ]),
    ]),
  ].join('\n');
}

export function finderVerdicts(r) {
  return r.rows.map((x) =>
    x.plant === 'nothing planted'
      ? {
          name: 'clean offices flagged',
          value: x.flagged,
          target: `<= ${FINDER_TARGETS.cleanFlagged}`,
          ok: x.flagged <= FINDER_TARGETS.cleanFlagged,
        }
      : {
          name: `${x.plant}: planted named first`,
          value: x.first,
          target: `>= ${FINDER_TARGETS.plantedFirst}`,
          ok: x.first >= FINDER_TARGETS.plantedFirst,
        },
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const opts = parseArgs();
  console.log(`Machine: ${machine()}`);
  const r = runFinder(opts);
  if (opts.json) console.log(JSON.stringify(r, null, 2));
  else console.log(printFinder(r));
  for (const v of finderVerdicts(r)) console.log(`${v.ok ? 'ok  ' : 'MISS'} ${v.name}: ${fmt(v.value, 2)} (target ${v.target})`);
}
