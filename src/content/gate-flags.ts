import { l, type Localized } from '../i18n/localized.js';
import type { QualityReport } from './quality.js';

// Apart from the quality module (which loads the linter) so that screens that only show a stored
// verdict, such as the studio's first frame, do not load the linter to word it.
/** Each gate flag in words the owner understands (CLI, studio, notifications). */
export const describeFlag = (
  flag: string,
  report?: Pick<QualityReport, 'score' | 'threshold' | 'similarity'>,
): Localized => {
  switch (flag) {
    case 'below-threshold':
      return l(
        `score ${report ? Math.round(report.score) : '?'} is below the gate (${report?.threshold ?? '?'})`,
        `score ${report ? Math.round(report.score) : '?'} sous le seuil (${report?.threshold ?? '?'})`,
      );
    case 'too-similar':
      return l(
        `too similar to a recent post (${report?.similarity?.max ?? '?'})`,
        `trop semblable à une publication récente (${report?.similarity?.max ?? '?'})`,
      );
    case 'too-short':
      return l('too short to be a post', 'trop court pour une publication');
    case 'cliche':
      return l('AI clichés found', 'clichés d’IA trouvés');
    case 'lint-errors':
      return l('the linter found errors', 'le correcteur a trouvé des erreurs');
    default:
      return l(flag, flag);
  }
};
