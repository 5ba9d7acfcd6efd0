import type { Award, VoidPreview } from '@conveyor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOffice, type Api } from '../helpers/api.js';
import { MANUAL_CLOCK, testTime } from '../helpers/clock.js';
import type { RunningServer } from '../helpers/server.js';

let server: RunningServer;
let api: Api;

beforeAll(async () => {
  ({ server, api } = await startOffice(MANUAL_CLOCK));
});
afterAll(() => server?.dispose());

describe('a void, previewed', () => {
  it('shows exactly what the void will take away, and changes nothing', async () => {
    await api.postEvents({
      id: 'vp-1',
      type: 'meeting.scheduled',
      occurredAt: testTime(-60_000),
      employeeId: 'tm1',
      clientId: 'vp',
      clientName: 'АО Лотос',
    });
    const before = await api.points('board=employees');
    const preview = await api.request<VoidPreview>('GET', '/events/vp-1/void-preview');
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ id: 'vp-1', voided: false });
    expect(preview.body.awards.map((a) => [a.employeeId, a.points, a.reasonCode, a.params])).toEqual([
      [
        'tm1',
        -15,
        'telemarketer.meeting_scheduled',
        { employee: 'Telemarketer 1', clientId: 'vp', client: 'АО Лотос', reversed: true, cause: 'void', note: '' },
      ],
    ]);
    expect(await api.points('board=employees')).toEqual(before);

    await api.request('POST', '/events/vp-1/void', { reason: 'дубль из CRM' });
    const recent = (await api.request<Award[]>('GET', '/awards/recent?limit=1')).body;
    expect(recent.map((a) => [a.employeeId, a.points, a.reasonCode])).toEqual([['tm1', -15, 'telemarketer.meeting_scheduled']]);
    expect(recent[0]!.params).toMatchObject({ reversed: true, cause: 'void', note: 'дубль из CRM' });
    expect((await api.request<VoidPreview>('GET', '/events/vp-1/void-preview')).body).toEqual({ id: 'vp-1', voided: true, awards: [] });
    expect((await api.request('GET', '/events/nope/void-preview')).status).toBe(404);
  });
});
