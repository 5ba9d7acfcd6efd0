// Preloaded into the server under test (node --import) by bench/sockets.mjs: the server's own event-loop
// lag, from the perf_hooks histogram a /metrics collector also uses. When the bench sends 'loop-lag' over
// the IPC channel it answers with the figures since the previous ask (or start) and starts afresh, so the
// bench takes one phase at a time. (Not a signal: Nest's shutdown hooks take SIGUSR2 as "stop".)
// Nothing of the server is changed; the channel is unref'd so it never holds the process up.
import { monitorEventLoopDelay } from 'node:perf_hooks';

if (process.env.BENCH_LOOP_LAG && process.send) {
  const resolutionMs = Number(process.env.BENCH_LOOP_RESOLUTION_MS ?? 10);
  const histogram = monitorEventLoopDelay({ resolution: resolutionMs });
  histogram.enable();
  process.on('message', (msg) => {
    if (msg !== 'loop-lag') return;
    // Each sample is the time between two ticks of a `resolutionMs` timer: the lag is what exceeds it.
    const ms = (ns) => Math.max(0, ns / 1e6 - resolutionMs);
    const figures = {
      type: 'loop-lag',
      resolutionMs,
      count: histogram.count,
      p50: ms(histogram.percentile(50)),
      p99: ms(histogram.percentile(99)),
      max: ms(histogram.max),
    };
    histogram.reset();
    process.send(figures);
  });
  process.channel?.unref();
}
