import type { ApiError, Employee } from '@conveyor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOffice, type Api } from '../helpers/api.js';
import { MANUAL_CLOCK } from '../helpers/clock.js';
import type { RunningServer } from '../helpers/server.js';

let server: RunningServer;
let api: Api;

beforeAll(async () => {
  ({ server, api } = await startOffice(MANUAL_CLOCK));
});
afterAll(() => server?.dispose());

describe("an employee's ids in other systems", () => {
  it('are set when the person is added, changed and forgotten one system at a time', async () => {
    const created = await api.request<Employee>('POST', '/employees', {
      id: 'ext-anna',
      name: 'Анна Смирнова',
      role: 'telemarketer',
      externalIds: { amocrm: '5012', mango: '101' },
    });
    expect(created).toMatchObject({ status: 201, body: { externalIds: { amocrm: '5012', mango: '101' } } });
    const patched = await api.request<Employee>('PATCH', '/employees/ext-anna', {
      externalIds: { mango: '102', zadarma: '200', amocrm: null },
    });
    expect(patched.body.externalIds).toEqual({ mango: '102', zadarma: '200' });
    const listed = (await api.request<Employee[]>('GET', '/employees')).body.find((e) => e.id === 'ext-anna');
    expect(listed?.externalIds).toEqual({ mango: '102', zadarma: '200' });
  });

  it("refuses another employee's id in the same system with a 409 naming the field, and changes nothing", async () => {
    await api.request('POST', '/employees', { id: 'ext-petr', name: 'Пётр Иванов', role: 'sales', externalIds: { zadarma: '300' } });
    const refused = await api.request<ApiError>('PATCH', '/employees/ext-petr', { name: 'Пётр', externalIds: { zadarma: '200' } });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'employee.external_id_taken', errors: [{ field: 'externalIds.zadarma' }] });
    const petr = (await api.request<Employee>('GET', '/employees/ext-petr')).body;
    expect(petr).toMatchObject({ name: 'Пётр Иванов', externalIds: { zadarma: '300' } });
  });

  it('refuses an unknown system or an empty id with a 400 naming the field', async () => {
    const unknown = await api.request<ApiError>('PATCH', '/employees/ext-petr', { externalIds: { telegram: '1' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('request.malformed');
    const empty = await api.request<ApiError>('PATCH', '/employees/ext-petr', { externalIds: { amocrm: '' } });
    expect(empty).toMatchObject({ status: 400, body: { errors: [{ field: 'externalIds.amocrm' }] } });
  });
});
