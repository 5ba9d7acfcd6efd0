import { SYSTEM_SETTINGS, type Delivery } from '@conveyor/shared';
import { describe, expect, it } from 'vitest';
import {
  absoluteUrl,
  fieldProblem,
  formProblems,
  inboxCounts,
  mergeDeliveries,
  mergeStatusMap,
  replayable,
  hasBody,
  settingsBody,
  statusMapOf,
  typedFields,
} from './integrations.js';

const delivery = (id: string, receivedAt: string, over: Partial<Delivery> = {}): Delivery => ({
  id,
  integrationId: 'i1',
  receivedAt,
  occurredAt: null,
  status: 'scored',
  reason: null,
  params: {},
  unmapped: [],
  eventIds: [],
  summary: {},
  attempts: 1,
  ...over,
});

describe('the connect form', () => {
  const restUrl = SYSTEM_SETTINGS.bitrix24.find((f) => f.name === 'restUrl')!;
  const token = SYSTEM_SETTINGS.bitrix24.find((f) => f.name === 'applicationToken')!;

  it('asks only for what a person types (stages are matched later)', () => {
    expect(typedFields('bitrix24').map((f) => f.name)).toEqual(['applicationToken', 'restUrl']);
    expect(typedFields('amocrm')).toEqual([]);
    expect(typedFields('generic')).toEqual([]);
  });

  it('checks a field as the server would', () => {
    expect(fieldProblem(token, '')).toBe('required');
    expect(fieldProblem(token, '   ')).toBe('required');
    expect(fieldProblem(token, 'x'.repeat(501))).toBe('tooLong');
    expect(fieldProblem(token, 'abc')).toBeNull();
    expect(fieldProblem(restUrl, 'portal.bitrix24.ru/rest/1/abc')).toBe('url');
    expect(fieldProblem(restUrl, 'ftp://portal.bitrix24.ru/rest/1/abc')).toBe('url');
    expect(fieldProblem(restUrl, 'https://portal.bitrix24.ru/rest/1/abc/')).toBeNull();
    // A secret already set may stay empty: it is kept.
    expect(fieldProblem(token, '', true)).toBeNull();
  });

  it('lists every problem of a form, the name too', () => {
    expect(formProblems('mango', '', {})).toEqual({ name: 'required', apiKey: 'required', apiSalt: 'required' });
    expect(formProblems('mango', 'Офис', { apiKey: 'k', apiSalt: 's' })).toEqual({});
    expect(formProblems('generic', 'x'.repeat(101), {})).toEqual({ name: 'tooLong' });
  });

  it('sends trimmed settings, leaving out a kept secret', () => {
    expect(settingsBody('mango', { apiKey: ' k ', apiSalt: 's' })).toEqual({ apiKey: 'k', apiSalt: 's' });
    expect(settingsBody('mango', { apiKey: 'k2', apiSalt: '' }, ['apiSalt'])).toEqual({ apiKey: 'k2' });
    expect(settingsBody('generic', {})).toEqual({});
  });
});

describe('the status map', () => {
  it('reads only stages mapped to a known event or to nothing', () => {
    expect(statusMapOf({ statusMap: { '142': 'meeting.scheduled', '143': null, '144': 'call', '145': 7 } })).toEqual({
      '142': 'meeting.scheduled',
      '143': null,
    });
    expect(statusMapOf({})).toEqual({});
    expect(statusMapOf({ statusMap: ['x'] })).toEqual({});
  });

  it('merges one stage into the whole map (the server replaces the setting)', () => {
    const stored = { '142': 'meeting.scheduled' as const };
    expect(mergeStatusMap(stored, '143', 'contract.signed')).toEqual({ '142': 'meeting.scheduled', '143': 'contract.signed' });
    expect(mergeStatusMap(stored, ' 142 ', null)).toEqual({ '142': null });
    expect(mergeStatusMap(stored, '142', undefined)).toEqual({});
    expect(stored).toEqual({ '142': 'meeting.scheduled' }); // not changed in place
  });
});

describe('the inbox', () => {
  it('replays ignored and parked deliveries; a refused one kept no body', () => {
    expect(replayable({ status: 'ignored' })).toBe(true);
    expect(replayable({ status: 'parked' })).toBe(true);
    expect(replayable({ status: 'refused' })).toBe(false);
    expect(replayable({ status: 'scored' })).toBe(false);
    expect(replayable({ status: 'pending' })).toBe(false);
    expect(hasBody({ status: 'refused' })).toBe(false);
    expect(hasBody({ status: 'parked' })).toBe(true);
  });

  it('merges a refresh of the newest page into what is shown, newest first', () => {
    const shown = [delivery('b', '2026-11-25T09:00:02Z', { status: 'parked' }), delivery('a', '2026-11-25T09:00:01Z')];
    const fresh = [delivery('c', '2026-11-25T09:00:03Z'), delivery('b', '2026-11-25T09:00:02Z', { status: 'scored' })];
    const merged = mergeDeliveries(shown, fresh);
    expect(merged.map((d) => [d.id, d.status])).toEqual([
      ['c', 'scored'],
      ['b', 'scored'],
      ['a', 'scored'],
    ]);
  });

  it('shows the counts there are, in the statuses’ order', () => {
    expect(inboxCounts({ pending: 0, scored: 4, parked: 1, ignored: 0, refused: 2 })).toEqual([
      { status: 'scored', n: 4 },
      { status: 'parked', n: 1 },
      { status: 'refused', n: 2 },
    ]);
  });

  it('gives a system an absolute address', () => {
    expect(absoluteUrl('/api/hooks/abc', 'http://office.local:3000')).toBe('http://office.local:3000/api/hooks/abc');
    expect(absoluteUrl('https://x.example/api/hooks/abc', 'http://office.local')).toBe('https://x.example/api/hooks/abc');
  });
});
