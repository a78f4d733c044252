/** The optimizer's belief about one arm (a content type, a style or a slot). */
export interface ArmRecord {
  space: string;
  arm: string;
  priorMean: number;
  priorWeight: number;
  posts: number;
  rewardSum: number;
  posteriorMean: number;
  posteriorSd: number;
  refreshedAt: string;
}

/** A stored optimizer decision (`style_order` and `samples` are JSON text, `explanation` JSON Localized). */
export interface DecisionRecord {
  id: string;
  brand: string;
  postId: string | null;
  decidedAt: string;
  contentType: string;
  styleOrder: string;
  slotWeekday: string | null;
  slotHour: number | null;
  preferredMinute: number | null;
  seed: string;
  samples: string;
  explanation: string;
}

/** A stored guidance line (`evidence` is JSON text). */
export interface GuidanceLineRecord {
  id: string;
  brand: string;
  ruleKey: string;
  status: string;
  textFr: string;
  textEn: string;
  evidence: string;
  createdAt: string;
  updatedAt: string;
}

/** A stored guidance version (`line_ids` is a JSON list). */
export interface GuidanceVersionRecord {
  id: string;
  brand: string;
  versionNo: number;
  sha256: string;
  text: string;
  lineIds: string;
  basedOnPosts: number;
  createdAt: string;
}

/** A stored fit of the engagement predictor (`model` is JSON text). */
export interface PredictorFitRecord {
  id: string;
  fittedAt: string;
  samples: number;
  model: string;
  mae: number | null;
  baselineMae: number | null;
}
