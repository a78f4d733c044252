import type { PlanOutlook } from '../domain/plan.js';
import type { Lang } from '../i18n/localized.js';

const pct = (x: number, lang: Lang) => `${Math.round(x * 100)}${lang === 'fr' ? '\u00a0' : ' '}%`;

/**
 * The report's look ahead as plain lines every renderer formats its own way: next week's
 * entries (with why each was chosen), the posting days with nothing planned, and the content
 * mix against the brand's targets over the four weeks behind and the four weeks ahead.
 */
export const planSection = (
  plan: PlanOutlook,
  lang: Lang,
): { title: string; entries: string[]; mixTitle: string; mix: string[] } => {
  const fr = lang === 'fr';
  const entries = plan.entries.map((e) => {
    const what = e.skipped ? (fr ? 'sautée' : 'skipped') : `${e.contentType ?? ''}${e.topic ? ` — ${e.topic}` : ''}`;
    return `${e.date} ${e.platform} [${e.state}${e.fixed ? (fr ? ', fixée' : ', fixed') : ''}] ${what} (${e.reason[lang]})`;
  });
  for (const g of plan.gaps)
    entries.push(
      `${g.date} ${g.platform} ${fr ? '— rien de prévu : lancez `autoscale plan`' : '— nothing planned: run `autoscale plan`'}`,
    );
  if (entries.length === 0)
    entries.push(fr ? 'Aucun jour de publication la semaine prochaine.' : 'No posting day next week.');
  const mixLine = (label: string, m: PlanOutlook['mix']['past']) => {
    if (m.total === 0) return `${label} : ${fr ? 'aucune publication' : 'no post'}`.replace(' :', fr ? '\u00a0:' : ':');
    const off = m.types.filter((t) => t.status !== 'ok');
    const shares = m.types
      .filter((t) => t.count > 0 || t.max !== null || t.min !== null)
      .map((t) => {
        const bound = [t.min !== null ? `≥ ${pct(t.min, lang)}` : '', t.max !== null ? `≤ ${pct(t.max, lang)}` : '']
          .filter(Boolean)
          .join(' ');
        const flag =
          t.status === 'over' ? (fr ? ' TROP' : ' OVER') : t.status === 'under' ? (fr ? ' MANQUE' : ' UNDER') : '';
        return `${t.contentType} ${pct(t.share, lang)}${bound ? ` (${bound})` : ''}${flag}`;
      })
      .join(', ');
    const verdict =
      off.length === 0
        ? fr
          ? 'cibles respectées'
          : 'targets met'
        : fr
          ? `${off.length} cible(s) manquée(s)`
          : `${off.length} target(s) missed`;
    return `${label} (${m.from} → ${m.to}, ${m.total} ${fr ? 'publications' : 'posts'}) : ${verdict}. ${shares}`.replace(
      ') :',
      fr ? ')\u00a0:' : '):',
    );
  };
  return {
    title: fr
      ? `Plan de la semaine prochaine (${plan.week.from} → ${plan.week.to})`
      : `Next week’s plan (${plan.week.from} → ${plan.week.to})`,
    entries,
    mixTitle: fr ? 'Mélange de contenus' : 'Content mix',
    mix: [
      mixLine(fr ? 'Quatre dernières semaines' : 'Last four weeks', plan.mix.past),
      mixLine(fr ? 'Quatre prochaines semaines' : 'Next four weeks', plan.mix.planned),
    ],
  };
};
