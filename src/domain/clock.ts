export interface Clock {
  now(): Date;
}

export const systemClock = (): Clock => ({ now: () => new Date() });

/** `--now <ISO>`: the whole command sees that instant (backfills, tests, schedule checks). */
export const fixedClock = (instant: Date): Clock => ({ now: () => new Date(instant.getTime()) });
