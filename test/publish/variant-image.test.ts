import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphFake, type GraphFake } from '../fakes/graph-fake.js';
import { runCliCollect, tempHome } from '../helpers/cli.js';
import { confirmedInitArgs } from '../helpers/profile.js';

// The picture that goes out belongs to the approved variant: approving variant 3 (or editing its
// headline afterwards) sets variant 3's headline on the picture before the slot, and the bytes
// Facebook receives are the image the store shows.

const NOW = '2026-12-01T12:00:00Z';
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

let home: ReturnType<typeof tempHome>;
let fake: GraphFake;
let fbEnv: Record<string, string>;

const cli = (args: string[], env: Record<string, string> = {}) => runCliCollect(['--now', NOW, ...args], home.dir, env);
/** multipart/form-data sends line breaks as CRLF (HTML form encoding). */
const sentWith = (text: string) => fake.posts.find((post) => post.message.replace(/\r\n/g, '\n') === text);
const show = async (id: string) => JSON.parse((await cli(['show', id, '--json'])).stdout);

beforeAll(async () => {
  home = tempHome();
  fake = await startGraphFake();
  fbEnv = { FACEBOOK_ACCESS_TOKEN: fake.token, FACEBOOK_PAGE_ID: fake.pageId, FACEBOOK_GRAPH_URL: fake.url };
  expect((await cli(['init', '--yes', ...confirmedInitArgs()])).code).toBe(0);
});
afterAll(async () => {
  await fake.close();
  home.cleanup();
});

describe('the published image follows the approved variant', () => {
  it('approve --variant 3, then publish: Facebook receives the image the store shows for variant 3', async () => {
    const g = await cli(['generate', '--type', 'case_study', '--json']);
    expect(g.code, g.stderr).toBe(0);
    const id = JSON.parse(g.stdout).shortId as string;
    // Variant 3 gets a headline of its own (the offline writer may give the variants one headline).
    const drafted = (await show(id)).variants.find((v: { index: number }) => v.index === 3);
    const e = await cli([
      'edit',
      id,
      '--variant',
      '3',
      '--text',
      drafted.text,
      '--headline',
      'Plus un appel perdu au garage',
    ]);
    expect(e.code, e.stderr).toBe(0);
    const before = await show(id);
    const v1 = before.variants.find((v: { index: number }) => v.index === 1);
    const v3 = before.variants.find((v: { index: number }) => v.index === 3);
    expect(before.image.variant).toBe(1);
    expect(v3.headline).not.toBe(v1.headline);

    const a = await cli(['approve', id, '--variant', '3', '--mode', 'queue', '--at', '2026-12-02 14:00', '--json']);
    expect(a.code, a.stderr).toBe(0);
    expect(JSON.parse(a.stdout).image).toMatchObject({ changed: true });

    const approved = await show(id);
    expect(approved.image.variant).toBe(3);
    expect(approved.image.headline.replace(/[\u00a0\u202f]/g, ' ')).toBe(v3.headline.replace(/[\u00a0\u202f]/g, ' '));
    expect(approved.image.sha256).not.toBe(before.image.sha256);
    expect(sha(approved.image.path)).toBe(approved.image.sha256);

    const p = await cli(['publish', id, '--now', '--json'], fbEnv);
    expect(p.code, p.stderr).toBe(0);
    expect(JSON.parse(p.stdout)).toMatchObject({ action: 'published' });
    const sent = sentWith(v3.text);
    expect(sent?.image?.sha256).toBe(approved.image.sha256);
    expect(sent?.image?.sha256).not.toBe(before.image.sha256);

    // `show` says where and when it went out: the moment of `publish --now`, not the slot.
    const published = await show(id);
    expect(published.publication).toMatchObject({
      status: 'published',
      fbPostId: sent!.id,
      slotAt: '2026-12-02T19:00:00.000Z',
      publishedAt: '2026-12-01T12:00:00.000Z',
    });
    const text = (await cli(['show', id])).stdout;
    expect(text).toContain(`Facebook: ${sent!.id}`);
    expect(text).toContain('Published: Tuesday, December 1, 7:00\u00a0a.m. (America/Toronto) · queue');
    const exported = JSON.parse((await cli(['export', '--format', 'json'])).stdout);
    expect(exported.posts.find((p: { id: string }) => p.id === published.id).published_at).toBe(
      '2026-12-01T12:00:00.000Z',
    );

    // Once published, `image <id>` shows the picture that went out (no "Making the image", exit 0).
    const img = await cli(['image', id, '--json']);
    expect(img.code, img.stderr).toBe(0);
    expect(JSON.parse(img.stdout)).toMatchObject({ sha256: approved.image.sha256, unchanged: true });
    expect(img.stderr).not.toMatch(/Making the image/);
    const again = await cli(['image', id, '--regenerate']);
    expect(again.code).toBe(5);
  });

  it('an edit of the approved variant’s headline is on the picture that goes out', async () => {
    const g = await cli(['generate', '--type', 'tip', '--json', '--date', '2026-12-03']);
    const id = JSON.parse(g.stdout).shortId as string;
    expect((await cli(['approve', id, '--variant', '2', '--mode', 'queue', '--at', '2026-12-03 14:00'])).code).toBe(0);
    const approved = await show(id);
    const v2 = approved.variants.find((v: { index: number }) => v.index === 2);
    const e = await cli([
      'edit',
      id,
      '--variant',
      '2',
      '--text',
      v2.text,
      '--headline',
      'Un titre revu avant la publication',
    ]);
    expect(e.code, e.stderr).toBe(0);
    const edited = await show(id);
    expect(edited.image.headline).toBe('Un titre revu avant la publication');
    expect(edited.image.sha256).not.toBe(approved.image.sha256);

    const p = await cli(['publish', id, '--now', '--json'], fbEnv);
    expect(p.code, p.stderr).toBe(0);
    const sent = sentWith(v2.text);
    expect(sent?.image?.sha256).toBe(edited.image.sha256);
  });
});
