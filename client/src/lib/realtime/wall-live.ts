import { getRecentAwards } from '../api/http.js';
import { getToken } from '../auth/token.js';
import type { BoardSub } from './board-versions.js';
import { LiveClient } from './live-client.svelte.js';

/** What the wall TV follows: the current month, whatever month it is. */
export const WALL_BOARDS = [
  { board: 'teams', period: 'month' },
  { board: 'telemarketer', period: 'month' },
  { board: 'sales', period: 'month' },
  { board: 'account', period: 'month' },
] as const satisfies readonly BoardSub[];

/** The wall TV's live connection. */
export const wallLive = new LiveClient({
  boards: WALL_BOARDS,
  token: getToken,
  loadRecentAwards: (signal) => getRecentAwards(30, signal),
});
