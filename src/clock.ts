/** The app's one source of time. Domain code never reads it: callers pass `clock.now()` in. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that begins at `startAt` and runs forward at real speed, so a demo or a test can
 * start the app months ahead and still see time pass between requests.
 */
export function clockStartingAt(startAt: Date, realNow: () => number = Date.now): Clock {
  const offsetMs = startAt.getTime() - realNow();
  return { now: () => new Date(realNow() + offsetMs) };
}
