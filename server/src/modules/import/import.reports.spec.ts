import { MAX_IMPORT_ERRORS_LISTED, type ImportReport } from '@conveyor/shared';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../common/domain-error.js';
import { ErrorList, ImportReports, REPORTS_KEPT } from './import.reports.js';

const report = (id: string, state: ImportReport['state'] = 'done'): ImportReport => ({
  id,
  state,
  dryRun: false,
  encoding: 'utf-8',
  delimiter: ';',
  rows: 0,
  valid: 0,
  processed: 0,
  imported: 0,
  duplicates: 0,
  errorCount: 0,
  errors: [],
  startedAt: '2026-11-25T09:00:00.000Z',
  finishedAt: null,
});

describe('ImportReports', () => {
  it('keeps the last 20 reports, and a running one however old', () => {
    const reports = new ImportReports();
    reports.keep(report('running', 'running'));
    for (let i = 0; i < 30; i++) reports.keep(report(`r${i}`));
    expect(reports.get('running').state).toBe('running');
    expect(reports.get('r29').id).toBe('r29');
    expect(reports.get(`r${30 - REPORTS_KEPT + 1}`).id).toBeDefined();
    expect(() => reports.get(`r${30 - REPORTS_KEPT}`)).toThrow(DomainError);
  });

  it('answers copies, so a running import does not change an answer already given', () => {
    const reports = new ImportReports();
    const r = report('a', 'running');
    reports.keep(r);
    const answer = reports.get('a');
    r.processed = 1000;
    r.errors.push({ row: 2, column: 'type', reason: 'x', why: { code: 'other' } });
    expect(answer).toMatchObject({ processed: 0, errors: [] });
  });

  it('lets one real import run at a time', () => {
    const reports = new ImportReports();
    reports.claim();
    expect(() => reports.claim()).toThrow(expect.objectContaining({ code: 'import.running', kind: 'conflict' }) as Error);
    reports.release();
    expect(() => reports.claim()).not.toThrow();
  });
});

describe('ErrorList', () => {
  it('counts every bad row and lists the problems of the first 1,000 by row', () => {
    const r = report('e');
    const errors = new ErrorList(r);
    for (let row = 5000; row >= 2; row--) errors.add(row, [{ column: 'occurredAt', reason: 'bad', why: { code: 'future' } }]);
    errors.flush();
    expect(r.errorCount).toBe(4999);
    expect(r.errors).toHaveLength(MAX_IMPORT_ERRORS_LISTED);
    expect(r.errors[0]).toEqual({ row: 2, column: 'occurredAt', reason: 'bad', why: { code: 'future' } });
    expect(r.errors.at(-1)!.row).toBe(MAX_IMPORT_ERRORS_LISTED + 1);
    // A second pass goes on from the list the first one left.
    const more = new ErrorList(r);
    more.add(1, [{ column: 'id', reason: 'refused', why: { code: 'id_taken', params: { id: 'e-1' } } }]);
    more.flush();
    expect(r.errors[0]).toEqual({ row: 1, column: 'id', reason: 'refused', why: { code: 'id_taken', params: { id: 'e-1' } } });
    expect(r.errorCount).toBe(5000);
  });
});
