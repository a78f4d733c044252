import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getPost } from '../../src/store/posts-repo.js';
import { variantsForPost } from '../../src/store/variants-repo.js';
import type { TestStore } from '../helpers/store.js';
import { draft } from './fixtures.js';
import { closeServed, linkFor, open, postForm, servedApprovalStore, type Served } from './server-helpers.js';

/**
 * Issue 21: the review page is an approval channel like the CLI and the studio: it asks the
 * same approval service, so a text unfit for the Page (a NUL, a bidi override) is neither
 * approved nor saved from it, and the reviewer is told why.
 */
let store: TestStore;
let served: Served;

beforeEach(async () => {
  ({ store, served } = await servedApprovalStore());
});

afterEach(() => closeServed({ store, served }));

describe('the review page refuses text unfit for the Page', () => {
  it('does not approve a stored text with a NUL (an old row, another replica)', async () => {
    const id = await draft(store);
    const variant = (await variantsForPost(store.deps.db, id)).find((v) => v.idx === 1)!;
    await sql`UPDATE variant_versions SET text = ${`${variant.text}\u0000`} WHERE variant_id = ${variant.id}`.execute(
      store.deps.db,
    );
    const link = await linkFor(store, served, id);
    const { cookie, csrf } = await open(link.url);
    const r = await postForm(`${link.url}/approve`, { variant: '1', slot: 'drawn', csrf }, { cookie });
    expect(r.status).toBe(422);
    expect(await r.text()).toMatch(/U\+0000 NUL/);
    expect((await getPost(store.deps.db, id))!.state).toBe('in_review');
  });

  it('does not save an edit with a bidirectional override', async () => {
    const id = await draft(store);
    const before = (await variantsForPost(store.deps.db, id)).find((v) => v.idx === 1)!;
    const link = await linkFor(store, served, id);
    const { cookie, csrf } = await open(link.url);
    const text = 'Prix : \u202E001 $\u202C par mois, réponse à chaque appel. Écrivez-nous pour une démo.';
    const r = await postForm(`${link.url}/edit`, { variant: '1', text, csrf }, { cookie });
    expect(r.status).toBe(422);
    expect(await r.text()).toMatch(/U\+202E/);
    const after = (await variantsForPost(store.deps.db, id)).find((v) => v.idx === 1)!;
    expect(after.currentVersionNo).toBe(before.currentVersionNo);
    expect(after.text).toBe(before.text);
  });

  it('refuses an edit longer than the form takes instead of cutting it', async () => {
    const id = await draft(store);
    const before = (await variantsForPost(store.deps.db, id)).find((v) => v.idx === 1)!;
    const link = await linkFor(store, served, id);
    const { cookie, csrf } = await open(link.url);
    const text = `${'Une clinique de Laval répond à chaque appel. '.repeat(120)}Écrivez-nous.`;
    const r = await postForm(`${link.url}/edit`, { variant: '1', text, csrf }, { cookie });
    expect(r.status).toBe(422);
    expect(await r.text()).toMatch(/5[\s\u202f\u00a0]000 caractères au plus|texts up to 5,000/);
    const after = (await variantsForPost(store.deps.db, id)).find((v) => v.idx === 1)!;
    expect(after.currentVersionNo).toBe(before.currentVersionNo);
  });
});
