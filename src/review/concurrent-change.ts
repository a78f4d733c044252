import { StateError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import { shortId } from '../store/ids.js';

/** Another process moved the post between our read and our write (compare-and-set lost). */
export const concurrentChange = (id: string) =>
  new StateError(
    l(
      `Post ${shortId(id)} was changed by another process meanwhile.`,
      `La publication ${shortId(id)} a été modifiée par un autre processus entre-temps.`,
    ),
    {
      code: 'concurrent_change',
      fix: l(
        `Look at it again with \`autoscale show ${shortId(id)}\` and retry.`,
        `Revoyez-le avec \`autoscale show ${shortId(id)}\` et réessayez.`,
      ),
    },
  );
