import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ideasList } from '../../src/plan/ideas-service.js';
import { getPost } from '../../src/store/posts-repo.js';
import { variantsForPost } from '../../src/store/variants-repo.js';
import type { TestStore } from '../helpers/store.js';
import { approvalStore, draft } from '../approval/fixtures.js';
import { linkFor, open, postForm, serve, type Served } from '../approval/server-helpers.js';

let store: TestStore;
let served: Served;

beforeEach(async () => {
  store = await approvalStore({}, (c) => {
    c.approval.rateLimitPerMinute = 1000;
  });
  served = await serve(store);
});

afterEach(async () => {
  await served.server.close();
  await store.close();
});

describe('an idea from the review page', () => {
  it('keeps a rejected variant’s angle in the ideas inbox, once, when the reviewer asks', async () => {
    const id = await draft(store);
    const link = await linkFor(store, served, id);
    const { html, cookie, csrf } = await open(link.url);
    expect(html).toContain('<select name="idea" id="idea">');
    expect(html).toContain('L’angle de la variante 2, dans la boîte à idées');
    const r = await postForm(`${link.url}/reject`, { csrf, lang: 'fr', reason: 'Trop vendeur', idea: '2' }, { cookie });
    expect(r.status).toBe(200);
    const page = await r.text();
    expect(page).toMatch(/L’angle de la variante 2 est dans la boîte à idées \([0-9a-f]{8}\)/);
    expect((await getPost(store.deps.db, id))?.state).toBe('rejected');
    const v2 = (await variantsForPost(store.deps.db, id)).find((v) => v.idx === 2)!;
    const ideas = await ideasList(store.deps, true);
    expect(ideas).toHaveLength(1);
    expect(ideas[0]).toMatchObject({ origin: 'page', status: 'open', contentType: 'case_study' });
    expect(ideas[0]!.text.startsWith(v2.headline)).toBe(true);
  });

  it('keeps nothing when the reviewer leaves the choice on No', async () => {
    const id = await draft(store);
    const link = await linkFor(store, served, id);
    const { cookie, csrf } = await open(link.url);
    const r = await postForm(`${link.url}/reject`, { csrf, lang: 'fr', reason: 'Pas pour nous', idea: '' }, { cookie });
    expect(r.status).toBe(200);
    expect(await r.text()).not.toContain('boîte à idées');
    expect(await ideasList(store.deps, true)).toHaveLength(0);
  });
});
