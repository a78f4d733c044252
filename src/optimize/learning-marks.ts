import { createHash } from 'node:crypto';
import type { BrandConfig } from '../config/schema.js';
import type { Db } from '../store/database.js';
import { factsGeneration } from '../store/facts-repo.js';
import { deleteMeta, getMeta, learningMarkKey as markKey, setMeta } from '../store/meta-repo.js';
import { spacesFrom } from './bandit.js';

/**
 * Incremental learning: the beliefs and the guidance are stored with the generation of the
 * per-post summaries they were computed from (store/facts-refresh.ts bumps it when a post's
 * numbers change). While it has not moved, readers use what is stored and writers skip the
 * recomputation and its write transaction; when new measurements arrive it moves and the next
 * refresh recomputes. Marks are local (meta) and cleared when the stored rows may have come from
 * another replica (sync applied them).
 */
export type LearningKind = 'beliefs' | 'guidance' | 'predictor';

export interface LearningMark {
  generation: number;
  /** Hash of what else the result depends on (arms from the brand config, zone, language). */
  key: string;
  posts: number;
  noise?: number | undefined;
  /** Predictor: whether the fit was kept (else the benchmark prior applies). */
  fitted?: boolean | undefined;
}

export const configKey = (brand: BrandConfig): string =>
  createHash('sha256')
    .update(JSON.stringify([spacesFrom(brand), brand.timezone, brand.profile.language]))
    .digest('hex')
    .slice(0, 16);

/** The stored mark when it is still current, else undefined (recompute). */
export const currentMark = async (
  db: Db,
  kind: LearningKind,
  slug: string,
  brand: BrandConfig,
): Promise<LearningMark | undefined> => {
  const raw = await getMeta(db, markKey(kind, slug));
  if (!raw) return undefined;
  const mark = JSON.parse(raw) as LearningMark;
  const now = await factsGeneration(db, slug);
  return !now.queued && now.generation === mark.generation && mark.key === configKey(brand) ? mark : undefined;
};

export const writeMark = async (db: Db, kind: LearningKind, slug: string, mark: LearningMark): Promise<void> =>
  setMeta(db, markKey(kind, slug), JSON.stringify(mark));

export const clearMark = async (db: Db, kind: LearningKind, slug: string): Promise<void> =>
  deleteMeta(db, markKey(kind, slug));
