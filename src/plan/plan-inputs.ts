import type { PlanConfig } from '../config/plan-config.js';
import type { BrandProfile } from '../config/schema.js';
import type { ContentType } from '../domain/content.js';
import type { Citation, PlanSourceKind } from '../domain/plan.js';
import type { PlanEntry } from '../domain/plan-records.js';
import type { Localized } from '../i18n/localized.js';
import type { MixTargets } from './mix.js';
import type { MomentOccurrence } from './moments.js';
import type { PlanSlot } from './platforms.js';

/** An entry a refresh leaves as it is: fixed by the owner, or already written as a post. */
export type KeptEntry = Pick<
  PlanEntry,
  'platform' | 'date' | 'contentType' | 'topic' | 'angle' | 'sourceKind' | 'sourceRef'
>;

export interface IdeaCandidate {
  id: string;
  text: string;
  contentType: ContentType | null;
  link: string | null;
}

export interface NewsCandidate {
  id: string;
  title: string;
  url: string | null;
  publisher: string | null;
  /** Local date it was published (or fetched). */
  date: string;
  score: number;
  judgement: string | null;
}

export interface EvergreenCandidate {
  postId: string;
  contentType: ContentType;
  headline: string;
  /** Engagement rate measured (0..1). */
  rate: number;
  /** Local date it was published. */
  date: string;
}

/** The optimizer's beliefs about content types (posterior mean and spread of engagement). */
export interface TypePreference {
  beliefs: { type: string; mean: number; sd: number; posts: number }[];
  /** How far draws stray from the means (the optimizer's exploration scale). */
  scale: number;
}

/** Everything one plan build reads; `buildPlan` is a pure function of it. */
export interface PlanInputs {
  /** Posting days of each platform from the first day to plan on, in order. */
  slots: PlanSlot[];
  kept: KeptEntry[];
  /** Posts already written (target dates), the four weeks before the plan and inside it. */
  history: { date: string; contentType: string }[];
  moments: MomentOccurrence[];
  ideas: IdeaCandidate[];
  news: NewsCandidate[];
  evergreen: EvergreenCandidate[];
  /** Past posts already revisited and when (evergreen entries outside the plan's range). */
  revisited: { postId: string; date: string }[];
  preference: TypePreference | null;
  mix: Partial<Record<ContentType, number>>;
  targets: MixTargets;
  config: Pick<PlanConfig, 'ideasPerWeek' | 'news' | 'evergreen'>;
  profile: Pick<BrandProfile, 'caseStudies' | 'facts' | 'language'>;
  seed: string;
  /** Posting slots of one platform in four weeks: the unit mix shares are counted on. */
  windowSlots: number;
}

export interface PlannedEntry {
  platform: string;
  date: string;
  contentType: ContentType;
  topic: string | null;
  angle: string | null;
  sourceKind: PlanSourceKind;
  sourceRef: string | null;
  citation: Citation | null;
  reason: Localized;
  seed: string;
}
