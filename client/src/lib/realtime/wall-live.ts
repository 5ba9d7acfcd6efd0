import type { Role } from '@conveyor/shared';
import { getRecentAwards } from '../api/http.js';
import { getToken } from '../auth/token.js';
import type { BoardSub } from './board-versions.js';
import { LiveClient } from './live-client.svelte.js';
import { wallView } from './wall-view.js';
import { WallCelebrations } from '../wall/celebrations.svelte.js';

/** What the wall TV follows: by default the current month, whatever month it is (see wallView). */
export const WALL_VIEW = wallView(window.location.search);

const sub = (board: BoardSub['board']): BoardSub => ({ board, period: WALL_VIEW.period, ...(WALL_VIEW.at ? { at: WALL_VIEW.at } : {}) });
export const WALL_BOARDS = { teams: sub('teams'), telemarketer: sub('telemarketer'), sales: sub('sales'), account: sub('account') };

/** A screen opened on a fixed period (`?period=` or `?at=`) shows that; otherwise slides rotate. */
export const ROTATING = !new URLSearchParams(window.location.search).has('period') && !WALL_VIEW.at;
export const ROTATION_BOARDS = {
  quarter: { board: 'teams', period: 'quarter' },
  year: { board: 'teams', period: 'year' },
} satisfies Record<string, BoardSub>;

/** The role lists of the quarter and year slides: each slide ranks people by its own period's points. */
export const ROTATION_ROLE_BOARDS = {
  quarter: roleBoards('quarter'),
  year: roleBoards('year'),
};

function roleBoards(period: 'quarter' | 'year'): Record<Role, BoardSub> {
  return {
    telemarketer: { board: 'telemarketer', period },
    sales: { board: 'sales', period },
    account: { board: 'account', period },
  };
}

export const wallCelebrations = new WallCelebrations();

/** The wall TV's live connection. */
export const wallLive = new LiveClient({
  boards: [
    ...Object.values(WALL_BOARDS),
    ...(ROTATING
      ? [...Object.values(ROTATION_BOARDS), ...Object.values(ROTATION_ROLE_BOARDS).flatMap((boards) => Object.values(boards))]
      : []),
  ],
  token: getToken,
  loadRecentAwards: (signal) => getRecentAwards(30, signal),
  onMoment: (moment) => wallCelebrations.push(moment),
});
