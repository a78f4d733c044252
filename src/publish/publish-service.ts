import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { assertTransition, type PostState } from '../domain/post-state.js';
import { hashText } from '../domain/random.js';
import { formatLocal, localDate } from '../domain/time.js';
import { isAutoscaleError, StateError, UsageError } from '../errors/errors.js';
import { l, type Localized } from '../i18n/localized.js';
import { facebookCredentials, graphClientFor } from '../platforms/facebook/credentials.js';
import { isGraphError, type GraphError } from '../platforms/facebook/errors.js';
import type { CreatedPost } from '../platforms/facebook/pages.js';
import type { ServiceDeps } from '../deps/service-deps.js';
import { resolvePost } from '../store/post-lookup.js';
import { modeFor, NATIVE_MAX_MS, NATIVE_MIN_MS, type PublishMode } from '../domain/publish-mode.js';
import { recordAudit } from '../store/audit-repo.js';
import { shortId } from '../store/ids.js';
import { imageForPost } from '../store/images-repo.js';
import { getPost, listPosts, patchPost, scheduledPosts, transitionPost, type PostRow } from '../store/posts-repo.js';
import {
  claimedFacebookIds,
  insertPublication,
  latestPublication,
  livePublication,
  publicationsForPost,
  updatePublication,
  type PublicationRow,
} from '../store/publications-repo.js';
import { immediate } from '../store/tx.js';
import { variantsForPost } from '../store/variants-repo.js';
import { acquirePublishLease, pagePause, pausePage } from './lease.js';
import { assertPublisher } from '../sync/lease.js';
import { facebookPublisher, type PagePublisher, type PublishPayload } from './page-publisher.js';

/** Photos over this are refused by Meta (REFERENCE.md). */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** Margin kept inside Meta's 10-minute minimum so a slow upload still lands in range (as in modeFor). */
const NATIVE_MARGIN_MS = 60_000;
/** Meta's clock and ours may differ; reconciliation looks back this much before the attempt. */
const LOOKBACK_MS = 15 * 60_000;

export type PublishAction = 'published' | 'scheduled' | 'dry_run' | 'unchanged' | 'unconfirmed' | 'failed' | 'deferred';

export interface PublishOutcome {
  postId: string;
  shortId: string;
  brand: string;
  action: PublishAction;
  state: string;
  mode: string | null;
  scheduledAt: string | null;
  pageId: string | null;
  attempt: number | null;
  fbPostId: string | null;
  fbPhotoId: string | null;
  dryRunPath: string | null;
  /** Why it was deferred, failed or left unconfirmed (redacted). */
  reason: string | null;
  /** When it can be tried again (deferred). */
  retryAt: string | null;
  /** How it was resolved: by the call's answer, or by finding it on the Page. */
  via: 'call' | 'reconcile' | null;
}

export type PublishEvent =
  | { type: 'note'; message: Localized }
  | { type: 'alert'; postId: string; severity: 'warning' | 'error'; message: Localized };

export interface PublishRuntime {
  /** A ready publisher (tests, or the daemon keeping one client for its lifetime). */
  publisher?: PagePublisher | undefined;
  sleep?: (ms: number) => Promise<void>;
  onEvent?: (event: PublishEvent) => void;
  /** Name written in the lease and audit (defaults to the writer's actor). */
  owner?: string;
}

export interface PublishOptions {
  /** Publish at once, whatever the slot (a natively scheduled post is published now). */
  now?: boolean;
  /** Write what would be posted instead of calling Facebook. */
  dryRun?: boolean;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The deps of the post's own brand (its Page, window and token), whatever --brand says. */
export const forBrand = (deps: ServiceDeps, brandSlug: string): ServiceDeps => {
  const brand = deps.config.brands[brandSlug];
  return brand ? { ...deps, brandSlug, brand } : deps;
};

type Publisher =
  | { kind: 'facebook'; publisher: PagePublisher; owned: boolean }
  | { kind: 'dry_run'; reason: string; pageId: string | null };

/** The Facebook publisher when the brand has a token and a Page id, else the dry-run one. */
export const openPublisher = (deps: ServiceDeps, rt: PublishRuntime = {}, dryRun = false): Publisher => {
  const found = facebookCredentials(deps);
  const pageId = found.ok
    ? found.credentials.pageId
    : (deps.brand.facebook.pageId ?? deps.env.get('FACEBOOK_PAGE_ID') ?? null);
  if (dryRun) return { kind: 'dry_run', reason: '--dry-run', pageId };
  if (rt.publisher) return { kind: 'facebook', publisher: rt.publisher, owned: false };
  if (!found.ok) return { kind: 'dry_run', reason: `no ${found.missing.join(' / ')}`, pageId };
  return {
    kind: 'facebook',
    publisher: facebookPublisher(graphClientFor(deps, found.credentials), found.credentials.pageId),
    owned: true,
  };
};

const closePublisher = (p: Publisher) => {
  if (p.kind === 'facebook' && p.owned) p.publisher.close();
};

/** Native scheduling is possible when the slot is 10 min (plus a margin) to 30 days away (same rule as approval). */
export const nativeEligible = (at: Date, now: Date): boolean => modeFor('native', at, now) === 'native';

const errorText = (error: unknown): string =>
  isAutoscaleError(error) ? error.localized.en : error instanceof Error ? error.message : String(error);

const concurrent = (id: string) =>
  new StateError(
    l(
      `Post ${shortId(id)} was changed by another process meanwhile.`,
      `Le post ${shortId(id)} a été modifié par un autre processus entre-temps.`,
    ),
    {
      code: 'concurrent_change',
      fix: l(
        `Look at it again with \`autoscale show ${shortId(id)}\` and retry.`,
        `Revoyez-le avec \`autoscale show ${shortId(id)}\` et réessayez.`,
      ),
    },
  );

/** The exact text that goes to the Page: the chosen variant's current version. */
export const postMessage = async (deps: ServiceDeps, post: PostRow): Promise<string> => {
  const variants = await variantsForPost(deps.db, post.id);
  const chosen = variants.find((v) => v.id === post.chosen_variant_id);
  if (!chosen) {
    throw new StateError(
      l(`Post ${shortId(post.id)} has no chosen variant.`, `Le post ${shortId(post.id)} n'a pas de variante choisie.`),
      {
        code: 'no_chosen_variant',
        fix: l(
          `Approve it with a variant: \`autoscale approve ${shortId(post.id)} --variant 1\`.`,
          `Approuvez-le avec une variante : \`autoscale approve ${shortId(post.id)} --variant 1\`.`,
        ),
      },
    );
  }
  return chosen.text;
};

const CONTENT_TYPES: Record<string, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
  webp: 'image/webp',
};

/** The post's current image (posts.image_id), read from the media folder; none means a feed post. */
export const postImage = async (
  deps: ServiceDeps,
  post: PostRow,
): Promise<{ path: string; data: Buffer; filename: string; contentType: string } | undefined> => {
  const image = await imageForPost(deps.db, post);
  if (!image) return undefined;
  const path = resolve(deps.paths.media, image.path);
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new StateError(
      l(
        `The image of post ${shortId(post.id)} is missing: ${path}.`,
        `L’image du post ${shortId(post.id)} est introuvable : ${path}.`,
      ),
      {
        code: 'image_missing',
        fix: l(
          'Regenerate the image, or restore the media folder from a backup.',
          'Régénérez l’image, ou restaurez le dossier media depuis une sauvegarde.',
        ),
      },
    );
  }
  if (size > MAX_PHOTO_BYTES) {
    throw new StateError(
      l(
        `The image of post ${shortId(post.id)} is ${(size / 1048576).toFixed(1)} MB; Facebook takes under 10 MB.`,
        `L’image du post ${shortId(post.id)} fait ${(size / 1048576).toFixed(1)} Mo; Facebook accepte moins de 10 Mo.`,
      ),
      {
        code: 'image_too_large',
        fix: l('Regenerate it at a smaller size or quality.', 'Régénérez-la en plus petit ou en qualité moindre.'),
      },
    );
  }
  const ext = (image.format || extname(path).slice(1)).toLowerCase();
  return {
    path,
    data: readFileSync(path),
    filename: basename(path),
    contentType: CONTENT_TYPES[ext] ?? 'application/octet-stream',
  };
};

const outcomeOf = (post: PostRow, action: PublishAction, extra: Partial<PublishOutcome> = {}): PublishOutcome => ({
  postId: post.id,
  shortId: shortId(post.id),
  brand: post.brand,
  action,
  state: post.state,
  mode: post.publish_mode,
  scheduledAt: post.scheduled_at,
  pageId: null,
  attempt: null,
  fbPostId: null,
  fbPhotoId: null,
  dryRunPath: null,
  reason: null,
  retryAt: null,
  via: null,
  ...extra,
});

const fromPublication = (pub: PublicationRow) => ({
  pageId: pub.page_id,
  attempt: pub.attempt_no,
  fbPostId: pub.fb_post_id,
  fbPhotoId: pub.fb_photo_id,
  dryRunPath: pub.dry_run_path,
});

// ---------------------------------------------------------------------------------------------
// Dry run

/**
 * Writes what would be posted (text, image, time, Page) to <home>/dry-run and records a
 * `dry_run` publication. The post keeps its state: nothing pretends it reached Facebook.
 */
const dryRunPublish = async (
  deps: ServiceDeps,
  post: PostRow,
  reason: string,
  pageId: string | null,
  immediateNow: boolean,
): Promise<PublishOutcome> => {
  const message = await postMessage(deps, post);
  const image = await postImage(deps, post).catch((e: unknown) => ({ error: errorText(e) }));
  const now = deps.clock.now();
  const at = immediateNow || !post.scheduled_at ? now : new Date(post.scheduled_at);
  const mode = immediateNow ? 'now' : nativeEligible(at, now) && post.publish_mode === 'native' ? 'native' : 'queue';
  mkdirSync(deps.paths.outbox, { recursive: true });
  return immediate(deps.db, async (trx) => {
    const w = deps.writer();
    const current = await getPost(trx, post.id);
    if (!current || current.state !== post.state) throw concurrent(post.id);
    const pub = await insertPublication(trx, w, {
      postId: post.id,
      brand: post.brand,
      pageId,
      mode,
      status: 'dry_run',
      textHash: hashText(message),
      slotAt: post.scheduled_at,
    });
    const file = join(
      deps.paths.outbox,
      `${localDate(at, deps.brand.timezone)}-${shortId(post.id)}-a${pub.attempt_no}.json`,
    );
    const record = {
      dryRun: true,
      note: 'Nothing was sent to Facebook. This is what autoscale would have posted.',
      reason,
      brand: post.brand,
      page: pageId,
      postId: post.id,
      attempt: pub.attempt_no,
      mode,
      publishAt: at.toISOString(),
      publishAtLocal: `${formatLocal(at, deps.brand.timezone)} ${deps.brand.timezone}`,
      slot: post.scheduled_at,
      endpoint:
        image && !('error' in image)
          ? `POST /${pageId ?? '{page-id}'}/photos (multipart source + caption)`
          : `POST /${pageId ?? '{page-id}'}/feed (message)`,
      text: message,
      textHash: pub.text_hash,
      image: image
        ? 'error' in image
          ? { error: image.error }
          : { path: image.path, bytes: image.data.length, contentType: image.contentType }
        : null,
      writtenAt: now.toISOString(),
    };
    // Written via a temp file and rename: a crash never leaves half a JSON file.
    writeFileSync(`${file}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
    renameSync(`${file}.tmp`, file);
    await updatePublication(trx, w, pub.id, 'dry_run', { dry_run_path: file });
    await recordAudit(trx, w, {
      entity: 'publication',
      entityId: pub.id,
      action: 'publish_dry_run',
      reason,
      data: { postId: post.id, attempt: pub.attempt_no, file, mode },
    });
    return outcomeOf(post, 'dry_run', { pageId, attempt: pub.attempt_no, dryRunPath: file, reason, mode });
  });
};

// ---------------------------------------------------------------------------------------------
// Exactly-once core

interface Ctx {
  deps: ServiceDeps;
  rt: PublishRuntime;
  publisher: PagePublisher;
  sleep: (ms: number) => Promise<void>;
}

const note = (ctx: Ctx, message: Localized) => ctx.rt.onEvent?.({ type: 'note', message });

/**
 * Step 1: the intent. The post moves to `publishing` and a `pending` publication with the
 * attempt number, the text hash and the start time is committed BEFORE any call, so a crash
 * at any later point leaves a row that says "this may be on the Page: look before retrying".
 */
const commitIntent = async (ctx: Ctx, post: PostRow, textHash: string, mode: string): Promise<PublicationRow> =>
  immediate(ctx.deps.db, async (trx) => {
    const w = ctx.deps.writer();
    const current = await getPost(trx, post.id);
    if (!current || current.state !== post.state) throw concurrent(post.id);
    assertTransition(shortId(post.id), current.state, 'publishing');
    // Belt and braces: whatever path led here, a post already on (or held by) the Page, or with
    // an attempt still unresolved, is never sent again.
    const open = await trx
      .selectFrom('publications')
      .select(['status', 'fb_post_id'])
      .where('post_id', '=', post.id)
      .where('status', 'in', ['published', 'scheduled', 'pending', 'unknown'])
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (open) {
      throw new StateError(
        l(
          `Post ${shortId(post.id)} already has a ${open.status} publication${open.fb_post_id ? ` (${open.fb_post_id})` : ''}; it is not sent again.`,
          `Le post ${shortId(post.id)} a déjà une publication ${open.status}${open.fb_post_id ? ` (${open.fb_post_id})` : ''}; il n’est pas renvoyé.`,
        ),
        {
          code: 'already_published',
          fix: l(
            `See \`autoscale show ${shortId(post.id)}\`; \`autoscale publish ${shortId(post.id)}\` reconciles an unresolved attempt.`,
            `Voir \`autoscale show ${shortId(post.id)}\`; \`autoscale publish ${shortId(post.id)}\` réconcilie une tentative non résolue.`,
          ),
        },
      );
    }
    if (!(await transitionPost(trx, w, post.id, current.state, 'publishing', { failure_reason: null })))
      throw concurrent(post.id);
    const pub = await insertPublication(trx, w, {
      postId: post.id,
      brand: post.brand,
      pageId: ctx.publisher.pageId,
      mode,
      status: 'pending',
      textHash,
      slotAt: post.scheduled_at,
    });
    await recordAudit(trx, w, {
      entity: 'post',
      entityId: post.id,
      action: 'publish_intent',
      from: current.state,
      to: 'publishing',
      data: { publicationId: pub.id, attempt: pub.attempt_no, textHash, mode, pageId: ctx.publisher.pageId },
    });
    return pub;
  });

/** A new attempt after the previous one was confirmed absent; the post stays `publishing`. */
const commitRetryIntent = async (ctx: Ctx, previous: PublicationRow, reason: string): Promise<PublicationRow> =>
  immediate(ctx.deps.db, async (trx) => {
    const w = ctx.deps.writer();
    if (
      !(await updatePublication(trx, w, previous.id, 'pending', {
        status: 'absent',
        error: reason,
        finished_at: w.now,
      }))
    )
      throw concurrent(previous.post_id);
    const pub = await insertPublication(trx, w, {
      postId: previous.post_id,
      brand: previous.brand,
      pageId: previous.page_id,
      mode: previous.mode,
      status: 'pending',
      textHash: previous.text_hash,
      slotAt: previous.slot_at,
    });
    await recordAudit(trx, w, {
      entity: 'publication',
      entityId: previous.id,
      action: 'publish_retry',
      reason,
      data: { postId: previous.post_id, attempt: pub.attempt_no },
    });
    return pub;
  });

/** Step 2 succeeded (or reconciliation found it): store the ids at once. */
const commitSuccess = async (
  ctx: Ctx,
  pub: PublicationRow,
  created: CreatedPost,
  scheduled: boolean,
  via: 'call' | 'reconcile',
): Promise<PublishOutcome> =>
  immediate(ctx.deps.db, async (trx) => {
    const w = ctx.deps.writer();
    const to: PostState = scheduled ? 'scheduled' : 'published';
    const post = (await getPost(trx, pub.post_id))!;
    if (
      !(await updatePublication(trx, w, pub.id, pub.status, {
        status: to,
        fb_post_id: created.postId,
        fb_photo_id: created.photoId,
        finished_at: w.now,
        error: null,
      }))
    )
      throw concurrent(pub.post_id);
    assertTransition(shortId(post.id), post.state, to);
    if (
      !(await transitionPost(trx, w, post.id, post.state, to, {
        failure_reason: null,
        publish_mode: scheduled ? 'native' : post.publish_mode,
      }))
    )
      throw concurrent(post.id);
    await recordAudit(trx, w, {
      entity: 'post',
      entityId: post.id,
      action: scheduled ? 'publish_scheduled' : 'published',
      from: post.state,
      to,
      data: {
        publicationId: pub.id,
        attempt: pub.attempt_no,
        fbPostId: created.postId,
        fbPhotoId: created.photoId,
        via,
      },
    });
    const after = (await getPost(trx, post.id))!;
    return outcomeOf(after, to, { ...fromPublication(pub), fbPostId: created.postId, fbPhotoId: created.photoId, via });
  });

/** The call was refused or never made: nothing is on the Page. */
const commitNotPublished = async (
  ctx: Ctx,
  pub: PublicationRow,
  opts: {
    to: 'approved' | 'failed';
    pubStatus: 'absent' | 'failed';
    reason: string;
    action: PublishAction;
    retryAt?: string | undefined;
  },
): Promise<PublishOutcome> =>
  immediate(ctx.deps.db, async (trx) => {
    const w = ctx.deps.writer();
    const post = (await getPost(trx, pub.post_id))!;
    if (
      !(await updatePublication(trx, w, pub.id, pub.status, {
        status: opts.pubStatus,
        error: opts.reason,
        finished_at: w.now,
      }))
    )
      throw concurrent(pub.post_id);
    assertTransition(shortId(post.id), post.state, opts.to);
    if (!(await transitionPost(trx, w, post.id, post.state, opts.to, { failure_reason: opts.reason })))
      throw concurrent(post.id);
    await recordAudit(trx, w, {
      entity: 'post',
      entityId: post.id,
      action: opts.to === 'failed' ? 'publish_failed' : 'publish_deferred',
      from: post.state,
      to: opts.to,
      reason: opts.reason,
      data: { publicationId: pub.id, attempt: pub.attempt_no, retryAt: opts.retryAt ?? null },
    });
    const after = (await getPost(trx, post.id))!;
    return outcomeOf(after, opts.action, {
      ...fromPublication(pub),
      reason: opts.reason,
      retryAt: opts.retryAt ?? null,
    });
  });

const commitUnconfirmed = async (ctx: Ctx, pub: PublicationRow, reason: string): Promise<PublishOutcome> => {
  const outcome = await immediate(ctx.deps.db, async (trx) => {
    const w = ctx.deps.writer();
    const post = (await getPost(trx, pub.post_id))!;
    await updatePublication(trx, w, pub.id, pub.status, { status: 'unknown', error: reason });
    if (post.state !== 'unconfirmed') {
      assertTransition(shortId(post.id), post.state, 'unconfirmed');
      if (!(await transitionPost(trx, w, post.id, post.state, 'unconfirmed', { failure_reason: reason })))
        throw concurrent(post.id);
      await recordAudit(trx, w, {
        entity: 'post',
        entityId: post.id,
        action: 'publish_unconfirmed',
        from: post.state,
        to: 'unconfirmed',
        reason,
        data: { publicationId: pub.id, attempt: pub.attempt_no },
      });
    }
    const after = (await getPost(trx, post.id))!;
    return outcomeOf(after, 'unconfirmed', { ...fromPublication(pub), reason });
  });
  ctx.rt.onEvent?.({
    type: 'alert',
    postId: pub.post_id,
    severity: 'error',
    message: l(
      `Post ${shortId(pub.post_id)}: publish outcome unknown (${reason}). Check the Page, then run \`autoscale publish ${shortId(pub.post_id)}\` to reconcile.`,
      `Post ${shortId(pub.post_id)} : résultat de publication inconnu (${reason}). Vérifiez la Page, puis lancez \`autoscale publish ${shortId(pub.post_id)}\` pour réconcilier.`,
    ),
  });
  return outcome;
};

type Reconciled =
  { kind: 'found'; postId: string; scheduled: boolean } | { kind: 'absent' } | { kind: 'unknown'; reason: string };

/**
 * Looks for the attempt on the Page: its scheduled posts, and its posts since shortly before
 * the attempt, matched on the text hash and never on a Facebook id another publication already
 * owns. `settled` says the settle delay has already been waited (startup reconciliation waits
 * once for every row).
 */
const reconcile = async (ctx: Ctx, pub: PublicationRow, settled: boolean): Promise<Reconciled> => {
  if (!settled) await ctx.sleep(ctx.deps.config.facebook.settleMs);
  try {
    const exclude = await claimedFacebookIds(ctx.deps.db, ctx.publisher.pageId);
    const since = new Date(new Date(pub.started_at).getTime() - LOOKBACK_MS);
    const found = await ctx.publisher.find(pub.text_hash, since, exclude);
    return found ? { kind: 'found', postId: found.postId, scheduled: found.scheduled } : { kind: 'absent' };
  } catch (error) {
    return { kind: 'unknown', reason: `could not list the Page to reconcile: ${errorText(error)}` };
  }
};

/** Attempts that failed on their own merits (not the ones a crash interrupted). */
const failedAttempts = (pubs: PublicationRow[]) =>
  pubs.filter((p) => (p.status === 'absent' || p.status === 'failed') && !(p.error ?? '').startsWith('interrupted'))
    .length;

const pauseFor = async (ctx: Ctx, error: GraphError, ms: number, reason: string) => {
  const until = new Date(ctx.deps.clock.now().getTime() + ms).toISOString();
  await pausePage(ctx.deps.db, ctx.publisher.pageId, { until, reason, category: error.category });
  return until;
};

/**
 * Runs attempts from a committed intent until the post is on the Page, refused, deferred or
 * unconfirmed. An unknown outcome is never retried blindly: it is reconciled first, and only a
 * confirmed absence leads to a new attempt.
 */
const drive = async (ctx: Ctx, firstPub: PublicationRow, payload: PublishPayload): Promise<PublishOutcome> => {
  const fb = ctx.deps.config.facebook;
  let pub = firstPub;
  for (;;) {
    let created: CreatedPost | undefined;
    let failure: unknown;
    try {
      created = await ctx.publisher.create(payload);
    } catch (error) {
      failure = error;
    }
    if (created) return commitSuccess(ctx, pub, created, payload.scheduledAt !== undefined, 'call');

    const reason = errorText(failure);
    const g = isGraphError(failure) ? failure : undefined;
    const category = g?.category ?? 'local';
    const sent = g?.sent ?? false;
    let retryable = false;

    if (sent && (category === 'unknown_outcome' || category === 'transient' || category === 'duplicate')) {
      note(
        ctx,
        l(
          `Outcome unknown (${reason}); reconciling with the Page…`,
          `Résultat inconnu (${reason}); vérification sur la Page…`,
        ),
      );
      const found = await reconcile(ctx, pub, false);
      if (found.kind === 'found')
        return commitSuccess(ctx, pub, { postId: found.postId, photoId: null }, found.scheduled, 'reconcile');
      if (found.kind === 'unknown') return commitUnconfirmed(ctx, pub, `${reason}; ${found.reason}`);
      if (category === 'duplicate')
        return commitNotPublished(ctx, pub, { to: 'failed', pubStatus: 'failed', reason, action: 'failed' });
      retryable = true;
    } else if (category === 'transient' || category === 'unknown_outcome') {
      // Not sent (connection refused): nothing can be on the Page.
      retryable = true;
    } else if (category === 'throttled' || category === 'circuit_open' || category === 'paused') {
      const wait = g?.retryAfterMs ?? fb.breakerCooldownMs;
      const until = await pauseFor(ctx, g!, wait, reason);
      return commitNotPublished(ctx, pub, {
        to: 'approved',
        pubStatus: 'absent',
        reason,
        action: 'deferred',
        retryAt: until,
      });
    } else if (category === 'policy') {
      await pauseFor(ctx, g!, fb.policyPauseHours * 3_600_000, reason);
      ctx.rt.onEvent?.({
        type: 'alert',
        postId: pub.post_id,
        severity: 'error',
        message: l(
          `Facebook blocked publishing to Page ${ctx.publisher.pageId} (368); paused ${fb.policyPauseHours} h.`,
          `Facebook a bloqué la publication sur la Page ${ctx.publisher.pageId} (368); pause de ${fb.policyPauseHours} h.`,
        ),
      });
      return commitNotPublished(ctx, pub, { to: 'failed', pubStatus: 'failed', reason, action: 'failed' });
    } else {
      if (category === 'token' || category === 'permission') {
        ctx.rt.onEvent?.({ type: 'alert', postId: pub.post_id, severity: 'error', message: g!.localized });
      }
      return commitNotPublished(ctx, pub, { to: 'failed', pubStatus: 'failed', reason, action: 'failed' });
    }

    if (retryable) {
      const done = failedAttempts(await publicationsForPost(ctx.deps.db, pub.post_id)) + 1;
      if (done >= fb.maxAttempts) {
        return commitNotPublished(ctx, pub, {
          to: 'failed',
          pubStatus: 'absent',
          reason: `gave up after ${done} attempts: ${reason}`,
          action: 'failed',
        });
      }
      await ctx.sleep(fb.retryMinMs * 2 ** (done - 1));
      pub = await commitRetryIntent(ctx, pub, reason);
    }
  }
};

// ---------------------------------------------------------------------------------------------
// Reconciliation of rows left by a crash

export interface ReconcileOutcome extends PublishOutcome {
  from: string;
}

/**
 * Finds this brand's `publishing` posts (a call was in flight when a process died) and its
 * `unconfirmed` ones, and settles each against the Page before anything else runs: found →
 * published/scheduled with that id; confirmed absent → back to approved (the due scan publishes
 * it again); still unknown → unconfirmed. Must run under the publish lease.
 */
const reconcileInFlightLocked = async (ctx: Ctx): Promise<ReconcileOutcome[]> => {
  const posts = await listPosts(ctx.deps.db, {
    brand: ctx.deps.brandSlug,
    states: ['publishing', 'unconfirmed'],
    order: 'asc',
  });
  if (posts.length === 0) return [];
  // The dead process's request may still be on its way through Meta: wait once for all.
  await ctx.sleep(ctx.deps.config.facebook.settleMs);
  const out: ReconcileOutcome[] = [];
  for (const post of posts) {
    const pub = await latestPublication(ctx.deps.db, post.id);
    if (!pub || !['pending', 'unknown'].includes(pub.status)) {
      out.push({ ...(await repairState(ctx, post, pub)), from: post.state });
      continue;
    }
    const found = await reconcile(ctx, pub, true);
    let outcome: PublishOutcome;
    if (found.kind === 'found')
      outcome = await commitSuccess(ctx, pub, { postId: found.postId, photoId: null }, found.scheduled, 'reconcile');
    else if (found.kind === 'unknown') outcome = await commitUnconfirmed(ctx, pub, found.reason);
    else
      outcome = await commitNotPublished(ctx, pub, {
        to: 'approved',
        pubStatus: 'absent',
        reason: 'interrupted before Meta had it; will be published again',
        action: 'deferred',
      });
    out.push({ ...outcome, from: post.state });
  }
  return out;
};

/** A `publishing` post whose last publication is not open (should not happen): align the post on it. */
const repairState = async (ctx: Ctx, post: PostRow, pub: PublicationRow | undefined): Promise<PublishOutcome> =>
  immediate(ctx.deps.db, async (trx) => {
    const w = ctx.deps.writer();
    const live = await livePublication(trx, post.id);
    const to: PostState = live ? (live.status === 'scheduled' ? 'scheduled' : 'published') : 'approved';
    if (!(await transitionPost(trx, w, post.id, post.state, to))) throw concurrent(post.id);
    await recordAudit(trx, w, {
      entity: 'post',
      entityId: post.id,
      action: 'publish_repair',
      from: post.state,
      to,
      data: { publicationId: pub?.id ?? null },
    });
    return outcomeOf(
      (await getPost(trx, post.id))!,
      live ? (to as PublishAction) : 'deferred',
      live ? fromPublication(live) : {},
    );
  });

// ---------------------------------------------------------------------------------------------
// Entry points

const withFacebook = async <T>(
  deps: ServiceDeps,
  rt: PublishRuntime,
  fn: (ctx: Ctx | undefined, p: Publisher) => Promise<T>,
  dryRun = false,
): Promise<T> => {
  const publisher = openPublisher(deps, rt, dryRun);
  let release: () => Promise<void>;
  try {
    // Across machines: with a sync hub configured, only the replica holding the publisher lease
    // talks to Facebook (refuses with the holder's name). Without a hub this replica is the publisher.
    if (publisher.kind === 'facebook') await assertPublisher(deps);
    release = await acquirePublishLease(deps.db, deps.brandSlug, rt.owner ?? deps.writer().actor);
  } catch (error) {
    closePublisher(publisher);
    throw error;
  }
  try {
    const ctx =
      publisher.kind === 'facebook'
        ? { deps, rt, publisher: publisher.publisher, sleep: rt.sleep ?? defaultSleep }
        : undefined;
    return await fn(ctx, publisher);
  } finally {
    closePublisher(publisher);
    await release();
  }
};

/** Reconciles this brand's in-flight and unconfirmed posts (call it at startup, before publishing). */
export const reconcileInFlight = async (deps: ServiceDeps, rt: PublishRuntime = {}): Promise<ReconcileOutcome[]> =>
  withFacebook(deps, rt, async (ctx) => (ctx ? reconcileInFlightLocked(ctx) : []));

const payloadFor = async (
  deps: ServiceDeps,
  post: PostRow,
  scheduledAt: Date | undefined,
): Promise<{ payload: PublishPayload; hash: string }> => {
  const message = await postMessage(deps, post);
  const image = await postImage(deps, post);
  return {
    payload: {
      message,
      image: image ? { data: image.data, filename: image.filename, contentType: image.contentType } : undefined,
      scheduledAt,
    },
    hash: hashText(message),
  };
};

/** Publishes (or natively schedules) one approved post now that its turn has come. */
const publishApproved = async (ctx: Ctx, post: PostRow, when: 'now' | 'native'): Promise<PublishOutcome> => {
  const pause = await pagePause(ctx.deps.db, ctx.publisher.pageId, ctx.deps.clock.now());
  if (pause)
    return outcomeOf(post, 'deferred', {
      pageId: ctx.publisher.pageId,
      reason: `Page paused: ${pause.reason}`,
      retryAt: pause.until,
    });
  const scheduledAt = when === 'native' ? new Date(post.scheduled_at!) : undefined;
  const { payload, hash } = await payloadFor(ctx.deps, post, scheduledAt);
  const pub = await commitIntent(ctx, post, hash, when === 'native' ? 'native' : 'queue');
  return drive(ctx, pub, payload);
};

/** What to do with an approved post at this instant. */
const decide = (post: PostRow, now: Date, force: boolean): 'now' | 'native' | 'wait' | 'queue_fallback' => {
  if (force || !post.scheduled_at) return 'now';
  const at = new Date(post.scheduled_at);
  if (at.getTime() <= now.getTime()) return 'now';
  if (post.publish_mode === 'native') {
    if (nativeEligible(at, now)) return 'native';
    // Closer than Meta's minimum: the queue publishes it at the slot instead.
    if (at.getTime() - now.getTime() < NATIVE_MIN_MS + NATIVE_MARGIN_MS) return 'queue_fallback';
  }
  return 'wait';
};

/**
 * `autoscale publish <id>`: publishes an approved post when due (or at once with `now`),
 * hands it to Meta's scheduler in native mode, publishes a natively scheduled post now
 * (`now`), and reconciles a post left `publishing` or `unconfirmed`. Without credentials (or
 * with `dryRun`) it writes the dry-run record instead.
 */
export const publishPost = async (
  baseDeps: ServiceDeps,
  ref: string,
  options: PublishOptions = {},
  rt: PublishRuntime = {},
): Promise<PublishOutcome> => {
  const found = await resolvePost(baseDeps.db, ref);
  const deps = forBrand(baseDeps, found.brand);
  return withFacebook(
    deps,
    rt,
    async (ctx, publisher) => {
      let post = (await getPost(deps.db, found.id))!;
      if (post.state === 'published' || post.state === 'measured') {
        const live = await livePublication(deps.db, post.id);
        return outcomeOf(post, 'unchanged', live ? fromPublication(live) : {});
      }
      if (post.state === 'publishing' || post.state === 'unconfirmed') {
        if (!ctx) {
          throw new StateError(
            l(
              `Post ${shortId(post.id)} is ${post.state}: it can only be reconciled with Facebook credentials.`,
              `Le post ${shortId(post.id)} est ${post.state} : il ne peut être réconcilié qu’avec les identifiants Facebook.`,
            ),
            {
              code: 'needs_credentials',
              fix: l(
                'Set FACEBOOK_ACCESS_TOKEN and FACEBOOK_PAGE_ID (docs/PUBLISHING.md), then run this again.',
                'Définissez FACEBOOK_ACCESS_TOKEN et FACEBOOK_PAGE_ID (docs/PUBLISHING.md), puis relancez.',
              ),
            },
          );
        }
        const settled = await reconcileInFlightLocked({ ...ctx, deps }).then((r) =>
          r.find((o) => o.postId === post.id),
        );
        post = (await getPost(deps.db, post.id))!;
        if (post.state !== 'approved' || !settled) return settled ?? outcomeOf(post, 'unchanged');
        // Confirmed absent: carry on as an approved post.
      }
      if (post.state === 'scheduled') {
        if (!options.now) {
          const live = await livePublication(deps.db, post.id);
          return outcomeOf(post, 'unchanged', live ? fromPublication(live) : {});
        }
        if (!ctx)
          throw new StateError(
            l(
              `Post ${shortId(post.id)} is scheduled on Facebook; publishing it now needs the credentials.`,
              `Le post ${shortId(post.id)} est programmé sur Facebook; le publier maintenant demande les identifiants.`,
            ),
            { code: 'needs_credentials' },
          );
        return publishScheduledPostNow(ctx, post);
      }
      if (post.state !== 'approved') {
        assertTransition(shortId(post.id), post.state, 'publishing');
      }
      if (!post.chosen_variant_id) await postMessage(deps, post);
      if (!ctx) {
        const reason = publisher.kind === 'dry_run' ? publisher.reason : 'dry run';
        return dryRunPublish(
          deps,
          post,
          reason,
          publisher.kind === 'dry_run' ? publisher.pageId : null,
          options.now === true,
        );
      }
      const now = deps.clock.now();
      const decision = decide(post, now, options.now === true);
      if (decision === 'wait' || decision === 'queue_fallback') {
        if (decision === 'queue_fallback') await switchToQueue(deps, post);
        post = (await getPost(deps.db, post.id))!;
        return outcomeOf(post, 'deferred', {
          pageId: ctx.publisher.pageId,
          retryAt: post.scheduled_at,
          reason:
            decision === 'queue_fallback'
              ? 'slot too near for native scheduling: the queue publishes it at the slot'
              : 'not due yet',
        });
      }
      return publishApproved(ctx, post, decision);
    },
    options.dryRun === true,
  );
};

const switchToQueue = async (deps: ServiceDeps, post: PostRow) => {
  if (post.publish_mode === 'queue') return;
  await immediate(deps.db, async (trx) => {
    const w = deps.writer();
    await patchPost(trx, w, post.id, { publish_mode: 'queue' });
    await recordAudit(trx, w, {
      entity: 'post',
      entityId: post.id,
      action: 'mode_queue',
      reason: 'slot closer than 10 minutes: native scheduling impossible',
    });
  });
};

/** A natively scheduled post published at once: `POST /{post-id}` with is_published=true. */
const publishScheduledPostNow = async (ctx: Ctx, post: PostRow): Promise<PublishOutcome> => {
  const live = await livePublication(ctx.deps.db, post.id);
  if (!live?.fb_post_id)
    throw new StateError(
      l(
        `Post ${shortId(post.id)} is scheduled but has no Facebook id.`,
        `Le post ${shortId(post.id)} est programmé mais sans identifiant Facebook.`,
      ),
      { code: 'no_fb_id' },
    );
  await ctx.publisher.publishNow(live.fb_post_id);
  return immediate(ctx.deps.db, async (trx) => {
    const w = ctx.deps.writer();
    await updatePublication(trx, w, live.id, 'scheduled', { status: 'published', finished_at: w.now });
    if (!(await transitionPost(trx, w, post.id, 'scheduled', 'published', { scheduled_at: w.now })))
      throw concurrent(post.id);
    await recordAudit(trx, w, {
      entity: 'post',
      entityId: post.id,
      action: 'published',
      from: 'scheduled',
      to: 'published',
      reason: 'published now (was scheduled on Facebook)',
      data: { publicationId: live.id, fbPostId: live.fb_post_id },
    });
    return outcomeOf((await getPost(trx, post.id))!, 'published', { ...fromPublication(live), via: 'call' });
  });
};

/**
 * Verifies natively scheduled posts whose time has passed: Meta published them (→ published)
 * or not yet (left as is; a post still unpublished 30 min after its slot raises an alert).
 */
const verifyNativeLocked = async (ctx: Ctx): Promise<PublishOutcome[]> => {
  const now = ctx.deps.clock.now();
  const rows = await scheduledPosts(ctx.deps.db, { brand: ctx.deps.brandSlug, limit: 200 });
  const out: PublishOutcome[] = [];
  for (const post of rows) {
    if (post.state !== 'scheduled' || !post.scheduled_at || new Date(post.scheduled_at).getTime() > now.getTime())
      continue;
    const live = await livePublication(ctx.deps.db, post.id);
    if (!live?.fb_post_id) continue;
    let state: { published: boolean; permalink: string | null };
    try {
      state = await ctx.publisher.isPublished(live.fb_post_id);
    } catch (error) {
      if (isGraphError(error) && error.category === 'invalid') {
        // Deleted on the Page by hand, most likely: people must decide, not the daemon.
        ctx.rt.onEvent?.({
          type: 'alert',
          postId: post.id,
          severity: 'warning',
          message: l(
            `Post ${shortId(post.id)} was scheduled on Facebook as ${live.fb_post_id}, which can no longer be read (${errorText(error)}).`,
            `Le post ${shortId(post.id)} était programmé sur Facebook sous ${live.fb_post_id}, qui n’est plus lisible (${errorText(error)}).`,
          ),
        });
      }
      out.push(outcomeOf(post, 'unchanged', { ...fromPublication(live), reason: errorText(error) }));
      continue;
    }
    if (!state.published) {
      if (now.getTime() - new Date(post.scheduled_at).getTime() > 30 * 60_000) {
        ctx.rt.onEvent?.({
          type: 'alert',
          postId: post.id,
          severity: 'warning',
          message: l(
            `Post ${shortId(post.id)} was scheduled on Facebook for ${post.scheduled_at} and is still not published.`,
            `Le post ${shortId(post.id)} était programmé sur Facebook pour ${post.scheduled_at} et n’est toujours pas publié.`,
          ),
        });
      }
      out.push(outcomeOf(post, 'unchanged', fromPublication(live)));
      continue;
    }
    out.push(
      await immediate(ctx.deps.db, async (trx) => {
        const w = ctx.deps.writer();
        await updatePublication(trx, w, live.id, 'scheduled', {
          status: 'published',
          permalink: state.permalink,
          finished_at: w.now,
        });
        if (!(await transitionPost(trx, w, post.id, 'scheduled', 'published'))) throw concurrent(post.id);
        await recordAudit(trx, w, {
          entity: 'post',
          entityId: post.id,
          action: 'published',
          from: 'scheduled',
          to: 'published',
          reason: 'verified: Meta published the scheduled post',
          data: { publicationId: live.id, fbPostId: live.fb_post_id },
        });
        return outcomeOf((await getPost(trx, post.id))!, 'published', { ...fromPublication(live), via: 'reconcile' });
      }),
    );
  }
  return out;
};

/**
 * Verification only: natively scheduled posts whose time passed are read on the Page and marked
 * published when Meta did it (the daemon's `verify` job; it must not publish anything else, so
 * that due queue posts keep going through their own spaced-out jobs).
 */
export const verifyScheduled = async (deps: ServiceDeps, rt: PublishRuntime = {}): Promise<PublishOutcome[]> =>
  withFacebook(deps, rt, async (ctx) => (ctx ? verifyNativeLocked(ctx) : []));

export interface DueReport {
  dryRun: boolean;
  reason: string | null;
  reconciled: ReconcileOutcome[];
  outcomes: PublishOutcome[];
  verified: PublishOutcome[];
}

/**
 * One publishing pass for a brand (the daemon's tick, and `autoscale publish --due`):
 * reconcile what a crash left, then publish every due queue post, hand native posts to Meta
 * once they are within its 10 min–30 days range, and verify native posts whose time passed.
 */
export const publishDue = async (
  deps: ServiceDeps,
  rt: PublishRuntime = {},
  options: { dryRun?: boolean } = {},
): Promise<DueReport> =>
  withFacebook(
    deps,
    rt,
    async (ctx, publisher) => {
      const report: DueReport = {
        dryRun: !ctx,
        reason: publisher.kind === 'dry_run' ? publisher.reason : null,
        reconciled: [],
        outcomes: [],
        verified: [],
      };
      if (ctx) report.reconciled = await reconcileInFlightLocked(ctx);
      const now = deps.clock.now();
      const approved = (await scheduledPosts(deps.db, { brand: deps.brandSlug, limit: 200 })).filter(
        (p) => p.state === 'approved',
      );
      for (const candidate of approved) {
        const post = (await getPost(deps.db, candidate.id))!;
        if (post.state !== 'approved') continue;
        if (!ctx) {
          if (new Date(post.scheduled_at!).getTime() > now.getTime()) continue;
          // One dry-run record per text and slot: a re-run does not pile up files.
          const last = await latestPublication(deps.db, post.id);
          const hash = hashText(await postMessage(deps, post));
          if (last?.status === 'dry_run' && last.text_hash === hash && last.slot_at === post.scheduled_at) continue;
          report.outcomes.push(
            await dryRunPublish(
              deps,
              post,
              publisher.kind === 'dry_run' ? publisher.reason : 'dry run',
              publisher.kind === 'dry_run' ? publisher.pageId : null,
              false,
            ),
          );
          continue;
        }
        const decision = decide(post, now, false);
        if (decision === 'queue_fallback') {
          await switchToQueue(deps, post);
          continue;
        }
        if (decision === 'wait') continue;
        try {
          report.outcomes.push(await publishApproved(ctx, post, decision));
        } catch (error) {
          // One bad post (missing image...) must not block the others.
          if (!isAutoscaleError(error)) throw error;
          report.outcomes.push(await failBeforeCall(deps, post, errorText(error)));
        }
      }
      if (ctx) report.verified = await verifyNativeLocked(ctx);
      return report;
    },
    options.dryRun === true,
  );

/** A post that cannot even be prepared (no variant, image missing): failed, with the reason. */
const failBeforeCall = async (deps: ServiceDeps, post: PostRow, reason: string): Promise<PublishOutcome> =>
  immediate(deps.db, async (trx) => {
    const w = deps.writer();
    const current = (await getPost(trx, post.id))!;
    if (current.state !== 'approved') return outcomeOf(current, 'unchanged', { reason });
    if (!(await transitionPost(trx, w, post.id, 'approved', 'failed', { failure_reason: reason })))
      throw concurrent(post.id);
    await recordAudit(trx, w, {
      entity: 'post',
      entityId: post.id,
      action: 'publish_failed',
      from: 'approved',
      to: 'failed',
      reason,
    });
    return outcomeOf((await getPost(trx, post.id))!, 'failed', { reason });
  });

/** Moves a natively scheduled post to another time (Meta's 10 min–30 days range). */
export const rescheduleNative = async (
  baseDeps: ServiceDeps,
  ref: string,
  at: Date,
  rt: PublishRuntime = {},
): Promise<PublishOutcome> => {
  const found = await resolvePost(baseDeps.db, ref);
  const deps = forBrand(baseDeps, found.brand);
  if (!nativeEligible(at, deps.clock.now())) {
    throw new UsageError(
      l(
        'Facebook schedules posts 10 minutes to 30 days ahead only.',
        'Facebook ne programme les posts que de 10 minutes à 30 jours à l’avance.',
      ),
      { code: 'native_range' },
    );
  }
  return withFacebook(deps, rt, async (ctx) => {
    const post = (await getPost(deps.db, found.id))!;
    const live = await livePublication(deps.db, post.id);
    if (!ctx || post.state !== 'scheduled' || !live?.fb_post_id) {
      throw new StateError(
        l(
          `Post ${shortId(post.id)} is not scheduled on Facebook.`,
          `Le post ${shortId(post.id)} n’est pas programmé sur Facebook.`,
        ),
        { code: 'not_scheduled' },
      );
    }
    await ctx.publisher.reschedule(live.fb_post_id, at);
    return immediate(deps.db, async (trx) => {
      const w = deps.writer();
      await updatePublication(trx, w, live.id, 'scheduled', { slot_at: at.toISOString() });
      await patchPost(trx, w, post.id, { scheduled_at: at.toISOString(), slot_seed: null });
      await recordAudit(trx, w, {
        entity: 'post',
        entityId: post.id,
        action: 'reschedule',
        data: { from: post.scheduled_at, to: at.toISOString(), fbPostId: live.fb_post_id },
      });
      return outcomeOf((await getPost(trx, post.id))!, 'scheduled', fromPublication(live));
    });
  });
};

/** Deletes a natively scheduled post from the Page; the post goes back to review, without a slot. */
export const cancelNative = async (
  baseDeps: ServiceDeps,
  ref: string,
  rt: PublishRuntime = {},
): Promise<PublishOutcome> => {
  const found = await resolvePost(baseDeps.db, ref);
  const deps = forBrand(baseDeps, found.brand);
  return withFacebook(deps, rt, async (ctx) => {
    const post = (await getPost(deps.db, found.id))!;
    const live = await livePublication(deps.db, post.id);
    if (!ctx || post.state !== 'scheduled' || !live?.fb_post_id) {
      throw new StateError(
        l(
          `Post ${shortId(post.id)} is not scheduled on Facebook.`,
          `Le post ${shortId(post.id)} n’est pas programmé sur Facebook.`,
        ),
        { code: 'not_scheduled' },
      );
    }
    await ctx.publisher.cancel(live.fb_post_id);
    return immediate(deps.db, async (trx) => {
      const w = deps.writer();
      await updatePublication(trx, w, live.id, 'scheduled', { status: 'cancelled', finished_at: w.now });
      // Back to review with no slot: the queue must not publish it at the old time. Two legal
      // steps in one transaction (scheduled → approved → in_review).
      if (!(await transitionPost(trx, w, post.id, 'scheduled', 'approved'))) throw concurrent(post.id);
      if (
        !(await transitionPost(trx, w, post.id, 'approved', 'in_review', {
          scheduled_at: null,
          slot_seed: null,
          publish_mode: null,
        }))
      )
        throw concurrent(post.id);
      await recordAudit(trx, w, {
        entity: 'post',
        entityId: post.id,
        action: 'cancel_scheduled',
        from: 'scheduled',
        to: 'in_review',
        data: { fbPostId: live.fb_post_id },
      });
      return outcomeOf((await getPost(trx, post.id))!, 'unchanged', fromPublication(live));
    });
  });
};

/**
 * The earliest moment this brand has publishing work (the daemon sleeps until then). It can be
 * in the past (overdue work); a paused Page moves it to the end of the pause. `unconfirmed`
 * posts are not counted: every pass retries them, the daemon's regular tick is enough.
 */
export const nextDueAt = async (deps: ServiceDeps): Promise<Date | undefined> => {
  const rows = await scheduledPosts(deps.db, { brand: deps.brandSlug, limit: 200 });
  let best: number | undefined;
  for (const p of rows) {
    if (!p.scheduled_at || p.state === 'unconfirmed') continue;
    const at = new Date(p.scheduled_at).getTime();
    // Native posts are due when they enter Meta's range (30 days ahead), queue posts at the slot.
    const due =
      p.state === 'approved'
        ? p.publish_mode === 'native'
          ? Math.min(at, Math.max(at - NATIVE_MAX_MS, 0))
          : at
        : p.state === 'scheduled'
          ? at
          : 0;
    best = best === undefined ? due : Math.min(best, due);
  }
  if (best === undefined) return undefined;
  const found = facebookCredentials(deps);
  if (found.ok) {
    const pause = await pagePause(deps.db, found.credentials.pageId, deps.clock.now());
    if (pause) best = Math.max(best, new Date(pause.until).getTime());
  }
  return new Date(best);
};

export interface ScheduleEntry {
  id: string;
  shortId: string;
  brand: string;
  state: string;
  scheduledAt: string;
  local: string;
  mode: PublishMode | string | null;
  /** What will happen: Meta holds it, the queue publishes it, or a dry-run file is written. */
  handling: 'meta_holds' | 'native_when_in_range' | 'queue' | 'queue_overdue' | 'dry_run' | 'in_flight' | 'unconfirmed';
  fbPostId: string | null;
}

/** `autoscale schedule`: upcoming and overdue slots with their mode and state. */
export const scheduleOverview = async (
  deps: ServiceDeps,
  options: { allBrands?: boolean } = {},
): Promise<{ timeZone: string; dryRun: boolean; entries: ScheduleEntry[] }> => {
  const now = deps.clock.now();
  const rows = await scheduledPosts(deps.db, { brand: options.allBrands ? undefined : deps.brandSlug, limit: 200 });
  const entries: ScheduleEntry[] = [];
  const dryByBrand = new Map<string, boolean>();
  for (const p of rows) {
    const bd = forBrand(deps, p.brand);
    if (!dryByBrand.has(p.brand)) dryByBrand.set(p.brand, !facebookCredentials(bd).ok);
    const at = new Date(p.scheduled_at!);
    const live = p.state === 'scheduled' ? await livePublication(deps.db, p.id) : undefined;
    let handling: ScheduleEntry['handling'];
    if (p.state === 'scheduled') handling = 'meta_holds';
    else if (p.state === 'publishing') handling = 'in_flight';
    else if (p.state === 'unconfirmed') handling = 'unconfirmed';
    else if (dryByBrand.get(p.brand)) handling = 'dry_run';
    else if (p.publish_mode === 'native' && at.getTime() - now.getTime() >= NATIVE_MIN_MS + NATIVE_MARGIN_MS)
      handling = 'native_when_in_range';
    else handling = at.getTime() <= now.getTime() ? 'queue_overdue' : 'queue';
    entries.push({
      id: p.id,
      shortId: shortId(p.id),
      brand: p.brand,
      state: p.state,
      scheduledAt: p.scheduled_at!,
      local: formatLocal(at, bd.brand.timezone),
      mode: p.publish_mode,
      handling,
      fbPostId: live?.fb_post_id ?? null,
    });
  }
  return {
    timeZone: deps.brand.timezone,
    dryRun: dryByBrand.get(deps.brandSlug) ?? !facebookCredentials(deps).ok,
    entries,
  };
};
