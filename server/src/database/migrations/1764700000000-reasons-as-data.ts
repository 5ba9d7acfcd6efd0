import { Table, TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Reasons are data: every ledger entry gets its rule's code and the params behind its reason, filled
 * here for the rows already written (from their events, the people and teams, and the English reason
 * they carry); and clients get a table of their names. Self-contained on purpose: a migration must
 * not change when the scoring code does.
 */
export class ReasonsAsData1764700000000 implements MigrationInterface {
  name = 'ReasonsAsData1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('ledger_entries', [
      new TableColumn({ name: 'reason_code', type: 'varchar', length: '64', isNullable: true }),
      new TableColumn({ name: 'params', type: 'text', isNullable: true }),
    ]);
    await q.createTable(
      new Table({
        name: 'clients',
        columns: [
          { name: 'id', type: 'varchar', length: '128', isPrimary: true },
          { name: 'name', type: 'varchar', length: '200' },
          // The event that gave the name, so the latest by (occurred_at, event id) wins whatever arrives late.
          { name: 'named_at', type: 'varchar', length: '30' },
          { name: 'named_by', type: 'varchar', length: '128' },
        ],
      }),
    );

    const names = new Map<string, string>();
    for (const table of ['employees', 'teams'] as const) {
      const rows = (await q.query(`SELECT id, name FROM ${table}`)) as { id: string; name: string }[];
      for (const r of rows) names.set(`${table}:${r.id}`, r.name);
    }
    const rows = (await q.query(
      `SELECT l.id AS "id", l.rule AS "rule", l.award_key AS "awardKey", l.reason AS "reason", l.employee_id AS "employeeId",
              l.team_id AS "teamId", e.body AS "body"
         FROM ledger_entries l LEFT JOIN events e ON e.id = l.event_id`,
    )) as Row[];
    for (const row of rows) {
      const params = paramsOf(row, names);
      const [sql, values] = q.connection.driver.escapeQueryWithParameters(
        'UPDATE ledger_entries SET reason_code = :code, params = :params WHERE id = :id',
        { code: row.rule, params: JSON.stringify(params), id: row.id },
        {},
      );
      await q.query(sql, values);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('clients');
    await q.dropColumns('ledger_entries', ['reason_code', 'params']);
  }
}

interface Row {
  id: number;
  rule: string;
  awardKey: string;
  reason: string;
  employeeId: string | null;
  teamId: string | null;
  body: string | null;
}

type Params = Record<string, string | number | boolean>;

/** The params a row's award would carry had it been written with them, recovered from what it stored. */
function paramsOf(row: Row, names: Map<string, string>): Params {
  const event = row.body ? (JSON.parse(row.body) as { durationSec?: number; clientId?: string; amount?: number }) : {};
  const reversed = /^Reversed \(([^)]*)\): /.exec(row.reason);
  const reason = reversed ? row.reason.slice(reversed[0].length) : row.reason;
  const params: Params = row.employeeId
    ? { employee: names.get(`employees:${row.employeeId}`) ?? row.employeeId }
    : { team: names.get(`teams:${row.teamId ?? ''}`) ?? row.teamId ?? '' };
  // A target bonus or a daily norm is the team's or the day's, not its event's client's.
  const ofClient = row.rule !== 'team.target_reached' && row.rule !== 'telemarketer.daily_norm';
  if (event.clientId && ofClient) Object.assign(params, { clientId: event.clientId, client: event.clientId });
  const money = event.amount !== undefined ? { amount: event.amount, currency: 'RUB' } : {};
  const number = (pattern: RegExp): number | undefined => {
    const m = pattern.exec(reason);
    return m ? Number(m[1]!.replace(/,/g, '')) : undefined;
  };
  switch (row.rule) {
    case 'telemarketer.call':
      if (event.durationSec !== undefined) params.seconds = event.durationSec;
      break;
    case 'telemarketer.daily_norm':
      params.calls = number(/(\d+)th successful call/) ?? 45;
      break;
    case 'sales.first_payment':
    case 'sales.renewal':
      Object.assign(params, money);
      break;
    case 'account.payment':
      Object.assign(params, money, { newClient: / from new client /.test(reason) });
      break;
    case 'account.retention_bonus':
      Object.assign(params, { threshold: number(/ paid ([\d,.]+) this quarter/) ?? 300_000, currency: 'RUB' });
      params.period = row.awardKey.slice(row.awardKey.lastIndexOf(':') + 1);
      break;
    case 'team.target_reached': {
      const key = /^target:.+:(?:month|quarter|year):([^:#]+)#/.exec(row.awardKey);
      params.target = number(/ target of (\d+) points/) ?? 0;
      if (key) params.period = key[1]!;
      break;
    }
    default:
      break;
  }
  if (reversed) {
    const why = reversed[1]!;
    params.reversed = true;
    if (why.startsWith('voided: ')) Object.assign(params, { cause: 'void', note: why.slice('voided: '.length) });
    else if (why.startsWith('rules version ')) Object.assign(params, { cause: 'rules_change', version: Number(why.slice(14)) });
    else if (why === 'team membership changed') params.cause = 'team_change';
    else if (why === 'team target changed') params.cause = 'target_change';
    else params.cause = 'rescore';
  }
  return params;
}
