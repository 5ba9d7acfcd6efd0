/** The client build this page was loaded with (from GET /api/health at start). */
let loaded: string | null = null;

export function setLoadedBuild(build: string | null): void {
  loaded = build;
}

/** True when the server now serves a different build than the one running here. */
export function isNewBuild(served: string | null): boolean {
  return loaded !== null && served !== null && served !== loaded;
}

/** A page that could not ask at start (server down) takes the first build it hears of as its own. */
export function noteServedBuild(served: string | null): void {
  loaded ??= served;
}
