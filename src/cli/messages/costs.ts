import { l } from '../../i18n/localized.js';

/** `costs`. */
export const COSTS = {
  title: (period: string) => l(`AI costs · ${period}`, `Coûts d’IA · ${period}`),
  week: l('last 7 days', '7 derniers jours'),
  month: l('last 30 days', '30 derniers jours'),
  all: l('all time', 'depuis le début'),
  total: (cost: string, calls: string) => l(`Total: ${cost} · ${calls}`, `Total : ${cost} · ${calls}`),
  call: l('call', 'appel'),
  calls: l('calls', 'appels'),
  tokens: (input: string, output: string, cacheWrite: string, cacheRead: string) =>
    l(
      `Tokens: ${input} in, ${output} out, ${cacheWrite} written to cache, ${cacheRead} read from cache`,
      `Jetons : ${input} en entrée, ${output} en sortie, ${cacheWrite} écrits en cache, ${cacheRead} lus en cache`,
    ),
  posts: (posts: string, average: string) =>
    l(`${posts} · ${average} on average per post`, `${posts} · ${average} en moyenne par publication`),
  post: l('post', 'publication'),
  postsNoun: l('posts', 'publications'),
  byPurpose: l('By purpose', 'Par usage'),
  byModel: l('By model', 'Par modèle'),
  perPost: l('Per post', 'Par publication'),
  purpose: l('purpose', 'usage'),
  model: l('model', 'modèle'),
  cost: l('cost', 'coût'),
  callsHeader: l('calls', 'appels'),
  id: l('id', 'id'),
  date: l('date', 'date'),
  type: l('type', 'type'),
  state: l('state', 'état'),
  unattached: (cost: string, calls: string) =>
    l(
      `Interrupted generations (resumable, no post yet): ${cost} · ${calls}`,
      `Générations interrompues (à reprendre, sans publication) : ${cost} · ${calls}`,
    ),
  free: l(
    'No paid call in this period (the offline writer costs nothing).',
    'Aucun appel payant sur la période (le rédacteur hors ligne ne coûte rien).',
  ),
} as const;
