import type { ServiceDeps } from '../deps/service-deps.js';
import type { PlanOutlook } from '../domain/plan.js';
import { addDays } from '../domain/time.js';
import { l } from '../i18n/localized.js';
import { hasPlanEntries } from '../store/plan-repo.js';
import { buildCalendar } from './calendar.js';
import { adherence } from './mix.js';

/**
 * What the weekly report adds: the plan of the week after the report's period (entries, and
 * posting days with nothing planned), and the content mix against the brand's targets over the
 * four weeks that ended with the period (what was written) and the four weeks ahead (what is
 * planned or already written for them).
 */
export const planOutlook = async (deps: ServiceDeps, period: { from: string; to: string }): Promise<PlanOutlook> => {
  const next = { from: addDays(period.to, 1), to: addDays(period.to, 7) };
  const ahead = { from: next.from, to: addDays(period.to, 28) };
  const past = { from: addDays(period.to, -27), to: period.to };
  const calendar = await buildCalendar(deps, { from: past.from, to: ahead.to });
  const leadCells = calendar.days.map((d) => ({ date: d.date, cell: d.cells[0]! }));
  const counted = (from: string, to: string) =>
    leadCells
      .filter((c) => c.date >= from && c.date <= to && !['gap', 'none', 'skipped', 'rejected'].includes(c.cell.state))
      .map((c) => ({ date: c.date, contentType: c.cell.contentType }));
  const pastMix = adherence(
    counted(past.from, past.to).filter((c) => c.contentType !== null),
    deps.brand.plan.targets,
  );
  const aheadMix = adherence(counted(ahead.from, ahead.to), deps.brand.plan.targets);
  const entries: PlanOutlook['entries'] = [];
  const gaps: PlanOutlook['gaps'] = [];
  for (const day of calendar.days.filter((d) => d.date >= next.from && d.date <= next.to)) {
    for (const cell of day.cells) {
      if (cell.state === 'none') continue;
      if (cell.state === 'gap') {
        gaps.push({ date: day.date, platform: cell.platform });
        continue;
      }
      entries.push({
        date: day.date,
        platform: cell.platform,
        contentType: cell.contentType,
        topic: cell.title,
        source: cell.source ?? 'owner',
        reason: cell.reason ?? l('Written outside the plan', 'Rédigée hors du plan'),
        fixed: cell.fixed,
        skipped: cell.state === 'skipped',
        state: cell.state,
      });
    }
  }
  return {
    week: next,
    entries,
    gaps,
    mix: {
      past: { ...past, ...pastMix },
      planned: { ...ahead, ...aheadMix },
    },
  };
};

/** Adds the look ahead to a report, for a brand that has a plan (else the report is unchanged). */
export const withPlanOutlook = async (
  deps: ServiceDeps,
  data: { period: { from: string; to: string }; plan?: PlanOutlook | undefined },
): Promise<void> => {
  if (await hasPlanEntries(deps.db, deps.brandSlug)) data.plan = await planOutlook(deps, data.period);
};
