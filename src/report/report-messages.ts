import { WEEKDAYS } from '../domain/content.js';
import { inBoth } from '../i18n/format.js';
import { l, type Localized } from '../i18n/localized.js';
import { CONTENT_TYPE_LABELS, labelOf, SNAPSHOT_LABELS, STYLE_LABELS } from '../present/labels.js';

/**
 * The report's sentences about single posts (why a post did best or worst, what its metrics
 * lack): the words live here, the values go through the labels and the shared formatter, so the
 * French reads « astuce, ton professionnel, mercredi 13 h », never a stored value.
 */

/** Metric names as the snapshot's `missing` list stores them (Graph API names or export columns). */
const METRIC_LABELS: Record<string, Localized> = {
  views: l('views', 'les vues'),
  post_media_view: l('views', 'les vues'),
  unique_viewers: l('unique viewers', 'les personnes atteintes'),
  post_total_media_view_unique: l('unique viewers', 'les personnes atteintes'),
  reach: l('reach', 'la portée'),
  reactions: l('reactions', 'les réactions'),
  post_reactions_by_type_total: l('reactions', 'les réactions'),
  comments: l('comments', 'les commentaires'),
  shares: l('shares', 'les partages'),
  post_activity_by_action_type: l('shares and comments', 'les partages et commentaires'),
  clicks: l('clicks', 'les clics'),
  post_clicks: l('clicks', 'les clics'),
  post_clicks_by_type: l('clicks by type', 'les clics par type'),
  all: l('any metric', 'aucune mesure'),
  snapshot: l('any snapshot', 'aucun relevé'),
};

/** `post_clicks (not returned)` → the metric's words; an unknown name stays as stored (code). */
export const metricLabel = (stored: string): Localized => {
  const name = stored.replace(/\s*\(.*\)$/, '');
  return METRIC_LABELS[name] ?? l(name, name);
};

/** « Facebook n’a pas fourni les vues ni les clics (relevé à 7 jours) ». */
export const missingMetrics = (postId: string, missing: readonly string[], snapshot: '24h' | '7d'): Localized => {
  const names = missing.map(metricLabel);
  // French negates a list with « ni » (« les vues ni les clics »), where English says "or".
  const fr = names.map((n) => n.fr);
  const frList = fr.length < 2 ? fr.join('') : `${fr.slice(0, -1).join(', ')} ni ${fr.at(-1)!}`;
  return inBoth((f) =>
    f.t(
      l(
        `Post ${postId}: Facebook did not return ${f.list(
          names.map((n) => n.en),
          'or',
        )} (${SNAPSHOT_LABELS[snapshot]!.en}).`,
        `Publication ${postId} : Facebook n’a pas fourni ${frList} (${SNAPSHOT_LABELS[snapshot]!.fr}).`,
      ),
    ),
  );
};

/** « 1,8 × l’engagement moyen sur 12 semaines (1,12 %) ». */
export const timesAverage = (ratio: number, mean: number): Localized =>
  inBoth((f) =>
    f.t(
      l(
        `${f.num(ratio, 1, 1)}× the 12-week average engagement (${f.percent(mean)})`,
        `${f.num(ratio, 1, 1)}\u00a0× l’engagement moyen sur 12 semaines (${f.percent(mean)})`,
      ),
    ),
  );

/** « étude de cas, ton récit, mercredi 13 h »: what the post was, and when it went out. */
export const postProfile = (contentType: string, style: string | null, weekday: number, hour: number): Localized =>
  inBoth((f) => {
    const type = labelOf(CONTENT_TYPE_LABELS, contentType)[f.lang];
    const tone = style ? labelOf(STYLE_LABELS, style)[f.lang] : null;
    const day = WEEKDAYS[weekday];
    const when = `${day ? `${f.weekday(day)} ` : ''}${f.hour(hour)}`;
    const toneText = tone ? (f.lang === 'fr' ? `ton ${tone}` : `${tone} tone`) : null;
    return [type, toneText, when].filter(Boolean).join(', ');
  });

/** « court : 180 caractères (médiane 420) ». */
export const lengthReason = (length: number, median: number): Localized =>
  inBoth((f) =>
    f.t(
      length < median
        ? l(
            `short: ${f.count(length, l('character', 'caractère'), l('characters', 'caractères'))} (median ${f.int(median)})`,
            `court : ${f.count(length, l('character', 'caractère'), l('characters', 'caractères'))} (médiane ${f.int(median)})`,
          )
        : l(
            `long: ${f.count(length, l('character', 'caractère'), l('characters', 'caractères'))} (median ${f.int(median)})`,
            `long : ${f.count(length, l('character', 'caractère'), l('characters', 'caractères'))} (médiane ${f.int(median)})`,
          ),
    ),
  );

/** « faible portée : 120 personnes ». */
export const lowReach = (viewers: number): Localized =>
  inBoth((f) =>
    f.t(
      l(
        `low reach: ${f.count(viewers, l('unique viewer', 'personne'), l('unique viewers', 'personnes'))}`,
        `faible portée : ${f.count(viewers, l('unique viewer', 'personne'), l('unique viewers', 'personnes'))}`,
      ),
    ),
  );
