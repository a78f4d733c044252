import { StateError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';

export const POST_STATES = [
  'draft',
  'in_review',
  'approved',
  'scheduled',
  'publishing',
  'published',
  'measured',
  'rejected',
  'failed',
  'unconfirmed',
] as const;
export type PostState = (typeof POST_STATES)[number];

export const isPostState = (value: string): value is PostState => (POST_STATES as readonly string[]).includes(value);

/**
 * The whole lifecycle. Anything not listed is illegal and raises, never a silent no-op.
 * `unconfirmed` is a publish whose outcome is unknown; reconciliation resolves it.
 */
const TRANSITIONS: Record<PostState, readonly PostState[]> = {
  draft: ['in_review', 'rejected'],
  in_review: ['approved', 'rejected', 'draft'],
  approved: ['in_review', 'scheduled', 'publishing', 'rejected'],
  scheduled: ['approved', 'publishing', 'published', 'failed', 'unconfirmed'],
  publishing: ['published', 'scheduled', 'failed', 'unconfirmed', 'approved'],
  published: ['measured'],
  measured: [],
  rejected: ['in_review'],
  failed: ['approved', 'rejected', 'in_review'],
  unconfirmed: ['published', 'scheduled', 'approved', 'failed'],
};

export const canTransition = (from: PostState, to: PostState): boolean => TRANSITIONS[from].includes(to);

export const allowedFrom = (from: PostState): readonly PostState[] => TRANSITIONS[from];

/** A publication exists from `publishing` on: the content is frozen from then. */
export const isContentFrozen = (state: PostState): boolean =>
  ['scheduled', 'publishing', 'published', 'measured', 'unconfirmed'].includes(state);

export const assertTransition = (postId: string, from: string, to: PostState): PostState => {
  if (!isPostState(from)) {
    throw new StateError(
      l(`Post ${postId} has an unknown state "${from}".`, `La publication ${postId} a un état inconnu « ${from} ».`),
    );
  }
  if (!canTransition(from, to)) {
    const next = allowedFrom(from);
    throw new StateError(
      l(
        `Post ${postId} is ${from}; it cannot become ${to}.`,
        `La publication ${postId} est à l’état « ${from} »; elle ne peut pas passer à « ${to} ».`,
      ),
      {
        code: 'illegal_transition',
        details: { postId, from, to },
        fix:
          next.length > 0
            ? l(
                `From ${from} it can become: ${next.join(', ')}. See \`autoscale show ${postId}\`.`,
                `Depuis ${from}, il peut passer à : ${next.join(', ')}. Voir \`autoscale show ${postId}\`.`,
              )
            : l(
                `${from} is final. See \`autoscale show ${postId}\`.`,
                `${from} est un état final. Voir \`autoscale show ${postId}\`.`,
              ),
      },
    );
  }
  return from;
};
