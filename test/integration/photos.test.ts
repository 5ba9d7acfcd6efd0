import type { ApiError, AuditEntry, Employee, MeSummary, Standings, Team } from '@conveyor/shared';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOffice, type Api } from '../helpers/api.js';
import { LiveClient } from '../helpers/live.js';
import { MANUAL_CLOCK } from '../helpers/clock.js';
import type { RunningServer } from '../helpers/server.js';

let server: RunningServer;
let api: Api;

beforeAll(async () => {
  ({ server, api } = await startOffice(MANUAL_CLOCK));
});
afterAll(() => server?.dispose());

const PHOTO_URL = /^\/api\/photos\/[0-9a-f]{64}\.webp$/;

/** A square picture, its top half red and its bottom half blue. */
async function twoColours(format: 'png' | 'jpeg', size = 400, orientation?: number): Promise<Buffer> {
  const half = await sharp({ create: { width: size, height: size / 2, channels: 3, background: '#0000ff' } })
    .png()
    .toBuffer();
  const image = sharp({ create: { width: size, height: size, channels: 3, background: '#ff0000' } }).composite([
    { input: half, top: size / 2, left: 0 },
  ]);
  const encoded = format === 'png' ? image.png() : image.jpeg({ quality: 90 });
  return orientation ? encoded.withMetadata({ orientation }).toBuffer() : encoded.toBuffer();
}

/** PUT a photo's bytes as the manager. */
async function upload<T = Employee>(path: string, body: Uint8Array | string, type: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.url}/api${path}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': type },
    body: typeof body === 'string' ? body : new Blob([new Uint8Array(body)]),
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** Rows of the photos table, read from the database beside the running server. */
async function storedPhotos(): Promise<number> {
  const [row] = await server.sql<{ n: number }>('SELECT COUNT(*) AS n FROM photos');
  return row!.n;
}

const member = (rows: Standings['rows'], teamId: string, employeeId: string) =>
  rows.find((r) => r.id === teamId)?.members?.find((m) => m.employeeId === employeeId);

describe('uploading photos', () => {
  it('takes a PNG for a person: resized, upright, WebP, served publicly with an immutable cache header', async () => {
    // Orientation 6: the camera was turned; shown upright, the red top half is on the right.
    const png = await twoColours('jpeg', 400, 6);
    const res = await upload('/employees/tm1/photo', png, 'image/jpeg');
    expect(res.status).toBe(200);
    expect(res.body.photoUrl).toMatch(PHOTO_URL);

    const served = await fetch(`${server.url}${res.body.photoUrl!}`); // no token: the address is the capability
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/webp');
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const bytes = Buffer.from(await served.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 512, height: 512 });
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    const { data } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => [...data.subarray((y * 512 + x) * 3, (y * 512 + x) * 3 + 3)];
    expect(pixel(500, 256)[0]).toBeGreaterThan(200); // right: red
    expect(pixel(10, 256)[2]).toBeGreaterThan(200); // left: blue
  });

  it('takes a PNG for a team and shows both faces everywhere: people, teams, boards and the phone', async () => {
    const res = await upload<Team>('/teams/team1/photo', await twoColours('png', 300), 'image/png');
    expect(res.status).toBe(200);
    const teamPhoto = res.body.photoUrl;
    expect(teamPhoto).toMatch(PHOTO_URL);
    const tm1 = (await api.request<Employee>('GET', '/employees/tm1')).body;
    expect(tm1.history).toEqual([{ teamId: 'team1', employeeId: 'tm1', role: 'telemarketer', from: '2025-12-31T21:00:00.000Z', to: null }]);
    const personPhoto = tm1.photoUrl;
    expect(personPhoto).toMatch(PHOTO_URL);
    expect(personPhoto).not.toBe(teamPhoto);

    const employees = (await api.request<Employee[]>('GET', '/employees')).body;
    expect(employees.find((e) => e.id === 'tm1')?.photoUrl).toBe(personPhoto);
    expect(employees.find((e) => e.id === 'tm2')?.photoUrl).toBeNull();

    const teams = (await api.request<Team[]>('GET', '/teams')).body;
    expect(teams.find((t) => t.id === 'team1')).toMatchObject({
      photoUrl: teamPhoto,
      members: { telemarketer: { photoUrl: personPhoto } },
    });
    expect(teams.find((t) => t.id === 'team2')).toMatchObject({ photoUrl: null, members: { telemarketer: { photoUrl: null } } });
    expect((await api.request<Team>('GET', '/teams/team1')).body.photoUrl).toBe(teamPhoto);

    const teamBoard = await api.standings('board=teams&period=month');
    expect(teamBoard.rows.find((r) => r.id === 'team1')?.photoUrl).toBe(teamPhoto);
    expect(teamBoard.rows.find((r) => r.id === 'team2')?.photoUrl).toBeNull();
    expect(member(teamBoard.rows, 'team1', 'tm1')?.photoUrl).toBe(personPhoto);
    expect(member(teamBoard.rows, 'team1', 'sales1')?.photoUrl).toBeNull();
    const people = await api.standings('board=telemarketer&period=month');
    expect(people.rows.find((r) => r.id === 'tm1')?.photoUrl).toBe(personPhoto);
    expect(people.rows.find((r) => r.id === 'tm2')?.photoUrl).toBeNull();

    const me = (await (await api.getAsEmployee('tm1', '/me')).json()) as MeSummary;
    expect(me.employee.photoUrl).toBe(personPhoto);
  });

  it('writes who changed whose photo in the audit log', async () => {
    const log = (await api.request<AuditEntry[]>('GET', '/audit?limit=50')).body;
    const entry = log.find((e) => e.action === 'employee.photo' && e.target === 'tm1');
    expect(entry).toMatchObject({ actor: { role: 'manager' }, before: { photoUrl: null } });
    expect((entry?.after as { photoUrl: string }).photoUrl).toMatch(PHOTO_URL);
    expect(log.find((e) => e.action === 'team.photo' && e.target === 'team1')).toBeTruthy();
  });
});

describe('refusing what is not a photo', () => {
  it('refuses more than 5 MB with 413 and its limit, storing nothing', async () => {
    const before = await storedPhotos();
    const big = Buffer.concat([await twoColours('png', 100), Buffer.alloc(6 * 1024 * 1024, 7)]);
    const res = await upload<ApiError>('/employees/tm2/photo', big, 'image/png');
    expect(res).toMatchObject({
      status: 413,
      body: { code: 'photo.too_large', errors: [{ field: 'body', why: { code: 'photo_too_large', params: { limit: 5 } } }] },
    });
    expect(await storedPhotos()).toBe(before);
    expect((await api.request<Employee>('GET', '/employees/tm2')).body.photoUrl).toBeNull();
  });

  it('refuses a text file (415) and a PNG header with garbage or an SVG sent as PNG (422), storing nothing', async () => {
    const before = await storedPhotos();
    const text = await upload<ApiError>('/employees/tm2/photo', 'Анна Смирнова, отдел продаж', 'text/plain');
    expect(text).toMatchObject({
      status: 415,
      body: { code: 'photo.not_image', errors: [{ field: 'content-type', why: { code: 'not_image' } }] },
    });

    const bigText = await upload<ApiError>('/employees/tm2/photo', 'а'.repeat(3 * 1024 * 1024), 'text/plain');
    expect(bigText).toMatchObject({ status: 415, body: { code: 'photo.not_image' } });

    const header = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const garbage = Buffer.concat([header, Buffer.alloc(4000, 0x41)]);
    const broken = await upload<ApiError>('/employees/tm2/photo', garbage, 'image/png');
    expect(broken).toMatchObject({
      status: 422,
      body: { code: 'photo.not_image', errors: [{ field: 'body', why: { code: 'not_image' } }] },
    });

    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>';
    expect((await upload<ApiError>('/employees/tm2/photo', svg, 'image/png')).status).toBe(422);
    expect(await storedPhotos()).toBe(before);
    expect((await api.request<Employee>('GET', '/employees/tm2')).body.photoUrl).toBeNull();
  });

  it('refuses a decompression bomb: a small PNG of too many pixels', async () => {
    // A real PNG whose header says 10 000 × 7 000 (70 megapixels): what a bomb looks like before it is decoded.
    const bomb = await twoColours('png', 100);
    bomb.writeUInt32BE(10_000, 16);
    bomb.writeUInt32BE(7_000, 20);
    bomb.writeUInt32BE(crc32(bomb.subarray(12, 29)), 29);
    const res = await upload<ApiError>('/employees/tm2/photo', bomb, 'image/png');
    expect(res).toMatchObject({
      status: 422,
      body: { code: 'photo.not_image', errors: [{ why: { code: 'too_many_pixels', params: { limit: 60 } } }] },
    });
  });

  it('answers 404 for someone who does not exist, and for a photo that is not stored', async () => {
    const png = await twoColours('png', 100);
    expect(await upload<ApiError>('/employees/nobody/photo', png, 'image/png')).toMatchObject({
      status: 404,
      body: { code: 'request.not_found' },
    });
    expect(await upload<ApiError>('/teams/nobody/photo', png, 'image/png')).toMatchObject({ status: 404 });
    expect((await api.request('DELETE', '/employees/nobody/photo')).status).toBe(404);
    const missing = await fetch(`${server.url}/api/photos/${'0'.repeat(64)}.webp`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as ApiError).code).toBe('photo.not_found');
    expect((await fetch(`${server.url}/api/photos/..%2Fconveyor.db`)).status).toBe(404);
  });
});

describe('the wall', () => {
  it('gets the boards again with the new face as soon as a photo changes', async () => {
    const live = new LiveClient(server.url, server.displayToken);
    try {
      await live.connected();
      live.subscribe({
        boards: [
          { board: 'teams', period: 'month' },
          { board: 'account', period: 'month' },
        ],
      });
      await live.until(() => live.snapshots.length === 2);
      expect(live.latest('account')?.rows.find((r) => r.id === 'acc1')?.photoUrl).toBeNull();
      const res = await upload('/employees/acc1/photo', await twoColours('png', 160), 'image/png');
      expect(res.status).toBe(200);
      await live.until(() => live.latest('account')?.rows.find((r) => r.id === 'acc1')?.photoUrl === res.body.photoUrl);
      await live.until(() => member(live.latest('teams')?.rows ?? [], 'team1', 'acc1')?.photoUrl === res.body.photoUrl);
    } finally {
      live.close();
    }
  });
});

describe('removing photos', () => {
  it('keeps a photo two people share until neither shows it, then it is gone', async () => {
    const png = await twoColours('png', 200);
    const a = await upload('/employees/sales2/photo', png, 'image/png');
    const b = await upload('/employees/acc2/photo', png, 'image/png');
    expect(a.body.photoUrl).toBe(b.body.photoUrl); // the same bytes are stored once
    const url = a.body.photoUrl!;

    const removed = await api.request<Employee>('DELETE', '/employees/sales2/photo');
    expect(removed).toMatchObject({ status: 200, body: { photoUrl: null } });
    expect((await fetch(`${server.url}${url}`)).status).toBe(200);

    expect((await api.request<Employee>('DELETE', '/employees/acc2/photo')).body.photoUrl).toBeNull();
    expect((await fetch(`${server.url}${url}`)).status).toBe(404);
    expect((await api.request('DELETE', '/employees/acc2/photo')).status).toBe(200); // none to remove: still fine
  });

  it('replacing a photo deletes the old one', async () => {
    const first = await upload<Team>('/teams/team2/photo', await twoColours('png', 120), 'image/png');
    const second = await upload<Team>('/teams/team2/photo', await twoColours('jpeg', 120), 'image/jpeg');
    expect(second.body.photoUrl).not.toBe(first.body.photoUrl);
    expect((await fetch(`${server.url}${first.body.photoUrl!}`)).status).toBe(404);
    expect((await fetch(`${server.url}${second.body.photoUrl!}`)).status).toBe(200);
    expect((await api.request<Team>('DELETE', '/teams/team2/photo')).body.photoUrl).toBeNull();
  });
});
