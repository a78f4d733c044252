import { l } from '../../i18n/localized.js';

/** `list` and `show`. */
export const LIST = {
  empty: (next: string) =>
    l(`No posts yet. Start with: ${next}`, `Aucune publication pour l’instant. Commencez par : ${next}`),
  id: l('id', 'id'),
  state: l('state', 'état'),
  type: l('type', 'type'),
  date: l('date', 'date'),
  quality: l('quality', 'qualité'),
  headline: l('headline', 'titre'),
  brand: l('brand', 'marque'),
} as const;
