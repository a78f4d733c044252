import type { PlanEntry } from '../domain/plan-records.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { isContentType, type ContentType } from '../domain/content.js';
import { parseReason, type PlannedTopic } from '../domain/plan.js';
import { isValidDate, localDate, weekdayOf } from '../domain/time.js';
import { NotFoundError, StateError, UsageError } from '../errors/errors.js';
import { l, type Localized } from '../i18n/localized.js';
import { recordAudit } from '../store/audit-repo.js';
import { getPlanEntry, putPlanEntry, withdrawPlanEntries, type PlanEntryContent } from '../store/plan-repo.js';
import { immediate } from '../store/tx.js';
import { validateContentType } from '../domain/content-check.js';
import { entryView, type PlanEntryView } from './plan-service.js';
import { planPlatforms, type PlanPlatform } from './platforms.js';

/** The owner's hand on the plan: set, skip, swap, release. Every change is fixed and audited. */

const platformOf = (deps: ServiceDeps, name: string | undefined): PlanPlatform => {
  const platforms = planPlatforms(deps.brand);
  const found = name ? platforms.find((p) => p.platform === name) : platforms[0];
  if (!found) {
    throw new UsageError(
      l(`The brand does not post on "${name ?? ''}".`, `La marque ne publie pas sur « ${name ?? ''} ».`),
      {
        code: 'unknown_platform',
        fix: l(
          `Use one of: ${platforms.map((p) => p.platform).join(', ')}.`,
          `Utilisez l’une de : ${platforms.map((p) => p.platform).join(', ')}.`,
        ),
      },
    );
  }
  return found;
};

/** A date the owner may plan: a real date, today or later, on a posting day of the platform. */
const plannableDate = (deps: ServiceDeps, date: string, platform: PlanPlatform): string => {
  if (!isValidDate(date)) {
    throw new UsageError(l(`Invalid date "${date}".`, `Date invalide « ${date} ».`), {
      code: 'bad_date',
      fix: l('Give a date as YYYY-MM-DD, e.g. 2026-12-01.', 'Donnez une date au format AAAA-MM-JJ, p. ex. 2026-12-01.'),
    });
  }
  const today = localDate(deps.clock.now(), deps.brand.timezone);
  if (date < today) {
    throw new UsageError(l(`${date} is in the past.`, `${date} est dans le passé.`), {
      code: 'date_in_past',
      fix: l(`Plan from today (${today}) on.`, `Planifiez à partir d’aujourd’hui (${today}).`),
    });
  }
  if (!platform.posting.days.includes(weekdayOf(date))) {
    const days = platform.posting.days.join(', ');
    throw new UsageError(
      l(
        `${date} (${weekdayOf(date)}) is not a posting day on ${platform.platform} (${days}).`,
        `Le ${date} (${weekdayOf(date)}) n’est pas un jour de publication sur ${platform.platform} (${days}).`,
      ),
      {
        code: 'not_a_posting_day',
        fix: l(
          'Pick one of its posting days, or change brand.posting.days.',
          'Choisissez un de ses jours de publication, ou modifiez brand.posting.days.',
        ),
      },
    );
  }
  return date;
};

const unwritten = (entry: PlanEntry | undefined, date: string): void => {
  if (entry?.postId) {
    throw new StateError(l(`The post for ${date} is already written.`, `La publication du ${date} est déjà rédigée.`), {
      code: 'entry_written',
      fix: l(
        'Change the post itself in the studio (autoscale review), or reject it.',
        'Modifiez la publication elle-même dans le studio (autoscale review), ou rejetez-la.',
      ),
    });
  }
};

/**
 * One owner edit of one day: in one transaction, the day's current entry (never a written one)
 * is read, `change` writes the new content (or throws), the edit is audited, and the entry is
 * returned as shown.
 */
const ownerEdit = async (
  deps: ServiceDeps,
  day: { date: string; platform: PlanPlatform },
  action: string,
  change: (current: PlanEntry | undefined) => PlanEntryContent,
  data: (content: PlanEntryContent) => Record<string, unknown> = () => ({}),
): Promise<PlanEntryView> =>
  immediate(deps.db, async (trx) => {
    const slot = { brand: deps.brandSlug, platform: day.platform.platform, date: day.date };
    const current = await getPlanEntry(trx, slot.brand, slot.platform, slot.date);
    unwritten(current, day.date);
    const content = change(current);
    const w = deps.writer();
    await putPlanEntry(trx, w, slot, content);
    await recordAudit(trx, w, {
      entity: 'plan',
      entityId: deps.brandSlug,
      action,
      data: { date: day.date, platform: slot.platform, ...data(content) },
    });
    return entryView((await getPlanEntry(trx, slot.brand, slot.platform, slot.date))!);
  });

export interface SetEntryInput {
  date: string;
  platform?: string | undefined;
  contentType?: string | undefined;
  topic?: string | undefined;
  angle?: string | undefined;
}

/**
 * Fixes a day's entry. What is not given is kept from the current entry when its type stays the
 * same (changing the topic of a planned news item keeps its citation), else left empty.
 */
export const setPlanEntry = async (deps: ServiceDeps, input: SetEntryInput): Promise<PlanEntryView> => {
  const platform = platformOf(deps, input.platform);
  const date = plannableDate(deps, input.date, platform);
  const topic = input.topic?.trim() || undefined;
  if (topic && topic.length > 300) {
    throw new UsageError(l('--topic is longer than 300 characters.', '--topic dépasse 300 caractères.'), {
      code: 'bad_topic',
      fix: l('Give a short subject; the writer expands it.', 'Donnez un sujet court; le rédacteur le développe.'),
    });
  }
  const requested = input.contentType ? validateContentType(input.contentType) : undefined;
  return ownerEdit(
    deps,
    { date, platform },
    'set',
    (current) => {
      const type: ContentType | undefined =
        requested ?? (current?.contentType && isContentType(current.contentType) ? current.contentType : undefined);
      if (!type) {
        throw new UsageError(
          l(`Nothing is planned on ${date} yet: say which type.`, `Rien n’est prévu le ${date} : précisez le type.`),
          {
            code: 'type_required',
            fix: l('Add --type, e.g. --type case_study.', 'Ajoutez --type, p. ex. --type case_study.'),
          },
        );
      }
      const same = current && current.contentType === type && current.skipped === 0;
      return {
        contentType: type,
        topic: topic ?? (same ? current.topic : null),
        angle: input.angle?.trim() || (same && !topic ? current.angle : null),
        sourceKind: same && !topic ? current.sourceKind : 'owner',
        sourceRef: same && !topic ? current.sourceRef : null,
        sourceTitle: same ? current.sourceTitle : null,
        sourceUrl: same ? current.sourceUrl : null,
        reason: JSON.stringify(l('Set by the owner', 'Fixée par le propriétaire')),
        fixed: 1,
        skipped: 0,
        seed: null,
      };
    },
    (c) => ({ contentType: c.contentType, topic: topic ?? null }),
  );
};

/** No post that day: the daemon's generation skips it, and a refresh leaves it skipped. */
export const skipPlanEntry = async (
  deps: ServiceDeps,
  input: { date: string; platform?: string | undefined },
): Promise<PlanEntryView> => {
  const platform = platformOf(deps, input.platform);
  const date = plannableDate(deps, input.date, platform);
  return ownerEdit(deps, { date, platform }, 'skip', () => ({
    contentType: null,
    topic: null,
    angle: null,
    sourceKind: 'owner',
    sourceRef: null,
    sourceTitle: null,
    sourceUrl: null,
    reason: JSON.stringify(l('Skipped by the owner', 'Sautée par le propriétaire')),
    fixed: 1,
    skipped: 1,
    seed: null,
  }));
};

/**
 * Exchanges two days' entries (both then fixed). A day with no entry takes the other's and
 * leaves its own day empty for the next refresh: that is how an entry moves.
 */
export const swapPlanEntries = async (
  deps: ServiceDeps,
  input: { first: string; second: string; platform?: string | undefined },
): Promise<PlanEntryView[]> => {
  const platform = platformOf(deps, input.platform);
  const a = plannableDate(deps, input.first, platform);
  const b = plannableDate(deps, input.second, platform);
  if (a === b) {
    throw new UsageError(l('The two dates are the same.', 'Les deux dates sont identiques.'), {
      code: 'same_date',
      fix: l('Give two different posting days.', 'Donnez deux jours de publication différents.'),
    });
  }
  return immediate(deps.db, async (trx) => {
    const ea = await getPlanEntry(trx, deps.brandSlug, platform.platform, a);
    const eb = await getPlanEntry(trx, deps.brandSlug, platform.platform, b);
    unwritten(ea, a);
    unwritten(eb, b);
    if (!ea && !eb) {
      throw new NotFoundError(l(`Nothing is planned on ${a} or ${b}.`, `Rien n’est prévu le ${a} ni le ${b}.`), {
        code: 'nothing_planned',
        fix: l('Run `autoscale plan` first.', 'Lancez d’abord `autoscale plan`.'),
      });
    }
    const w = deps.writer();
    const move = async (from: PlanEntry | undefined, fromDate: string, to: string) => {
      if (!from) return;
      const reason: Localized = l(
        `Moved by the owner from ${fromDate}`,
        `Déplacée par le propriétaire depuis le ${fromDate}`,
      );
      const original = parseReason(from.reason);
      await putPlanEntry(
        trx,
        w,
        { brand: deps.brandSlug, platform: platform.platform, date: to },
        {
          contentType: from.contentType,
          topic: from.topic,
          angle: from.angle,
          sourceKind: from.sourceKind,
          sourceRef: from.sourceRef,
          sourceTitle: from.sourceTitle,
          sourceUrl: from.sourceUrl,
          reason: JSON.stringify(
            from.fixed ? original : l(`${reason.en} (${original.en})`, `${reason.fr} (${original.fr})`),
          ),
          fixed: 1,
          skipped: from.skipped,
          seed: from.seed,
        },
      );
    };
    await move(ea, a, b);
    await move(eb, b, a);
    if (!ea) await withdrawPlanEntries(trx, w, [eb!.id]);
    if (!eb) {
      const left = await getPlanEntry(trx, deps.brandSlug, platform.platform, a);
      if (left && !ea) await withdrawPlanEntries(trx, w, [left.id]);
    }
    await recordAudit(trx, w, {
      entity: 'plan',
      entityId: deps.brandSlug,
      action: 'swap',
      data: { a, b, platform: platform.platform },
    });
    const rows = [
      await getPlanEntry(trx, deps.brandSlug, platform.platform, a),
      await getPlanEntry(trx, deps.brandSlug, platform.platform, b),
    ];
    return rows.filter((r): r is PlanEntry => Boolean(r)).map(entryView);
  });
};

/** Gives a fixed day back to the planner: the next refresh may replace its entry. */
export const releasePlanEntry = async (
  deps: ServiceDeps,
  input: { date: string; platform?: string | undefined },
): Promise<PlanEntryView> => {
  const platform = platformOf(deps, input.platform);
  const date = plannableDate(deps, input.date, platform);
  return ownerEdit(deps, { date, platform }, 'release', (current) => {
    if (!current) {
      throw new NotFoundError(l(`Nothing is planned on ${date}.`, `Rien n’est prévu le ${date}.`), {
        code: 'nothing_planned',
        fix: l('Run `autoscale plan` to plan it.', 'Lancez `autoscale plan` pour le planifier.'),
      });
    }
    return { ...current, fixed: 0 };
  });
};

/**
 * What the daemon's generation writes for a day: the day's entry on the brand's first platform
 * (`skipped` when the owner skipped it), or nothing when the day was never planned.
 */
export const plannedTopicFor = async (
  deps: ServiceDeps,
  date: string,
): Promise<PlannedTopic | 'skipped' | undefined> => {
  const platform = planPlatforms(deps.brand)[0]!.platform;
  const entry = await getPlanEntry(deps.db, deps.brandSlug, platform, date);
  if (!entry || entry.postId) return undefined;
  if (entry.skipped === 1 || !entry.contentType) return 'skipped';
  if (!isContentType(entry.contentType)) return undefined;
  const view = entryView(entry);
  return {
    entryId: entry.id,
    contentType: entry.contentType,
    topic: entry.topic,
    angle: entry.angle,
    source: view.source,
    reason: view.reason,
    citation:
      entry.sourceKind === 'news' || entry.sourceUrl
        ? {
            title: entry.topic ?? entry.sourceTitle ?? '',
            url: entry.sourceUrl,
            publisher: entry.sourceKind === 'news' ? entry.sourceTitle : null,
          }
        : null,
    revisitPostId: entry.sourceKind === 'evergreen' ? entry.sourceRef : null,
  };
};
