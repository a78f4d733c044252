export type PublishMode = 'native' | 'queue';

/** Meta accepts native scheduling from 10 minutes to 30 days ahead (Graph API: Page feed, scheduled_publish_time). */
export const NATIVE_MIN_MS = 10 * 60_000;
export const NATIVE_MAX_MS = 30 * 24 * 3_600_000;
/** Margin kept inside Meta's 10-minute minimum so a slow upload still lands in range. */
export const NATIVE_MARGIN_MS = 60_000;

export const modeFor = (preferred: PublishMode, slot: Date, now: Date): PublishMode => {
  const ahead = slot.getTime() - now.getTime();
  return preferred === 'native' && ahead >= NATIVE_MIN_MS + NATIVE_MARGIN_MS && ahead <= NATIVE_MAX_MS
    ? 'native'
    : 'queue';
};

/** Native scheduling is possible when the slot is 10 min (plus a margin) to 30 days away (same rule as approval). */
export const nativeEligible = (at: Date, now: Date): boolean => modeFor('native', at, now) === 'native';
