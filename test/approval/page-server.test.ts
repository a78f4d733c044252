import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makePostImage } from '../../src/images/image-service.js';
import { getPost } from '../../src/store/posts-repo.js';
import { signedMediaUrl, signingKey } from '../../src/approval/links.js';
import { imageForPost } from '../../src/store/images-repo.js';
import type { TestStore } from '../helpers/store.js';
import { draft } from './fixtures.js';
import { closeServed, linkFor, open, postForm, serve, servedApprovalStore, type Served } from './server-helpers.js';

let store: TestStore;
let served: Served;

beforeEach(async () => {
  ({ store, served } = await servedApprovalStore());
});

afterEach(() => closeServed({ store, served }));

describe('review page server', () => {
  it('sends the security headers and no token in its logs', async () => {
    const id = await draft(store);
    const link = await linkFor(store, served, id);
    const { r } = await open(link.url);
    expect(r.status).toBe(200);
    const csp = r.headers.get('content-security-policy')!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
    const logs = JSON.stringify(served.logs);
    expect(logs).toContain(link.linkId);
    expect(logs).not.toContain(link.token);
    expect(logs).not.toContain(link.token.split('.')[1]!);
  });

  it('refuses a form without the CSRF token, from another site, or with the wrong content type', async () => {
    const id = await draft(store);
    const link = await linkFor(store, served, id);
    const { cookie, csrf } = await open(link.url);
    expect((await postForm(`${link.url}/approve`, { variant: '1' }, { cookie })).status).toBe(403);
    expect(
      (await postForm(`${link.url}/approve`, { variant: '1', csrf: csrf.slice(0, -2) + 'xx' }, { cookie })).status,
    ).toBe(403);
    expect((await postForm(`${link.url}/approve`, { variant: '1', csrf }, {})).status).toBe(403);
    const other = await postForm(
      `${link.url}/approve`,
      { variant: '1', csrf },
      { cookie, origin: 'https://evil.example' },
    );
    expect(other.status).toBe(403);
    const json = await fetch(`${link.url}/approve`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: '{}',
    });
    expect(json.status).toBe(415);
    expect((await getPost(store.deps.db, id))!.state).toBe('in_review');
    // …and the link still works once the form is right.
    const ok = await postForm(`${link.url}/approve`, { variant: '1', slot: 'drawn', csrf }, { cookie });
    expect(ok.status).toBe(200);
    expect((await getPost(store.deps.db, id))!.state).toBe('approved');
  });

  it('rate limits per client address', async () => {
    store.deps.config.approval.rateLimitPerMinute = 5;
    await served.server.close();
    served = await serve(store);
    const codes = [];
    for (let i = 0; i < 7; i += 1) codes.push((await fetch(`${served.url}/r/x`)).status);
    expect(codes.slice(0, 5).every((c) => c === 404)).toBe(true);
    expect(codes.slice(5)).toEqual([429, 429]);
  });

  it('serves signed expiring media and nothing else', async () => {
    const id = await draft(store);
    await makePostImage(store.deps, id, {});
    const image = (await imageForPost(store.deps.db, (await getPost(store.deps.db, id))!))!;
    const key = signingKey(store.deps.env);
    const url = signedMediaUrl(key, {
      publicUrl: served.url,
      sha256: image.sha256,
      ext: 'png',
      expiresAt: new Date(store.deps.clock.now().getTime() + 600_000),
    });
    const r = await fetch(url);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await r.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    const sig = /\.([A-Za-z0-9_-]+)\.png$/.exec(url)![1]!;
    const forged = url.replace(`.${sig}.png`, `.${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}.png`);
    expect((await fetch(forged)).status).toBe(404);
    store.clock.set('2026-12-01T15:11:00Z');
    expect((await fetch(url)).status).toBe(410);
  });
});
