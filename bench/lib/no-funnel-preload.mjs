// Preloaded into the server under test (node --import) by bench/funnel-speed.mjs for its "without
// counters" baseline: the funnel's counters stop listening to the events the ledger records and voids,
// so the same write path runs without them. Nothing else of the server changes.
const { AppEvents } = await import(new URL('../../server/dist/common/app-events.js', import.meta.url).href);
const handle = AppEvents.prototype.handle;
AppEvents.prototype.handle = function (name, handler) {
  if (name === 'events.recorded' || name === 'events.voided') return;
  return handle.call(this, name, handler);
};
