import type { ActivityEvent, ImportReport } from '@conveyor/shared';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../common/domain-error.js';
import type { Database } from '../../database/database.js';
import { readHeader, type Header } from '../../domain/import/header.js';
import type { IngestService } from '../ledger/ingest.service.js';
import type { LedgerReader } from '../ledger/ledger.reader.js';
import type { StagedRow } from './import.checker.js';
import { ErrorList } from './import.reports.js';
import { ImportRunner, ImportStopped } from './import.runner.js';

const call = (id: string, employeeId = 'tm1'): ActivityEvent => ({
  id,
  type: 'call',
  occurredAt: '2026-11-03T11:05:00.000Z',
  employeeId,
  durationSec: 60,
});

const header = ((): Header => {
  const r = readHeader(['type', 'occurredAt', 'Сотрудник', 'durationSec']);
  if (!r.ok) throw new Error('bad header');
  return r.header;
})();

const report = (): ImportReport => ({
  id: 'r',
  state: 'running',
  dryRun: false,
  encoding: 'utf-8',
  delimiter: ';',
  rows: 4,
  valid: 4,
  processed: 0,
  imported: 0,
  duplicates: 0,
  errorCount: 0,
  errors: [],
  startedAt: '2026-11-25T09:00:00.000Z',
  finishedAt: null,
});

/** A ledger that has `stored` and refuses events of `ghost` the way IngestService does, the whole request at once. */
function ledger(stored: Map<string, string>) {
  const requests: string[][] = [];
  const db = { read: <T>(work: (em: never) => Promise<T>) => work(undefined as never) } as unknown as Database;
  const reader = {
    storedBodies: (_em: unknown, ids: readonly string[]) => Promise.resolve(new Map([...stored].filter(([id]) => ids.includes(id)))),
  } as unknown as LedgerReader;
  const ingest = {
    ingest: (events: ActivityEvent[]) => {
      requests.push(events.map((e) => e.id));
      const bad = events.flatMap((e, index) => ('employeeId' in e && e.employeeId === 'ghost' ? [index] : []));
      if (bad.length > 0)
        return Promise.reject(
          new DomainError(
            'unprocessable',
            'refused',
            bad.map((index) => ({ index, field: 'employeeId', reason: 'no employee with id "ghost"' })),
          ),
        );
      for (const e of events) stored.set(e.id, '{}');
      return Promise.resolve({ count: events.length, events: events.map((e) => ({ id: e.id, receivedAt: '' })) });
    },
  } as unknown as IngestService;
  return { runner: new ImportRunner(db, reader, ingest), requests };
}

// vitest types its asymmetric matchers as `any`.
const containing = (text: string): unknown => expect.stringContaining(text);

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function stage(rows: StagedRow[]): string {
  dir = mkdtempSync(join(tmpdir(), 'import-runner-'));
  const path = join(dir, 'rows.ndjson');
  writeFileSync(path, rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
  return path;
}

describe('ImportRunner', () => {
  const rows: StagedRow[] = [
    { row: 2, derived: true, event: call('csv:a') },
    { row: 3, derived: true, event: call('csv:b', 'ghost') },
    { row: 4, derived: true, event: call('csv:stored') },
    { row: 5, derived: true, event: call('csv:c') },
  ];

  it('with skipBad, lists a row the ledger refuses and sends the rest again; stored rows are duplicates', async () => {
    const { runner, requests } = ledger(new Map([['csv:stored', '{"older":"labels"}']]));
    const r = report();
    await runner.run(stage(rows), header, r, new ErrorList(r), true);
    expect(r).toMatchObject({ processed: 4, imported: 2, duplicates: 1, errorCount: 1 });
    expect(r.errors).toMatchObject([{ row: 3, column: 'Сотрудник', reason: 'no employee with id "ghost"' }]);
    expect(requests).toEqual([
      ['csv:a', 'csv:b', 'csv:c'],
      ['csv:a', 'csv:c'],
    ]);
  });

  it('without skipBad, stops at the refusal, storing nothing of that batch', async () => {
    const { runner } = ledger(new Map());
    const r = report();
    await expect(runner.run(stage(rows), header, r, new ErrorList(r), false)).rejects.toBeInstanceOf(ImportStopped);
    expect(r).toMatchObject({ processed: 0, imported: 0, errorCount: 1 });
  });

  it('refuses a given id stored since the check for another event', async () => {
    const { runner } = ledger(new Map([['crm-1', '{"another":"event"}']]));
    const r = report();
    await runner.run(stage([{ row: 2, derived: false, event: call('crm-1') }]), header, r, new ErrorList(r), true);
    expect(r).toMatchObject({ processed: 1, imported: 0, duplicates: 0, errorCount: 1 });
    expect(r.errors[0]).toMatchObject({ row: 2, column: 'id', reason: containing('already stored for another event') });
  });
});
