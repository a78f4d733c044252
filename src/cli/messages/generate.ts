import { countOf } from '../../i18n/format.js';
import { l, type Localized } from '../../i18n/localized.js';
import { CONTENT_TYPE_LABELS, QUALITY_FLAG_LABELS, STYLE_LABELS, labelOf } from '../../present/labels.js';

const both = (values: readonly string[], labels: Readonly<Record<string, Localized>>, sep: string): Localized => ({
  en: values.map((v) => labelOf(labels, v).en).join(sep),
  fr: values.map((v) => labelOf(labels, v).fr).join(sep),
});

/** `generate`. */
export const GENERATE = {
  resumingPlan: (contentType: string, styles: readonly string[]) => {
    const type = labelOf(CONTENT_TYPE_LABELS, contentType);
    const order = both(styles, STYLE_LABELS, ' > ');
    return l(
      `Resuming an interrupted run of this command with its plan: ${type.en}, styles ${order.en}.`,
      `Reprise d’une génération interrompue de cette commande avec son plan : ${type.fr}, styles ${order.fr}.`,
    );
  },
  optimizerChose: (contentType: string, why: Localized) => {
    const type = labelOf(CONTENT_TYPE_LABELS, contentType);
    return l(`Optimizer chose ${type.en}: ${why.en}`, `L’optimiseur a choisi le type ${type.fr} : ${why.fr}`);
  },
  keptButMarked: (style: string, score: number, flags: readonly string[], rounds: number) => {
    const name = labelOf(STYLE_LABELS, style);
    const marks = both(flags, QUALITY_FLAG_LABELS, ', ');
    const tries = countOf(rounds, l('round', 'essai'), l('rounds', 'essais'));
    return l(
      `${name.en}: quality ${score} is kept but marked (${marks.en}) after ${tries.en}.`,
      `${name.fr} : qualité ${score}, variante conservée mais signalée (${marks.fr}) après ${tries.fr}.`,
    );
  },
  resumed: (reused: number) => {
    const steps = countOf(reused, l('paid step', 'étape payée'), l('paid steps', 'étapes payées'));
    return l(
      `Resumed an interrupted run; ${steps.en} reused.`,
      `Reprise d’une génération interrompue; ${steps.fr} ${reused > 1 ? 'réutilisées' : 'réutilisée'}.`,
    );
  },
};
