import { validateContentType } from '../domain/content-check.js';
import { STYLES, type ContentType, type Style } from '../domain/content.js';
import { isValidDate } from '../domain/time.js';
import { UsageError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import type { EngagementModel } from '../content/score.js';
import type { Citation } from '../domain/plan.js';
import type { EmbeddingProvider } from '../providers/types.js';
import type { GenerationPlan } from './generation-plan.js';
import type { RunLedger } from './ledger.js';

export interface GenerateInput {
  contentType: string;
  topic?: string | undefined;
  date?: string | undefined;
  variants?: number | undefined;
  /** Style order (the optimizer may put the one it expects to win first). */
  styles?: Style[] | undefined;
  /** Id for a new run: the daemon passes its job's id so a retried job finds its own run. */
  runId?: string | undefined;
  /** From `planGeneration`: stored on a new run so a re-run of the same command resumes it. */
  plan?: { key: string; value: GenerationPlan } | undefined;
  /** A planned entry's angle: what the writer aims for beyond the topic. */
  angle?: string | null | undefined;
  /** The article a news entry comes from: every variant cites it. */
  citation?: Citation | null | undefined;
  /** An evergreen entry's original post: the new text must not repeat it (similarity check). */
  revisitPostId?: string | null | undefined;
  /** The plan entry this post is written from: marked written in the post's commit. */
  planEntryId?: string | null | undefined;
}

export interface GenerateOptions {
  /** Embeddings for the similarity check (OpenAI when a key is set); local n-grams otherwise. */
  embeddings?: EmbeddingProvider | undefined;
  /** Replaces the engagement prior (the analytics work supplies a fitted model). */
  engagement?: EngagementModel | undefined;
  /**
   * The learning loop's guidance block; every variant records the version it saw. `rules` are the
   * active guidance rule keys: the structure planner follows the ones about structure.
   */
  guidance?: { text: string; versionId: string; rules?: string[] | undefined } | undefined;
  /** The optimizer decision that chose this post, linked to it on commit. */
  decisionId?: string | undefined;
  /**
   * Paid work that needs only the request, not the variants' text (the picture): started with the
   * first text call and awaited before the post is committed, so its ledger rows join the post.
   * A failure is left to the step that uses it (the image step asks again).
   */
  alongside?: ((ledger: RunLedger) => Promise<unknown>) | undefined;
  /**
   * Work a draft's checks let through first (the picture's answer while it is being read): a
   * promise to wait for, or undefined when there is none.
   */
  priority?: (() => Promise<unknown> | undefined) | undefined;
  /**
   * Told each headline the first variant (the one the picture shows until the owner chooses)
   * is written with, as soon as it arrives, so the picture can be composed before the post is
   * committed.
   */
  onHeadline?: ((headline: string) => void) | undefined;
}

/** A request once checked: what every step of a run works from. */
export interface ValidRequest {
  contentType: ContentType;
  date: string;
  topic: string | null;
  styles: Style[];
  angle?: string | null | undefined;
  citation?: Citation | null | undefined;
}

export const validateGenerateInput = (input: GenerateInput, today: string): ValidRequest => {
  const contentType = validateContentType(input.contentType);
  return {
    ...validateRequestOptions(input, today),
    contentType,
    angle: input.angle?.trim() || null,
    citation: input.citation?.url || input.citation?.title ? input.citation : null,
  };
};

/** Date, variant count and topic: checked before the optimizer or a provider is asked anything. */
export const validateRequestOptions = (input: Omit<GenerateInput, 'contentType'>, today: string) => {
  const date = input.date ?? today;
  if (!isValidDate(date)) {
    throw new UsageError(l(`Invalid date "${date}".`, `Date invalide « ${date} ».`), {
      code: 'bad_date',
      fix: l(
        'Give a calendar date as YYYY-MM-DD, e.g. 2026-12-01.',
        'Donnez une date du calendrier au format AAAA-MM-JJ, p. ex. 2026-12-01.',
      ),
    });
  }
  const count = input.variants ?? STYLES.length;
  if (!Number.isInteger(count) || count < 1 || count > STYLES.length) {
    throw new UsageError(
      l(
        `--variants must be 1 to ${STYLES.length}, not ${String(input.variants)}.`,
        `--variants doit valoir de 1 à ${STYLES.length}, et non ${String(input.variants)}.`,
      ),
      {
        code: 'bad_variants',
        fix: l(
          'One variant per style: professional, storytelling, question.',
          'Une variante par style : professionnel, récit, question.',
        ),
      },
    );
  }
  const topic = input.topic?.trim() || null;
  if (topic && topic.length > 300) {
    throw new UsageError(l('--topic is longer than 300 characters.', '--topic dépasse 300 caractères.'), {
      code: 'bad_topic',
      fix: l('Give a short subject; the writer expands it.', 'Donnez un sujet court; le rédacteur le développe.'),
    });
  }
  const styles = (input.styles ?? [...STYLES]).slice(0, count);
  return { date, topic, styles };
};
