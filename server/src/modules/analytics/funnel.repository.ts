import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { bind, insertRows } from '../../database/sql.js';
import type { ClientSummary, Count, Counter } from '../../domain/funnel/counts.js';

const COUNT_COLUMNS = ['month', 'employee_id', 'team_id', 'counter', 'n'];
const CLIENT_COLUMNS = [
  'client_id',
  'keeper_id',
  'keeper_team_id',
  'first_paid_at',
  'first_amount',
  'last_paid_at',
  'paid_total',
  'churned_at',
];

/** A person's counters under one team, summed over some months. */
export interface CountSum {
  employeeId: string;
  teamId: string | null;
  counter: Counter;
  n: number;
}

/** The funnel's tables: counters added to in the writer's transaction, read by month. */
@Injectable()
export class FunnelRepository {
  /** Adds deltas to the counters (a row appears at its first count; zeros are skipped). */
  async add(em: EntityManager, deltas: readonly Count[]): Promise<void> {
    const rows = deltas.filter((d) => d.n !== 0).map((d) => [d.month, d.employeeId, d.teamId ?? '', d.counter, d.n]);
    if (rows.length === 0) return;
    await insertRows(
      em,
      'funnel_counts',
      COUNT_COLUMNS,
      rows,
      ' ON CONFLICT (month, employee_id, team_id, counter) DO UPDATE SET n = funnel_counts.n + excluded.n',
    );
  }

  /** Forgets every counter from a month on (before they are counted again). */
  async dropFrom(em: EntityManager, month: string): Promise<void> {
    await em.query(...bind(em, 'DELETE FROM funnel_counts WHERE month >= :month', { month }));
  }

  /** Writes what the office remembers of these clients, replacing what it remembered. */
  async putClients(em: EntityManager, clients: readonly ClientSummary[]): Promise<void> {
    const rows = clients.map((c) => [
      c.clientId,
      c.keeperId,
      c.keeperTeamId,
      c.firstPaidAt,
      c.firstAmount,
      c.lastPaidAt,
      c.paidTotal,
      c.churnedAt,
    ]);
    if (rows.length === 0) return;
    const set = CLIENT_COLUMNS.slice(1)
      .map((c) => `${c} = excluded.${c}`)
      .join(', ');
    await insertRows(em, 'funnel_clients', CLIENT_COLUMNS, rows, ` ON CONFLICT (client_id) DO UPDATE SET ${set}`);
  }

  /** Counters summed over some months, per person and team. */
  async sums(em: EntityManager, months: readonly string[]): Promise<CountSum[]> {
    if (months.length === 0) return [];
    const [sql, params] = bind(
      em,
      `SELECT employee_id AS "employeeId", team_id AS "teamId", counter, SUM(n) AS n FROM funnel_counts
        WHERE month IN (:...months) GROUP BY employee_id, team_id, counter`,
      { months: [...months] },
    );
    const rows = await em.query<{ employeeId: string; teamId: string; counter: Counter; n: number | string }[]>(sql, params);
    return rows.map((r) => ({ employeeId: r.employeeId, teamId: r.teamId === '' ? null : r.teamId, counter: r.counter, n: Number(r.n) }));
  }

  /** One person's counters month by month, from a month on. */
  async monthsOf(em: EntityManager, employeeId: string, fromMonth: string): Promise<{ month: string; counter: Counter; n: number }[]> {
    const [sql, params] = bind(
      em,
      `SELECT month, counter, SUM(n) AS n FROM funnel_counts WHERE employee_id = :employeeId AND month >= :fromMonth GROUP BY month, counter`,
      { employeeId, fromMonth },
    );
    const rows = await em.query<{ month: string; counter: Counter; n: number | string }[]>(sql, params);
    return rows.map((r) => ({ ...r, n: Number(r.n) }));
  }

  /** Every client that has paid (read as plain rows: an office has thousands). */
  async payingClients(em: EntityManager): Promise<ClientSummary[]> {
    const rows = await em.query<
      (Omit<ClientSummary, 'firstAmount' | 'paidTotal'> & { firstAmount: number | string; paidTotal: number | string })[]
    >(
      `SELECT client_id AS "clientId", keeper_id AS "keeperId", keeper_team_id AS "keeperTeamId", first_paid_at AS "firstPaidAt",
              first_amount AS "firstAmount", last_paid_at AS "lastPaidAt", paid_total AS "paidTotal", churned_at AS "churnedAt"
         FROM funnel_clients WHERE first_paid_at IS NOT NULL`,
    );
    return rows.map((r) => ({ ...r, firstAmount: Number(r.firstAmount), paidTotal: Number(r.paidTotal) }));
  }
}
