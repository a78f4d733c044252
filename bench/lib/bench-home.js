// Builds a throwaway home with approved posts, using the built code (dist/).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveHome } from '../../dist/src/config/home.js';
import { saveConfig } from '../../dist/src/config/load.js';
import { loadEnvironment } from '../../dist/src/config/secrets.js';
import { buildInitialConfig } from '../../dist/src/services/init-service.js';
import { openDatabase } from '../../dist/src/store/database.js';
import { newId } from '../../dist/src/store/ids.js';
import { insertImage } from '../../dist/src/store/images-repo.js';
import { insertPost, transitionPost } from '../../dist/src/store/posts-repo.js';
import { insertVariant } from '../../dist/src/store/variants-repo.js';

export const benchHome = async (graph, facebook = {}) => {
  const home = mkdtempSync(join(tmpdir(), 'autoscale-bench-'));
  const paths = resolveHome(home, {});
  const config = buildInitialConfig({});
  config.facebook = { ...config.facebook, settleMs: 200, ...facebook };
  saveConfig(paths.config, config);
  const opened = await openDatabase(paths.database);
  const env = loadEnvironment(paths.env, {
    FACEBOOK_ACCESS_TOKEN: graph.token,
    FACEBOOK_PAGE_ID: graph.pageId,
    FACEBOOK_GRAPH_URL: graph.url,
  });
  const deps = {
    db: opened.db,
    config,
    brandSlug: config.currentBrand,
    brand: config.brands[config.currentBrand],
    clock: { now: () => new Date() },
    env,
    paths,
    writer: () => ({ now: new Date().toISOString(), actor: 'bench@local', replica: 'bench' }),
  };
  return { home, deps, opened };
};

export const addApproved = async (deps, { text, at, image = false }) => {
  const w = deps.writer();
  const id = newId();
  await insertPost(deps.db, w, {
    id,
    brand: deps.brandSlug,
    contentType: 'tip',
    topic: null,
    targetDate: at.slice(0, 10),
    state: 'in_review',
  });
  const variantId = await insertVariant(deps.db, w, {
    postId: id,
    idx: 1,
    style: 'professional',
    text,
    headline: 'h',
    promptVersion: 'bench',
    provider: 'offline',
    model: 'bench',
  });
  let imageId = null;
  if (image) {
    imageId = newId();
    mkdirSync(deps.paths.media, { recursive: true });
    const rel = `${id}.png`;
    const data = Buffer.alloc(200_000, 3);
    writeFileSync(join(deps.paths.media, rel), data);
    await insertImage(deps.db, w, {
      id: imageId,
      postId: id,
      variantId,
      kind: 'card',
      sha256: 'x',
      path: rel,
      format: 'png',
      width: 1200,
      height: 630,
      bytes: data.length,
      originalSha256: null,
      originalPath: null,
      provider: 'offline',
      model: null,
      prompt: null,
      headline: 'h',
      costUsd: 0,
      createdAt: w.now,
    });
  }
  await transitionPost(deps.db, w, id, 'in_review', 'approved', {
    chosenVariantId: variantId,
    scheduledAt: at,
    publishMode: 'queue',
    imageId,
  });
  return id;
};
