import type { Idea } from '../domain/plan-records.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { validateContentType } from '../domain/content-check.js';
import { NotFoundError, StateError, UsageError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import { recordAudit } from '../store/audit-repo.js';
import { shortId } from '../store/ids.js';
import { findIdeasByRef, ideaFromOrigin, insertIdea, listIdeas, setIdeaStatus } from '../store/ideas-repo.js';
import { getPost } from '../store/posts-repo.js';
import { immediate } from '../store/tx.js';
import { variantsForPost } from '../store/variants-repo.js';
import { feedUrl } from './sources-service.js';

export interface IdeaView {
  id: string;
  shortId: string;
  text: string;
  contentType: string | null;
  link: string | null;
  origin: string;
  status: string;
  createdAt: string;
}

const view = (i: Idea): IdeaView => ({
  id: i.id,
  shortId: shortId(i.id),
  text: i.text,
  contentType: i.contentType,
  link: i.link,
  origin: i.origin,
  status: i.status,
  createdAt: i.createdAt,
});

export interface NewIdeaInput {
  text: string;
  contentType?: string | undefined;
  link?: string | undefined;
  origin?: 'cli' | 'studio' | 'page' | 'slack';
  originRef?: string | undefined;
}

/** An idea for the inbox; the next plan refresh places it (at most `plan.ideasPerWeek` a week). */
export const addIdea = async (deps: ServiceDeps, input: NewIdeaInput): Promise<IdeaView> => {
  const text = input.text.replace(/[^\S\u00a0\u202f]+/g, ' ').trim();
  if (!text) {
    throw new UsageError(l('The idea is empty.', 'L’idée est vide.'), {
      code: 'empty_idea',
      fix: l('Write it in quotes: autoscale ideas add "…".', 'Écrivez-la entre guillemets : autoscale ideas add "…".'),
    });
  }
  if (text.length > 300) {
    throw new UsageError(l('The idea is longer than 300 characters.', 'L’idée dépasse 300 caractères.'), {
      code: 'idea_too_long',
      fix: l(
        'Keep it to a subject and an angle; the writer expands it.',
        'Gardez un sujet et un angle; le rédacteur développe.',
      ),
    });
  }
  const contentType = input.contentType ? validateContentType(input.contentType) : null;
  const link = input.link ? feedUrl(input.link) : null;
  const w = deps.writer();
  return immediate(deps.db, async (trx) => {
    if (input.originRef) {
      const existing = await ideaFromOrigin(trx, input.origin ?? 'cli', input.originRef);
      if (existing) return view(existing);
    }
    const id = await insertIdea(trx, w, {
      brand: deps.brandSlug,
      text,
      contentType,
      link,
      origin: input.origin ?? 'cli',
      originRef: input.originRef ?? null,
    });
    await recordAudit(trx, w, {
      entity: 'idea',
      entityId: id,
      action: 'create',
      data: { origin: input.origin ?? 'cli' },
    });
    return view((await listIdeas(trx, deps.brandSlug)).find((i) => i.id === id)!);
  });
};

/** A variant's angle as an idea: its headline, and its opening sentence when there is room. */
export const variantAngle = (headline: string, text: string): string => {
  const opening = (text.split(/\n+/).find((line) => line.trim()) ?? '').split(/(?<=[.!?…])\s/)[0] ?? '';
  const both = opening && !opening.startsWith(headline) ? `${headline} — ${opening}` : headline || opening;
  return both.length > 280 ? `${both.slice(0, 279)}…` : both;
};

/**
 * Keeps a variant's angle (often the reason a post was rejected is not its angle) as an idea,
 * once per variant and origin: the studio's I key and the review page's reject form.
 */
export const saveVariantAngle = (
  deps: ServiceDeps,
  variant: { id: string; headline: string; text: string },
  contentType: string,
  origin: 'studio' | 'page' | 'slack',
): Promise<IdeaView> =>
  addIdea(deps, { text: variantAngle(variant.headline, variant.text), contentType, origin, originRef: variant.id });

/** `saveVariantAngle` by post id and variant number (Slack's reject modal). */
export const keepVariantAngle = async (deps: ServiceDeps, postId: string, idx: number): Promise<IdeaView> => {
  const post = await getPost(deps.db, postId);
  const variant = (await variantsForPost(deps.db, postId)).find((v) => v.idx === idx);
  if (!post || !variant) {
    throw new NotFoundError(l(`No variant ${idx} on that post.`, `Pas de variante ${idx} sur cette publication.`), {
      code: 'unknown_variant',
      fix: l('Check the post with `autoscale show`.', 'Vérifiez la publication avec `autoscale show`.'),
    });
  }
  return saveVariantAngle(deps, variant, post.contentType, 'slack');
};

export const ideasList = async (deps: ServiceDeps, all: boolean): Promise<IdeaView[]> =>
  (await listIdeas(deps.db, deps.brandSlug, all ? undefined : ['open', 'planned'])).map(view);

/** Drops an idea from the inbox (kept in the store, marked dropped); a planned one leaves the plan at the next refresh. */
export const dropIdea = async (deps: ServiceDeps, ref: string): Promise<IdeaView> => {
  const found = await findIdeasByRef(deps.db, deps.brandSlug, ref);
  if (found.length !== 1) {
    throw new NotFoundError(
      found.length
        ? l(`"${ref}" matches several ideas.`, `« ${ref} » correspond à plusieurs idées.`)
        : l(`No idea "${ref}".`, `Aucune idée « ${ref} ».`),
      {
        code: 'unknown_idea',
        fix: l('See `autoscale ideas list` for the ids.', 'Voyez `autoscale ideas list` pour les identifiants.'),
      },
    );
  }
  const idea = found[0]!;
  if (idea.status === 'used') {
    throw new StateError(l('This idea is already written as a post.', 'Cette idée est déjà rédigée en publication.'), {
      code: 'idea_used',
      fix: l('Reject the post instead (autoscale reject).', 'Rejetez plutôt la publication (autoscale reject).'),
    });
  }
  const w = deps.writer();
  await immediate(deps.db, async (trx) => {
    await setIdeaStatus(trx, w, [idea.id], 'dropped');
    await recordAudit(trx, w, { entity: 'idea', entityId: idea.id, action: 'drop', from: idea.status, to: 'dropped' });
  });
  return { ...view(idea), status: 'dropped' };
};
