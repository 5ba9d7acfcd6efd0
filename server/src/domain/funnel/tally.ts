import type { ActivityEvent } from '@conveyor/shared';
import type { ScoringContext } from '../scoring/award.js';
import { addCounts, CLIENT_COUNTED_TYPES, clientCounts, eventCounts, type ClientSummary, type Count } from './counts.js';
import { addBag, type CounterBag } from './funnel.js';

/** Groups events by client, each client's history in the order given. */
function byClient(events: readonly ActivityEvent[]): Map<string, ActivityEvent[]> {
  const out = new Map<string, ActivityEvent[]>();
  for (const e of events) {
    if (!('clientId' in e) || !e.clientId) continue;
    const list = out.get(e.clientId);
    if (list) list.push(e);
    else out.set(e.clientId, [e]);
  }
  return out;
}

/** Whether a client's history has anything its counts depend on. */
function countsHistory(history: readonly ActivityEvent[]): boolean {
  return history.some((e) => CLIENT_COUNTED_TYPES.has(e.type));
}

/** The clients whose counts these events may change (those of a type a client's counts depend on), each once. */
export function countedClientIds(events: readonly ActivityEvent[]): string[] {
  return [...new Set(events.flatMap((e) => (CLIENT_COUNTED_TYPES.has(e.type) && 'clientId' in e && e.clientId ? [e.clientId] : [])))];
}

/** Everything a set of (non-voided) events counts, from scratch: the oracle the incremental counters are held to. */
export function tallyEvents(events: readonly ActivityEvent[], ctx: ScoringContext): { cells: Count[]; clients: ClientSummary[] } {
  const cells = new Map<string, Count>();
  for (const e of events) addCounts(cells, eventCounts(e, ctx), 1);
  const clients: ClientSummary[] = [];
  for (const [clientId, history] of byClient(events)) {
    if (!countsHistory(history)) continue;
    const { counts, summary } = clientCounts(clientId, history, ctx);
    addCounts(cells, counts, 1);
    clients.push(summary);
  }
  return { cells: [...cells.values()].filter((c) => c.n !== 0), clients };
}

/** A person under one team, with their counters summed over some months. */
export interface BagRow {
  employeeId: string;
  teamId: string | null;
  bag: CounterBag;
}

/** Sums cells of the given months into one bag per person and team. */
export function sumCells(cells: readonly Count[], months: ReadonlySet<string>): BagRow[] {
  const rows = new Map<string, BagRow>();
  for (const c of cells) {
    if (!months.has(c.month)) continue;
    const key = `${c.employeeId}|${c.teamId ?? ''}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { employeeId: c.employeeId, teamId: c.teamId, bag: {} }));
    row.bag[c.counter] = (row.bag[c.counter] ?? 0) + c.n;
  }
  return [...rows.values()];
}

/** One bag per person over all their teams, and the team they did most in. */
export function perPerson(rows: readonly BagRow[]): Map<string, { bag: CounterBag; teamId: string | null }> {
  const out = new Map<string, { bag: CounterBag; teamId: string | null; weight: number }>();
  for (const r of rows) {
    const weight = Object.values(r.bag).reduce((a, b) => a + b, 0);
    const have = out.get(r.employeeId);
    if (!have) out.set(r.employeeId, { bag: addBag({}, r.bag), teamId: r.teamId, weight });
    else {
      addBag(have.bag, r.bag);
      if (weight > have.weight) Object.assign(have, { teamId: r.teamId, weight });
    }
  }
  return new Map([...out].map(([id, { bag, teamId }]) => [id, { bag, teamId }]));
}
