import { describe, expect, it } from 'vitest';
import { photosOf } from './photos.js';

describe('faces from the boards', () => {
  it("finds a team's, its members' and people's photos by id; no photo, no entry", () => {
    const teams = [
      {
        id: 'falcons',
        name: 'Соколы',
        rank: 1,
        points: 10,
        photoUrl: '/api/photos/a.webp',
        members: [
          { employeeId: 'anna', name: 'Анна', role: 'telemarketer' as const, photoUrl: '/api/photos/b.webp' },
          { employeeId: 'boris', name: 'Борис', role: 'sales' as const, photoUrl: null },
        ],
      },
    ];
    const people = [{ id: 'vera', name: 'Вера', rank: 1, points: 5, photoUrl: '/api/photos/c.webp' }];
    const photos = photosOf(teams, undefined, people);
    expect([...photos]).toEqual([
      ['falcons', '/api/photos/a.webp'],
      ['anna', '/api/photos/b.webp'],
      ['vera', '/api/photos/c.webp'],
    ]);
  });
});
