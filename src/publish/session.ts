import type { ServiceDeps } from '../deps/service-deps.js';
import type { Localized } from '../i18n/localized.js';
import { facebookPageId, openFacebookPublisher } from '../platforms/facebook/publisher.js';
import type { PlatformPublisher } from '../platforms/platform-publisher.js';
import { assertPublisher } from '../sync/lease.js';
import { acquirePublishLease } from './lease.js';
import type { PublishRuntime } from './outcome.js';
import { encodeLocalized } from '../i18n/stored.js';
import { REASONS } from './messages.js';

/** What every step of a live publishing pass works with. */
export interface PublishContext {
  deps: ServiceDeps;
  rt: PublishRuntime;
  publisher: PlatformPublisher;
  sleep: (ms: number) => Promise<void>;
}

export type Publisher =
  | { kind: 'live'; publisher: PlatformPublisher; owned: boolean }
  | { kind: 'dry_run'; reason: string; pageId: string | null };

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export const note = (ctx: PublishContext, message: Localized): void => ctx.rt.onEvent?.({ type: 'note', message });

/** The deps of the post's own brand (its Page, window and token), whatever --brand says. */
export const forBrand = (deps: ServiceDeps, brandSlug: string): ServiceDeps => {
  const brand = deps.config.brands[brandSlug];
  return brand ? { ...deps, brandSlug, brand } : deps;
};

/** The Facebook publisher when the brand has a token and a Page id, else the dry-run one. */
export const openPublisher = (deps: ServiceDeps, rt: PublishRuntime = {}, dryRun = false): Publisher => {
  if (dryRun) return { kind: 'dry_run', reason: encodeLocalized(REASONS.dryRunFlag), pageId: facebookPageId(deps) };
  if (rt.publisher) return { kind: 'live', publisher: rt.publisher, owned: false };
  const opened = openFacebookPublisher(deps, (message) => rt.onEvent?.({ type: 'note', message }));
  if (!opened.ok)
    return {
      kind: 'dry_run',
      reason: encodeLocalized(REASONS.missing(opened.missing.join(' / '))),
      pageId: opened.pageId,
    };
  return { kind: 'live', publisher: opened.publisher, owned: true };
};

const closePublisher = (p: Publisher) => {
  if (p.kind === 'live' && p.owned) p.publisher.close();
};

/**
 * Runs `fn` as this brand's only publisher: across machines (with a sync hub, only the replica
 * holding the publisher lease talks to the platform) and on this store (the local publish
 * lease). `fn` gets no context when the pass is a dry run.
 */
export const withPublisher = async <T>(
  deps: ServiceDeps,
  rt: PublishRuntime,
  fn: (ctx: PublishContext | undefined, p: Publisher) => Promise<T>,
  dryRun = false,
): Promise<T> => {
  const publisher = openPublisher(deps, rt, dryRun);
  let release: () => Promise<void>;
  try {
    // Across machines: with a sync hub configured, only the replica holding the publisher lease
    // talks to the platform (refuses with the holder's name). Without a hub this replica is the publisher.
    if (publisher.kind === 'live') await assertPublisher(deps);
    release = await acquirePublishLease(deps.db, deps.brandSlug, rt.owner ?? deps.writer().actor);
  } catch (error) {
    closePublisher(publisher);
    throw error;
  }
  try {
    const ctx =
      publisher.kind === 'live'
        ? { deps, rt, publisher: publisher.publisher, sleep: rt.sleep ?? defaultSleep }
        : undefined;
    return await fn(ctx, publisher);
  } finally {
    closePublisher(publisher);
    await release();
  }
};

/** What a dry run says about itself: why it is one, and the Page it would have used. */
export const dryRunInfo = (p: Publisher): { reason: string; pageId: string | null } =>
  p.kind === 'dry_run'
    ? { reason: p.reason, pageId: p.pageId }
    : { reason: encodeLocalized(REASONS.dryRun), pageId: null };
