import type { ActivityEvent } from '@conveyor/shared';
import { describe, expect, it } from 'vitest';
import { DERIVED_ID, DigestTable, FileIdentities } from './identity.js';
import { createHash } from 'node:crypto';

const call = (over: Partial<ActivityEvent> = {}): ActivityEvent =>
  ({ id: 'x', type: 'call', occurredAt: '2026-11-03T11:05:00.000Z', employeeId: 'tm1', durationSec: 0, ...over }) as ActivityEvent;

describe('FileIdentities', () => {
  it('derives the same ids from the same rows in every reading, and tells identical rows apart by their ordinal', () => {
    const read = (events: ActivityEvent[]): string[] => {
      const ids = new FileIdentities();
      return events.map((e) => ids.derive(e));
    };
    const rows = [call(), call(), call({ durationSec: 5 }), call()];
    const first = read(rows);
    expect(read(rows)).toEqual(first);
    expect(new Set(first).size).toBe(4);
    for (const id of first) expect(id).toMatch(DERIVED_ID);
    // Labels are not what an event is: another client name or source gives the same id.
    expect(read([call({ clientName: 'ООО Ромашка', source: 'manual' })])[0]).toBe(first[0]);
    expect(read([call({ occurredAt: '2026-11-03T11:06:00.000Z' })])[0]).not.toBe(first[0]);
  });

  it('leads each id with the minute, so ids sort by time', () => {
    const ids = new FileIdentities();
    const times = ['2000-01-01T00:00:00.000Z', '2026-11-03T11:05:59.000Z', '2026-11-03T11:06:00.000Z', '2099-12-31T23:59:00.000Z'];
    const derived = times.map((occurredAt) => ids.derive(call({ occurredAt })));
    expect(derived[0]!.slice(0, 10)).toBe('csv:000000');
    expect(derived.map((id) => id.slice(0, 10))).toEqual([...derived.map((id) => id.slice(0, 10))].sort());
    expect(new Set(derived.map((id) => id.slice(0, 10))).size).toBe(4);
  });

  it('tells a repeated given id from a conflicting one, with the row it first came on', () => {
    const ids = new FileIdentities();
    expect(ids.see('crm-1', '{"a":1}', 2)).toEqual({ kind: 'new' });
    expect(ids.see('crm-2', '{"a":1}', 3)).toEqual({ kind: 'new' });
    expect(ids.see('crm-1', '{"a":1}', 4)).toEqual({ kind: 'repeat', firstRow: 2 });
    expect(ids.see('crm-1', '{"a":2}', 5)).toEqual({ kind: 'conflict', firstRow: 2 });
  });
});

describe('DigestTable', () => {
  it('keeps every key through growth', () => {
    const table = new DigestTable(2, 4);
    const digest = (n: number): Buffer => createHash('sha256').update(String(n)).digest();
    for (let n = 0; n < 5000; n++) table.set(digest(n), [n, n * 2]);
    expect(table.size).toBe(5000);
    for (let n = 0; n < 5000; n += 7) expect([...table.get(digest(n))!]).toEqual([n, n * 2]);
    expect(table.get(digest(5001))).toBeUndefined();
    table.set(new Uint8Array(8), [9]); // the all-zero digest is a key like any other
    expect(table.get(new Uint8Array(8))?.[0]).toBe(9);
  });
});
