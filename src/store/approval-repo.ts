import type { Post } from '../domain/post.js';
import type { Db } from './database.js';
import { fromMaybeRow, fromRows } from './row-mapping.js';
import { bumped, type WriteContext } from './write-context.js';

export interface NewLink {
  id: string;
  postId: string;
  reviewVersion: string;
  expiresAt: string;
  createdAt: string;
  createdBy: string;
}

const linkRow = (link: NewLink, used: { at: string; action: string } | null) => ({
  id: link.id,
  post_id: link.postId,
  review_version: link.reviewVersion,
  expires_at: link.expiresAt,
  created_at: link.createdAt,
  created_by: link.createdBy,
  used_at: used?.at ?? null,
  used_action: used?.action ?? null,
});

export const insertLink = async (db: Db, link: NewLink): Promise<void> => {
  await db
    .insertInto('approval_links')
    .values(linkRow(link, null))
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
};

/** A signed review link as stored: single use for state changes (`usedAt` set once). */
export interface ApprovalLink {
  id: string;
  postId: string;
  reviewVersion: string;
  expiresAt: string;
  createdAt: string;
  createdBy: string;
  usedAt: string | null;
  usedAction: string | null;
}

export const getLink = async (db: Db, id: string): Promise<ApprovalLink | undefined> =>
  fromMaybeRow(await db.selectFrom('approval_links').selectAll().where('id', '=', id).executeTakeFirst());

/**
 * Marks a link used, once: true for the one caller that wins. A link issued on another replica
 * has no row yet; the insert creates it already used, with the same once-only guarantee.
 */
export const consumeLink = async (db: Db, link: NewLink, usedAt: string, action: string): Promise<boolean> => {
  const result = await db
    .insertInto('approval_links')
    .values(linkRow(link, { at: usedAt, action }))
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({ used_at: usedAt, used_action: action }).where('approval_links.used_at', 'is', null),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
};

/** Gives a consumed link back when the action it was consumed for failed (nothing changed). */
export const releaseLink = async (db: Db, id: string, usedAt: string): Promise<void> => {
  await db
    .updateTable('approval_links')
    .set({ used_at: null, used_action: null })
    .where('id', '=', id)
    .where('used_at', '=', usedAt)
    .execute();
};

export interface SlackMessageRef {
  channel: string;
  ts: string;
  postId: string;
  reviewVersion: string;
  outcome: string | null;
}

export const recordSlackMessage = async (
  db: Db,
  ref: { channel: string; ts: string; postId: string; reviewVersion: string },
  now: string,
): Promise<void> => {
  await db
    .insertInto('slack_messages')
    .values({
      channel: ref.channel,
      ts: ref.ts,
      post_id: ref.postId,
      review_version: ref.reviewVersion,
      created_at: now,
      updated_at: now,
      outcome: null,
    })
    .onConflict((oc) => oc.columns(['channel', 'ts']).doNothing())
    .execute();
};

export const slackMessagesForPost = async (db: Db, postId: string): Promise<SlackMessageRef[]> =>
  fromRows(
    await db
      .selectFrom('slack_messages')
      .select(['channel', 'ts', 'post_id', 'review_version', 'outcome'])
      .where('post_id', '=', postId)
      .orderBy('created_at')
      .execute(),
  );

export const getSlackMessage = async (db: Db, channel: string, ts: string): Promise<SlackMessageRef | undefined> =>
  fromMaybeRow(
    await db
      .selectFrom('slack_messages')
      .select(['channel', 'ts', 'post_id', 'review_version', 'outcome'])
      .where('channel', '=', channel)
      .where('ts', '=', ts)
      .executeTakeFirst(),
  );

export const setSlackOutcome = async (db: Db, channel: string, ts: string, outcome: string, now: string) => {
  await db
    .updateTable('slack_messages')
    .set({ outcome, updated_at: now })
    .where('channel', '=', channel)
    .where('ts', '=', ts)
    .execute();
};

/** Drafts still waiting for a person, oldest target date first. */
export const unreviewedPosts = async (
  db: Db,
  brand: string,
): Promise<Pick<Post, 'id' | 'targetDate' | 'state' | 'createdAt'>[]> =>
  fromRows(
    await db
      .selectFrom('posts')
      .select(['id', 'target_date', 'state', 'created_at'])
      .where('brand', '=', brand)
      .where('state', '=', 'in_review')
      .where('deleted_at', 'is', null)
      .orderBy('target_date')
      .execute(),
  );

/**
 * Moves an unreviewed draft to another day, once per (post, original date): returns false when
 * it was already moved or is no longer in review (approved meanwhile).
 */
export const moveReviewDate = async (
  db: Db,
  w: WriteContext,
  postId: string,
  from: string,
  to: string,
): Promise<boolean> => {
  const inserted = await db
    .insertInto('review_moves')
    .values({ post_id: postId, from_date: from, to_date: to, moved_at: w.now })
    .onConflict((oc) => oc.columns(['post_id', 'from_date']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) !== 1) return false;
  const updated = await db
    .updateTable('posts')
    .set({ target_date: to, ...bumped(w) })
    .where('id', '=', postId)
    .where('state', '=', 'in_review')
    .where('target_date', '=', from)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) {
    await db.deleteFrom('review_moves').where('post_id', '=', postId).where('from_date', '=', from).execute();
    return false;
  }
  return true;
};

/** Whether a notification with this event key was already queued on any channel. */
export const notificationQueued = async (db: Db, eventKey: string): Promise<boolean> => {
  const row = await db
    .selectFrom('jobs')
    .select('id')
    .where('kind', '=', 'notify')
    .where('idempotency_key', 'like', `notify:%:${eventKey.replace(/[%_]/g, '')}`)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
};
