/** What the socket wrapper knows about its connection. */
export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'unauthorized';

/** What the screen shows: after a grace period without a connection, "offline". */
export type ConnectionView = ConnectionState | 'offline';

/** How long a lost connection may be "reconnecting" before the board says it is offline. */
export const OFFLINE_AFTER_MS = 3000;

/** @param lostAt when the connection was lost (or the first attempt began), null while live. */
export function connectionView(
  state: ConnectionState,
  lostAt: number | null,
  now: number,
  offlineAfterMs = OFFLINE_AFTER_MS,
): ConnectionView {
  if (state === 'live' || state === 'unauthorized') return state;
  if (lostAt !== null && now - lostAt >= offlineAfterMs) return 'offline';
  return state;
}
