import type { StandingsRow } from '@conveyor/shared';

/** Faces by team or employee id, from board rows and their members (slides whose data has no photos of its own look them up here). */
export function photosOf(...boards: (readonly StandingsRow[] | undefined)[]): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const rows of boards)
    for (const row of rows ?? []) {
      if (row.photoUrl) map.set(row.id, row.photoUrl);
      for (const member of row.members ?? []) if (member.photoUrl) map.set(member.employeeId, member.photoUrl);
    }
  return map;
}
