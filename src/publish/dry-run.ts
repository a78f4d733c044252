import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceDeps } from '../deps/service-deps.js';
import { hashText } from '../domain/random.js';
import { formatLocal, localDate } from '../domain/time.js';
import { recordAudit } from '../store/audit-repo.js';
import { shortId } from '../store/ids.js';
import { concurrentChange } from '../store/post-lookup.js';
import { getPost, type PostRow } from '../store/posts-repo.js';
import { insertPublication, latestPublication, updatePublication } from '../store/publications-repo.js';
import { immediate } from '../store/tx.js';
import { nativeEligible } from '../domain/publish-mode.js';
import { errorText, outcomeOf, type PublishOutcome } from './outcome.js';
import { brandLang } from '../config/lang.js';
import { decodeLocalized } from '../i18n/stored.js';
import { DRY_RUN_NOTE } from './messages.js';
import { postImage, postMessage } from './post-content.js';

/**
 * Writes what would be posted (text, image, time, Page) to <home>/dry-run and records a
 * `dry_run` publication. The post keeps its state: nothing pretends it reached Facebook.
 */
export const dryRunPublish = async (
  deps: ServiceDeps,
  post: PostRow,
  reason: string,
  pageId: string | null,
  immediateNow: boolean,
): Promise<PublishOutcome> => {
  // The record is read by people: in the brand's language.
  const lang = brandLang(deps.brand);
  const message = await postMessage(deps, post);
  const image = await postImage(deps, post).catch((e: unknown) => ({ error: errorText(e) }));
  const now = deps.clock.now();
  const at = immediateNow || !post.scheduled_at ? now : new Date(post.scheduled_at);
  const mode = immediateNow ? 'now' : nativeEligible(at, now) && post.publish_mode === 'native' ? 'native' : 'queue';
  mkdirSync(deps.paths.outbox, { recursive: true });
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
      slotAt: post.scheduled_at,
    });
    const file = join(
      deps.paths.outbox,
      `${localDate(at, deps.brand.timezone)}-${shortId(post.id)}-a${pub.attempt_no}.json`,
    );
    const record = {
      dryRun: true,
      note: DRY_RUN_NOTE[lang],
      reason: decodeLocalized(reason)[lang],
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

/** One dry-run record per text and slot: a re-run does not pile up files. */
export const alreadyDryRun = async (deps: ServiceDeps, post: PostRow): Promise<boolean> => {
  const last = await latestPublication(deps.db, post.id);
  const hash = hashText(await postMessage(deps, post));
  return last?.status === 'dry_run' && last.text_hash === hash && last.slot_at === post.scheduled_at;
};
