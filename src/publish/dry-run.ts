import { ensurePrivateDir, writeFileAtomic } from '../fs/private-files.js';
import { join } from 'node:path';
import type { ServiceDeps } from '../deps/service-deps.js';
import { hashText } from '../domain/random.js';
import { formatLocal, localDate } from '../domain/time.js';
import { recordAudit } from '../store/audit-repo.js';
import { shortId } from '../store/ids.js';
import { concurrentChange } from '../store/post-lookup.js';
import { getPost } from '../store/posts-repo.js';
import { insertPublication, latestPublication, updatePublication } from '../store/publications-repo.js';
import { immediate } from '../store/tx.js';
import { nativeEligible } from '../domain/publish-mode.js';
import { errorText, outcomeOf, type PublishOutcome } from './outcome.js';
import { brandLang } from '../config/lang.js';
import { decodeLocalized } from '../i18n/stored.js';
import { DRY_RUN_NOTE } from './messages.js';
import { postImage, postMessage, withFollowedImage } from './post-content.js';
import type { Post } from '../domain/post.js';

/**
 * Writes what would be posted (text, image, time, Page) to <home>/dry-run and records a
 * `dry_run` publication. The post keeps its state: nothing pretends it reached Facebook.
 */
export const dryRunPublish = async (
  deps: ServiceDeps,
  post: Post,
  reason: string,
  pageId: string | null,
  immediateNow: boolean,
): Promise<PublishOutcome> => {
  post = await withFollowedImage(deps, post);
  // The record is read by people: in the brand's language.
  const lang = brandLang(deps.brand);
  const message = await postMessage(deps, post);
  const image = await postImage(deps, post).catch((e: unknown) => ({ error: errorText(e) }));
  const now = deps.clock.now();
  const at = immediateNow || !post.scheduledAt ? now : new Date(post.scheduledAt);
  const mode = immediateNow ? 'now' : nativeEligible(at, now) && post.publishMode === 'native' ? 'native' : 'queue';
  ensurePrivateDir(deps.paths.outbox);
  return immediate(deps.db, async (trx) => {
    const w = deps.writer();
    const current = await getPost(trx, post.id);
    if (!current || current.state !== post.state) throw concurrentChange(post.id);
    const pub = await insertPublication(trx, w, {
      postId: post.id,
      brand: post.brand,
      pageId,
      mode,
      status: 'dry_run',
      textHash: hashText(message),
      slotAt: post.scheduledAt,
    });
    const file = join(
      deps.paths.outbox,
      `${localDate(at, deps.brand.timezone)}-${shortId(post.id)}-a${pub.attemptNo}.json`,
    );
    const record = {
      dryRun: true,
      note: DRY_RUN_NOTE[lang],
      reason: decodeLocalized(reason)[lang],
      brand: post.brand,
      page: pageId,
      postId: post.id,
      attempt: pub.attemptNo,
      mode,
      publishAt: at.toISOString(),
      publishAtLocal: `${formatLocal(at, deps.brand.timezone)} ${deps.brand.timezone}`,
      slot: post.scheduledAt,
      endpoint:
        image && !('error' in image)
          ? `POST /${pageId ?? '{page-id}'}/photos (multipart source + caption)`
          : `POST /${pageId ?? '{page-id}'}/feed (message)`,
      text: message,
      textHash: pub.textHash,
      image: image
        ? 'error' in image
          ? { error: image.error }
          : { path: image.path, bytes: image.data.length, contentType: image.contentType }
        : null,
      writtenAt: now.toISOString(),
    };
    // Written via a temp file and rename: a crash or a full disk never leaves half a JSON file.
    writeFileAtomic(file, `${JSON.stringify(record, null, 2)}\n`);
    await updatePublication(trx, w, pub.id, 'dry_run', { dryRunPath: file });
    await recordAudit(trx, w, {
      entity: 'publication',
      entityId: pub.id,
      action: 'publish_dry_run',
      reason,
      data: { postId: post.id, attempt: pub.attemptNo, file, mode },
    });
    return outcomeOf(post, 'dry_run', { pageId, attempt: pub.attemptNo, dryRunPath: file, reason, mode });
  });
};

/** One dry-run record per text and slot: a re-run does not pile up files. */
export const alreadyDryRun = async (deps: ServiceDeps, post: Post): Promise<boolean> => {
  const last = await latestPublication(deps.db, post.id);
  const hash = hashText(await postMessage(deps, post));
  return last?.status === 'dry_run' && last.textHash === hash && last.slotAt === post.scheduledAt;
};
