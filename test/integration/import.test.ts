import type { ApiError, Award, ImportReport, MomentsSnapshot } from '@conveyor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOffice, type Answer, type Api } from '../helpers/api.js';
import { MANUAL_CLOCK, testTime } from '../helpers/clock.js';
import { LiveClient } from '../helpers/live.js';
import type { RunningServer } from '../helpers/server.js';
import { stringContaining } from '../helpers/match.js';

let server: RunningServer;
let api: Api;

beforeAll(async () => {
  ({ server, api } = await startOffice(MANUAL_CLOCK)); // 2026-11-25 12:00 in Moscow; the rows below are in its past
});
afterAll(() => server?.dispose());

/** Posts a CSV file as the body, the way a browser or curl sends one. */
async function postCsv(query: string, file: string | Uint8Array, token = server.adminToken): Promise<Answer<ImportReport & ApiError>> {
  const res = await fetch(`${server.url}/api/import${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    // The bytes exactly (a Windows-1251 file must not be re-encoded).
    body: typeof file === 'string' ? file : (file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer),
  });
  return { status: res.status, body: (await res.json()) as ImportReport & ApiError };
}

/** Polls the report until the import has finished (each answer awaited; bounded). */
async function finished(id: string): Promise<ImportReport> {
  const seen: string[] = [];
  for (let i = 0; i < 2000; i++) {
    const res = await api.request<ImportReport>('GET', `/import/${id}`);
    expect(res.status).toBe(200);
    seen.push(`${res.body.processed}/${res.body.valid}`);
    if (res.body.state !== 'running') return res.body;
  }
  throw new Error(`import ${id} still running after 2000 polls: ${seen.slice(-3).join(', ')}`);
}

/** Windows-1251, written out by hand (Cyrillic, Ё, «», №), so the test does not lean on the decoder it checks. */
function cp1251(text: string): Uint8Array {
  const special: Record<string, number> = { Ё: 0xa8, ё: 0xb8, '«': 0xab, '»': 0xbb, '№': 0xb9 };
  return Uint8Array.from(
    [...text].map((ch) => {
      const code = ch.codePointAt(0)!;
      if (code < 0x80) return code;
      if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
      const byte = special[ch];
      if (byte === undefined) throw new Error(`${ch} is not in Windows-1251`);
      return byte;
    }),
  );
}

const csv = (...lines: string[]): string => `${lines.join('\r\n')}\r\n`;

describe('POST /api/import', () => {
  it('checks a file in a dry run: counts, every bad row by row and column, nothing stored', async () => {
    const before = await api.points('board=telemarketer');
    const file = csv(
      'type,occurredAt,employeeId,clientId,durationSec,amount',
      'call,2026-11-02 10:00,tm1,,60,', // row 2: fine
      'call,2026-11-02 10:01,ghost,,60,', // row 3: nobody
      'meeting.scheduled,02.11.2026 10:02,tm1,,,', // row 4: no client
      '',
      'call,2026-11-02T10:03:00+03:00,tm1,,1:05,', // row 6: fine
      'payment.received,2026-11-02 10:04,,c-dry,,"350 000,505"', // row 7: three decimals
      'call,2026-11-30 10:00,tm1,,60,', // row 8: in the future
    );
    const res = await postCsv('?dryRun=true', file);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      state: 'checked',
      dryRun: true,
      encoding: 'utf-8',
      delimiter: ',',
      rows: 6,
      valid: 2,
      processed: 0,
      imported: 0,
      errorCount: 4,
    });
    // Each error may carry more (its reason as data); these are what a person reads.
    expect(res.body.errors).toMatchObject([
      { row: 3, column: 'employeeId', reason: 'no employee with id "ghost"' },
      { row: 4, column: 'clientId', reason: 'is required for meeting.scheduled' },
      { row: 7, column: 'amount', reason: 'must have at most 2 decimal places' },
      { row: 8, column: 'occurredAt', reason: stringContaining('is in the future') },
    ]);
    // Screens say each reason by its code and params, never by the English sentence.
    expect(res.body.errors.map((e) => e.why)).toEqual([
      { code: 'no_employee', params: { id: 'ghost' } },
      { code: 'required_for', params: { type: 'meeting.scheduled' } },
      { code: 'decimals' },
      { code: 'future' },
    ]);
    expect(await api.points('board=telemarketer')).toEqual(before);
    // The report stays readable by id.
    expect((await api.request<ImportReport>('GET', `/import/${res.body.id}`)).body).toEqual(res.body);
  });

  it('imports a Windows-1251 file with ; and Russian column and client names', async () => {
    const file = cp1251(
      csv(
        'Тип;Дата;Сотрудник;Клиент;Название клиента;Длительность;Сумма',
        'meeting.scheduled;03.11.2026 11:00;tm1;romashka;ООО «Ромашка»;;',
        'call;03.11.2026 11:05;tm1;;;95;',
        'meeting.scheduled;03.11.2026 11:10;tm2;yolka;ИП Ёлкина № 2;;',
      ),
    );
    const res = await postCsv('', file);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ state: 'running', dryRun: false, encoding: 'windows-1251', delimiter: ';', rows: 3, valid: 3 });
    expect(await finished(res.body.id)).toMatchObject({ state: 'done', processed: 3, imported: 3, duplicates: 0, errorCount: 0 });
    const awards = (await api.request<Award[]>('GET', '/awards/recent?limit=50')).body;
    const client = (id: string): unknown => awards.find((a) => a.params?.clientId === id)?.params?.client;
    expect(client('romashka')).toBe('ООО «Ромашка»');
    expect(client('yolka')).toBe('ИП Ёлкина № 2');
  });

  it('refuses a file without a required column, or with an unknown one, naming it', async () => {
    const missing = await postCsv('?dryRun=true', csv('type;employeeId;durationSec', 'call;tm1;60'));
    expect(missing).toMatchObject({
      status: 400,
      body: { code: 'import.columns', errors: [{ field: 'occurredAt', reason: stringContaining('is required') }] },
    });
    const unknown = await postCsv('', csv('type;occurredAt;employee;mood', 'call;2026-11-04 10:00;tm1;good'));
    expect(unknown).toMatchObject({
      status: 400,
      body: {
        code: 'import.columns',
        errors: [{ field: 'mood', reason: stringContaining('is not a known column'), why: { code: 'unknown_column' } }],
      },
    });
  });

  it('refuses a real import with a bad date whole, naming its row and column, and stores nothing', async () => {
    const before = await api.points('board=telemarketer');
    const file = csv('type;occurredAt;employeeId;durationSec', 'call;2026-11-05 10:00;tm1;60', 'call;31.11.2026 10:00;tm1;60');
    const res = await postCsv('', file);
    expect(res).toMatchObject({
      status: 422,
      body: {
        code: 'import.bad_rows',
        message: stringContaining('1 of 2 rows are bad; nothing was stored'),
        errors: [{ index: 3, field: 'occurredAt', reason: 'has day 31, which 2026-11 does not have' }],
      },
    });
    expect(await api.points('board=telemarketer')).toEqual(before);
    // The good row was not stored: importing it alone now imports it.
    const again = await postCsv('', csv('type;occurredAt;employeeId;durationSec', 'call;2026-11-05 10:00;tm1;60'));
    expect(await finished(again.body.id)).toMatchObject({ state: 'done', imported: 1, duplicates: 0 });
  });

  it('imports the good rows with skipBad and lists the bad ones', async () => {
    const before = await api.points('board=telemarketer');
    const file = csv(
      'type;occurredAt;employeeId;durationSec',
      'call;2026-11-06 10:00;tm1;60',
      'call;2026-11-06 10:01;nobody;60',
      'call;2026-11-06 10:02;tm2;60',
      'call;yesterday;tm2;60',
    );
    const res = await postCsv('?skipBad=true', file);
    expect(res).toMatchObject({ status: 202, body: { rows: 4, valid: 2, errorCount: 2 } });
    const done = await finished(res.body.id);
    expect(done).toMatchObject({ state: 'done', processed: 2, imported: 2, duplicates: 0, errorCount: 2 });
    expect(done.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'employeeId'],
      [5, 'occurredAt'],
    ]);
    const after = await api.points('board=telemarketer');
    expect((after.tm1 ?? 0) - (before.tm1 ?? 0)).toBeGreaterThan(0);
    expect((after.tm2 ?? 0) - (before.tm2 ?? 0)).toBeGreaterThan(0);
  });

  it('scores a backfilled big payment without announcing it on the wall; a live one is news', async () => {
    const bigPayments = async (): Promise<string[]> => {
      const wall = new LiveClient(server.url, server.displayToken);
      await wall.connected();
      wall.subscribe({ boards: [{ board: 'teams', period: 'month' }] });
      await wall.until(() => wall.momentSnapshots.length > 0);
      wall.close();
      const snapshot: MomentsSnapshot = wall.momentSnapshots[0]!;
      return snapshot.recent.flatMap((m) => (m.type === 'payment.big' ? [m.data.eventId] : []));
    };
    const res = await postCsv(
      '',
      csv('type;occurredAt;clientId;clientName;amount', 'payment.received;2026-11-10 11:00;big-1;ООО «Вектор»;500 000'),
    );
    expect((await finished(res.body.id)).imported).toBe(1);
    expect(await bigPayments()).toEqual([]);
    const live = await api.postEvents({
      id: 'live-big-1',
      type: 'payment.received',
      occurredAt: testTime(-60_000),
      clientId: 'big-2',
      amount: 500_000,
    });
    expect(live.status).toBe(200);
    expect(await bigPayments()).toEqual(['live-big-1']);
  });

  it('stores nothing new when the same file is imported again: every row a duplicate, standings unchanged', async () => {
    // Two identical rows (two unanswered calls in the same minute) are two events, both times.
    const lines = ['type,occurredAt,employeeId,durationSec,clientId,clientName'];
    for (let i = 0; i < 1200; i++) {
      const [day, minute] = [10 + Math.floor(i / 600), i % 600]; // 08:00 to 17:59 on the 10th and the 11th
      const time = `${String(8 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
      lines.push(`call,2026-11-${day} ${time},tm${1 + (i % 2)},${30 + (i % 7)},,`);
    }
    lines.push(
      'call,2026-11-13 09:00,tm1,0,,',
      'call,2026-11-13 09:00,tm1,0,,',
      'meeting.scheduled,2026-11-13 09:30,tm1,,c-twice,Twice Ltd',
    );
    const file = csv(...lines);

    const first = await postCsv('', file);
    expect(first).toMatchObject({ status: 202, body: { rows: 1203, valid: 1203 } });
    expect(await finished(first.body.id)).toMatchObject({ state: 'done', processed: 1203, imported: 1203, duplicates: 0 });
    const standings = await api.standings('board=telemarketer');

    const dry = await postCsv('?dryRun=true', file);
    expect(dry.body).toMatchObject({ state: 'checked', valid: 1203, duplicates: 1203 });
    const second = await postCsv('', file);
    expect(second.status).toBe(202);
    expect(await finished(second.body.id)).toMatchObject({ state: 'done', processed: 1203, imported: 0, duplicates: 1203, errorCount: 0 });
    expect((await api.standings('board=telemarketer')).rows).toEqual(standings.rows);
  });

  it('keeps the ids a file gives: a repeat is a duplicate, an id stored for another event is a bad row', async () => {
    expect(
      (await api.postEvents({ id: 'crm-9', type: 'call', occurredAt: '2026-11-16T07:00:00Z', employeeId: 'tm1', durationSec: 60 })).status,
    ).toBe(200);
    const file = csv(
      'id;type;occurredAt;employeeId;durationSec',
      'crm-9;call;2026-11-16 10:00;tm1;60', // the same event as posted: a duplicate
      'crm-10;call;2026-11-16 10:05;tm1;60',
      'crm-10;call;2026-11-16 10:05;tm1;60', // a repeat within the file
      'crm-11;call;2026-11-16 10:10;tm1;60',
      'crm-11;call;2026-11-16 10:10;tm1;90', // the same id for another call
      ';call;2026-11-16 10:15;tm1;60', // no id: derived
    );
    const dry = await postCsv('?dryRun=true', file);
    expect(dry.body).toMatchObject({ rows: 6, valid: 5, duplicates: 2, errorCount: 1 });
    expect(dry.body.errors).toMatchObject([
      {
        row: 6,
        column: 'id',
        reason: '"crm-11" is on row 5 for another event',
        why: { code: 'id_repeated', params: { id: 'crm-11', row: 5 } },
      },
    ]);
    const res = await postCsv('?skipBad=true', file);
    expect(await finished(res.body.id)).toMatchObject({ state: 'done', processed: 5, imported: 3, duplicates: 2, errorCount: 1 });
    const stored = await postCsv('?dryRun=true', csv('id;type;occurredAt;employeeId;durationSec', 'crm-10;call;2026-11-16 10:06;tm1;60'));
    expect(stored.body.errors).toMatchObject([
      { row: 2, column: 'id', reason: '"crm-10" is already stored for another event', why: { code: 'id_taken', params: { id: 'crm-10' } } },
    ]);
  });

  it('stops at a quote left open: the row is listed, and a real import is refused even with skipBad', async () => {
    const before = await api.points('board=telemarketer');
    const file = csv(
      'type;occurredAt;employeeId;clientId;clientName;durationSec',
      'call;2026-11-17 10:00;tm1;;;60',
      'meeting.scheduled;2026-11-17 10:05;tm1;c-quote;"ООО ""Ромашка;;',
      'call;2026-11-17 10:10;tm1;;;60',
    );
    const dry = await postCsv('?dryRun=true', file);
    expect(dry.body).toMatchObject({ state: 'checked', rows: 1, valid: 1, errorCount: 1 });
    expect(dry.body.errors).toMatchObject([
      { row: 3, column: 'row', reason: stringContaining('opens a quote that is not closed'), why: { code: 'quote_not_closed' } },
    ]);
    const res = await postCsv('?skipBad=true', file);
    expect(res).toMatchObject({ status: 422, body: { code: 'import.bad_rows', errors: [{ index: 3, field: 'row' }] } });
    expect(await api.points('board=telemarketer')).toEqual(before);
  });

  it('refuses a file that is neither UTF-8 nor Windows-1251, and callers who are not managers', async () => {
    const binary = await postCsv('?dryRun=true', Uint8Array.from([0x74, 0x79, 0x70, 0x65, 0x0a, 0x00, 0x01]));
    expect(binary).toMatchObject({ status: 400, body: { code: 'import.encoding', errors: [{ index: 2, field: 'body' }] } });
    expect((await postCsv('?dryRun=true', '')).body.code).toBe('import.empty');
    expect((await postCsv('?dryRun=true', 'type;occurredAt\r\n')).body.code).toBe('import.empty');
    expect((await postCsv('?dryRun=true', csv('type;occurredAt', 'call;2026-11-02 10:00'), server.displayToken)).status).toBe(403);
    expect((await api.request<ApiError>('GET', '/import/no-such-import')).body.code).toBe('import.not_found');
  });
});
