export interface BackoffOptions {
  minMs: number;
  maxMs: number;
  factor: number;
  /** Full jitter range as in p-retry's `randomize`: the delay is multiplied by 1 + random(). */
  randomize?: boolean;
}

/**
 * p-retry's delay formula (minTimeout · factor^(attempt-1), times 1..2 when randomized, capped
 * at maxTimeout), computed here because the retry is durable: the next run is written to the
 * job row instead of awaited in memory, so a restart does not reset the schedule.
 */
export const backoffDelay = (attempt: number, o: BackoffOptions, random: () => number = Math.random): number => {
  const jitter = o.randomize === false ? 1 : 1 + random();
  const raw = Math.round(jitter * Math.max(o.minMs, 1) * o.factor ** Math.max(attempt - 1, 0));
  return Math.min(raw, o.maxMs);
};
