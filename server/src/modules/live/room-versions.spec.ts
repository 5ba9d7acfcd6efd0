import { describe, expect, it } from 'vitest';
import type { BoardState } from '../standings/standings.service.js';
import { isLiveFact, ledgerFact } from './live-bus.js';
import { advance, dueIn, fingerprint, LocalRoomVersions, markFields, parseMark, type RoomMark } from './room-versions.js';

const board = (points: number, key = '2026-11'): BoardState => ({
  board: 'teams',
  period: 'month',
  key,
  start: '2026-10-31T21:00:00.000Z',
  end: '2026-11-30T21:00:00.000Z',
  at: '2026-11-25',
  rows: [{ rank: 1, id: 'team1', name: 'Команда 1', points }],
});

const mark = (over: Partial<RoomMark> = {}): RoomMark => ({ version: 7, fingerprint: 'h7', periodKey: '2026-11', at: 10_000, ...over });

describe('advance: the next step of a room shared by several instances', () => {
  it('sends the first state of a room with version 1, as an update', () => {
    expect(advance(null, { fingerprint: 'h', periodKey: '2026-11' }, 0, 250, 0)).toEqual({ kind: 'send', version: 1, rolledOver: false });
  });

  it('sends nothing when another instance already sent exactly this state, window or not', () => {
    expect(advance(mark(), { fingerprint: 'h7', periodKey: '2026-11' }, 10_001, 250, 7)).toEqual({ kind: 'unchanged' });
    expect(advance(mark(), { fingerprint: 'h7', periodKey: '2026-11' }, 99_999, 250, 7)).toEqual({ kind: 'unchanged' });
  });

  it('holds a new state to the board window, whichever instance sent last', () => {
    expect(advance(mark(), { fingerprint: 'h8', periodKey: '2026-11' }, 10_100, 250, 7)).toEqual({ kind: 'wait', ms: 150 });
    expect(advance(mark(), { fingerprint: 'h8', periodKey: '2026-11' }, 10_250, 250, 7)).toEqual({
      kind: 'send',
      version: 8,
      rolledOver: false,
    });
  });

  it('says when the period moved on, so the state goes out as a snapshot', () => {
    expect(advance(mark(), { fingerprint: 'h8', periodKey: '2026-12' }, 20_000, 250, 7)).toEqual({
      kind: 'send',
      version: 8,
      rolledOver: true,
    });
  });

  it('goes on from the highest version this instance used when Redis lost its marks or fell behind', () => {
    expect(advance(null, { fingerprint: 'h', periodKey: '2026-11' }, 0, 250, 12)).toEqual({ kind: 'send', version: 13, rolledOver: false });
    expect(advance(mark({ version: 3 }), { fingerprint: 'h', periodKey: '2026-11' }, 20_000, 250, 12)).toMatchObject({ version: 13 });
    expect(advance(mark({ version: 30 }), { fingerprint: 'h', periodKey: '2026-11' }, 20_000, 250, 12)).toMatchObject({ version: 31 });
  });
});

describe('dueIn: whether a room may send before its board is read', () => {
  it('is now for a new room or once the window is over, else the rest of the window', () => {
    expect(dueIn(null, 0, 250)).toBe(0);
    expect(dueIn(mark(), 10_100, 250)).toBe(150);
    expect(dueIn(mark(), 10_250, 250)).toBe(0);
    expect(dueIn(mark(), 99_999, 250)).toBe(0);
  });
});

describe('fingerprint', () => {
  it('is equal for equal states and differs when a row, the period or the date does', () => {
    expect(fingerprint(board(15))).toBe(fingerprint(board(15)));
    expect(fingerprint(board(30))).not.toBe(fingerprint(board(15)));
    expect(fingerprint(board(15, '2026-12'))).not.toBe(fingerprint(board(15)));
    expect(fingerprint({ ...board(15), at: '2026-11-26' })).not.toBe(fingerprint(board(15)));
  });
});

describe('room marks in Redis', () => {
  it('round-trip through the hash fields', () => {
    expect(parseMark(markFields(mark()))).toEqual(mark());
  });

  it('read as absent when missing or damaged', () => {
    expect(parseMark({})).toBeNull();
    expect(parseMark({ ...markFields(mark()), v: 'x' })).toBeNull();
    expect(parseMark({ ...markFields(mark()), v: '-1' })).toBeNull();
    expect(parseMark({ ...markFields(mark()), h: '' })).toBeNull();
  });
});

describe('LocalRoomVersions: one instance, as before several', () => {
  it('sends every flush with the next version, per room, and starts again when a room is forgotten', async () => {
    const versions = new LocalRoomVersions();
    expect(await versions.current('teams|month|current')).toBe(0);
    expect(await versions.next('teams|month|current', board(15), null)).toEqual({ kind: 'send', version: 1, rolledOver: false });
    expect(await versions.next('teams|month|current', board(15), '2026-11')).toEqual({ kind: 'send', version: 2, rolledOver: false });
    expect(await versions.next('teams|month|current', board(0, '2026-12'), '2026-11')).toEqual({
      kind: 'send',
      version: 3,
      rolledOver: true,
    });
    expect(await versions.current('employees|month|current')).toBe(0);
    versions.raise('teams|month|current', 2);
    expect(await versions.current('teams|month|current')).toBe(3);
    versions.forget('teams|month|current');
    expect(await versions.current('teams|month|current')).toBe(0);
  });

  it('runs exclusive work at once (the room queue already orders it)', async () => {
    expect(await new LocalRoomVersions().exclusive('r', () => Promise.resolve(42))).toBe(42);
    expect(await new LocalRoomVersions().dueIn()).toBe(0);
  });
});

describe('facts between instances', () => {
  it('carry who scored when and only the roles of those people', () => {
    const award = {
      id: 1,
      eventId: 'e1',
      employeeId: 'tm1',
      teamId: 'team1',
      points: 15,
      rule: 'telemarketer.meeting_scheduled',
      ruleVersion: 1,
      reason: 'Telemarketer 1: meeting scheduled, +15',
      occurredAt: '2026-11-25T09:00:00.000Z',
    };
    const fact = ledgerFact([award, { ...award, id: 2, employeeId: null, teamId: 'team1' }], { tm1: 'telemarketer', sales1: 'sales' });
    expect(fact).toEqual({
      kind: 'ledger',
      awards: [
        { employeeId: 'tm1', teamId: 'team1', occurredAt: award.occurredAt },
        { employeeId: null, teamId: 'team1', occurredAt: award.occurredAt },
      ],
      roles: { tm1: 'telemarketer' },
    });
    expect(isLiveFact(JSON.parse(JSON.stringify(fact)))).toBe(true);
  });

  it('are refused when malformed (they come over the network)', () => {
    expect(isLiveFact({ kind: 'org' })).toBe(true);
    for (const bad of [
      null,
      'org',
      {},
      { kind: 'ledger' },
      { kind: 'ledger', awards: [{}], roles: {} },
      { kind: 'ledger', awards: [], roles: null },
    ]) {
      expect(isLiveFact(bad)).toBe(false);
    }
  });
});
