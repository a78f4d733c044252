import type { Localized } from '../i18n/localized.js';

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'info';

/** One line of `doctor`: what was checked, how it went, and what to do about it. */
export interface CheckResult {
  id: string;
  status: CheckStatus;
  message: Localized;
  fix?: Localized | undefined;
}
