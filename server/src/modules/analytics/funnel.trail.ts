import { Injectable } from '@nestjs/common';
import type { ActivityEvent, FunnelStage, PeriodKind, SignalsReport, StageEvent } from '@conveyor/shared';
import type { EntityManager } from 'typeorm';
import { Database } from '../../database/database.js';
import { eventCounts } from '../../domain/funnel/counts.js';
import { STAGE_COUNTERS } from '../../domain/funnel/funnel.js';
import { fairPlaySignals, signalPerson } from '../../domain/funnel/signals.js';
import { compareEvents } from '../../domain/scoring/award.js';
import { ScoringContextLoader } from '../ledger/context.loader.js';
import { LedgerReader } from '../ledger/ledger.reader.js';
import { OrgDirectory } from '../org/org.directory.js';
import { FunnelReports } from './funnel.reports.js';
import { FunnelRepository } from './funnel.repository.js';

/** A drill-down lists at most this many events, newest first. */
const MAX_EVENTS = 300;

/**
 * What reads the events themselves rather than the counters: the fair-play signals of a period
 * and the events behind one of a person's numbers.
 */
@Injectable()
export class FunnelTrail {
  constructor(
    private readonly db: Database,
    private readonly reports: FunnelReports,
    private readonly contexts: ScoringContextLoader,
    private readonly ledger: LedgerReader,
    private readonly org: OrgDirectory,
    private readonly repo: FunnelRepository,
  ) {}

  async signals(kind: PeriodKind, at: string | undefined): Promise<SignalsReport> {
    const resolved = this.reports.resolve(kind, at, await this.reports.calendar());
    const { from, to, key } = resolved.period;
    return this.db.read(async (em) => {
      const ctx = await this.contexts.cachedContext(em);
      const line = ctx.rulesAt(to).telemarketer.successfulCallSec;
      const names = new Map((await this.org.listEmployees(em)).map((e) => [e.id, e.name]));
      const trail = await this.ledger.eventTrail(em, from, to);
      const people = [];
      for (let i = 0; i < trail.length;) {
        const employeeId = trail[i]!.employeeId;
        let j = i;
        while (j < trail.length && trail[j]!.employeeId === employeeId) j++;
        const rows = trail.slice(i, j);
        i = j;
        const name = names.get(employeeId);
        if (!name) continue;
        people.push(
          signalPerson(
            { employeeId, name, teamId: ctx.teamAt(employeeId, rows.at(-1)!.event.occurredAt) },
            rows.map((r) => ({
              type: r.event.type,
              occurredAt: r.event.occurredAt,
              receivedAt: r.receivedAt,
              voided: r.voided,
              source: r.source,
              durationSec: r.event.type === 'call' ? r.event.durationSec : null,
            })),
            line,
          ),
        );
      }
      return { period: resolved.period, signals: fairPlaySignals(people, line, key) };
    });
  }

  /** The events behind a person's stage in a period: those counted above the line, and those only below it. */
  async stageEvents(employeeId: string, stage: FunnelStage, kind: PeriodKind, at: string | undefined): Promise<StageEvent[]> {
    const resolved = this.reports.resolve(kind, at, await this.reports.calendar());
    const { from, to } = resolved.period;
    return this.db.read(async (em) => {
      const ctx = await this.contexts.cachedContext(em);
      const [numerator, denominator] = STAGE_COUNTERS[stage];
      const out: { event: ActivityEvent; counted: boolean }[] = [];
      if (stage === 'retention') {
        // Payments in the period of the clients this person keeps (or kept until a churn).
        const kept = (await this.repo.payingClients(em)).filter((c) => c.keeperId === employeeId).map((c) => c.clientId);
        for (const history of await this.ledger.clientHistories(em, kept))
          for (const e of history)
            if (e.occurredAt >= from && e.occurredAt < to && (e.type === 'payment.received' || e.type === 'client.churned'))
              out.push({ event: e, counted: e.type === 'payment.received' });
      } else {
        const own = (await this.ledger.eventTrail(em, from, to, stage === 'meeting.held' ? undefined : employeeId)).filter(
          (r) => !r.voided,
        );
        const firsts =
          stage === 'meeting.set'
            ? await this.firstMeetings(
                em,
                own.map((r) => r.event),
              )
            : new Set<string>();
        for (const { event } of own) {
          const counters = eventCounts(event, ctx)
            .filter((c) => c.employeeId === employeeId)
            .map((c) => c.counter);
          if (stage === 'meeting.set' && event.type === 'meeting.scheduled' && event.employeeId === employeeId)
            out.push({ event, counted: firsts.has(event.id) });
          else if (counters.includes(numerator)) out.push({ event, counted: true });
          else if (denominator && counters.includes(denominator)) out.push({ event, counted: false });
        }
      }
      const names = await this.ledger.clientNames(
        em,
        out.flatMap(({ event }) => ('clientId' in event && event.clientId ? [event.clientId] : [])),
      );
      return out
        .sort((a, b) => compareEvents(b.event, a.event))
        .slice(0, MAX_EVENTS)
        .map(({ event, counted }) => {
          const clientId = 'clientId' in event ? (event.clientId ?? null) : null;
          return {
            id: event.id,
            type: event.type,
            occurredAt: event.occurredAt,
            clientId,
            clientName: clientId ? (names.get(clientId) ?? null) : null,
            durationSec: event.type === 'call' ? event.durationSec : null,
            counted,
          };
        });
    });
  }

  /** Which of these meetings were their client's first (the source). */
  private async firstMeetings(em: EntityManager, events: readonly ActivityEvent[]): Promise<Set<string>> {
    const clients = [...new Set(events.flatMap((e) => (e.type === 'meeting.scheduled' ? [e.clientId] : [])))];
    const firsts = new Set<string>();
    for (const history of await this.ledger.clientHistories(em, clients)) {
      const first = history.filter((e) => e.type === 'meeting.scheduled').sort(compareEvents)[0];
      if (first) firsts.add(first.id);
    }
    return firsts;
  }
}
