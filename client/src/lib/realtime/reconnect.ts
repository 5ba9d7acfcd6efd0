/**
 * How every live screen reconnects. socket.io-client waits `reconnectionDelay` doubled per attempt up to
 * `reconnectionDelayMax`, each wait spread by ±`randomizationFactor`: after a server restart a few thousand
 * screens come back spread over seconds instead of in one wave. Capped at 3 s, so a screen is back within
 * about 5 s of its server (bench/sockets.mjs measures it with the same settings).
 */
export const RECONNECT = {
  reconnectionDelay: 1000,
  reconnectionDelayMax: 3000,
  randomizationFactor: 0.5,
} as const;

/**
 * A retry socket.io does not schedule itself (the server closed the socket on purpose, or a middleware
 * refused it), spread like socket.io's own: `baseMs` ± `RECONNECT.randomizationFactor`.
 */
export function jittered(baseMs: number, random: () => number = Math.random): number {
  const spread = RECONNECT.randomizationFactor;
  return Math.round(baseMs * (1 - spread + 2 * spread * random()));
}
