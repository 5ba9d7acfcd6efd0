import { getRecentAwards } from '../api/http.js';
import { getToken } from '../auth/token.js';
import type { BoardSub } from './board-versions.js';
import { LiveClient } from './live-client.svelte.js';
import { wallView } from './wall-view.js';

/** What the wall TV follows: by default the current month, whatever month it is (see wallView). */
export const WALL_VIEW = wallView(window.location.search);

const sub = (board: BoardSub['board']): BoardSub => ({ board, period: WALL_VIEW.period, ...(WALL_VIEW.at ? { at: WALL_VIEW.at } : {}) });
export const WALL_BOARDS = { teams: sub('teams'), telemarketer: sub('telemarketer'), sales: sub('sales'), account: sub('account') };

/** The wall TV's live connection. */
export const wallLive = new LiveClient({
  boards: Object.values(WALL_BOARDS),
  token: getToken,
  loadRecentAwards: (signal) => getRecentAwards(30, signal),
});
