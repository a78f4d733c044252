import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLinkedinClient, type LinkedinClient } from '../../../src/platforms/linkedin/client.js';
import { isLinkedinError, type LinkedinError } from '../../../src/platforms/linkedin/errors.js';
import { uploadImage } from '../../../src/platforms/linkedin/images.js';
import {
  decodeLittleText,
  escapeLittleText,
  littleTextReaderView,
} from '../../../src/platforms/linkedin/little-text.js';
import { linkedinTokens, tokenReminders, type LinkedinTokens } from '../../../src/platforms/linkedin/oauth.js';
import { createOrganizationPost, getPost, listPostsByAuthor } from '../../../src/platforms/linkedin/posts.js';
import { fetchShareStatistics } from '../../../src/platforms/linkedin/stats.js';
import { startLinkedinFake, type LiFake } from '../../fakes/linkedin-fake.js';

/** The real LinkedIn client against the loopback LinkedIn fake. */

let fake: LiFake;
let dir: string;
let jpeg: Buffer;

const tokensFor = (envAccessToken = fake.accessToken, refresh = true): LinkedinTokens =>
  linkedinTokens({
    envAccessToken,
    envRefreshToken: refresh ? fake.refreshToken : undefined,
    clientId: fake.clientId,
    clientSecret: fake.clientSecret,
    tokenUrl: `${fake.url}/oauth/v2/accessToken`,
    introspectUrl: `${fake.url}/oauth/v2/introspectToken`,
    storePath: join(dir, 'linkedin-token.json'),
    timeoutMs: 2_000,
  });

const clientFor = (tokens: LinkedinTokens, version = '202609', timeoutMs = 2_000): LinkedinClient =>
  createLinkedinClient({
    baseUrl: fake.url,
    version,
    accessToken: () => tokens.current(),
    refresh: () => tokens.refresh(),
    timeoutMs,
    uploadTimeoutMs: timeoutMs,
    retries: 1,
    retryMinMs: 1,
  });

const expectLi = async (p: Promise<unknown>): Promise<LinkedinError> => {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isLinkedinError(error), String(error)).toBe(true);
  return error as LinkedinError;
};

const upload = (c: LinkedinClient) =>
  uploadImage(
    c,
    fake.organizationUrn,
    { data: jpeg, contentType: 'image/jpeg' },
    { pollMs: 1, timeoutMs: 2_000, sleep: async () => {} },
  );

beforeAll(async () => {
  jpeg = await sharp({ create: { width: 1200, height: 627, channels: 3, background: '#0B3D91' } })
    .jpeg()
    .toBuffer();
});
afterEach(async () => {
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const setup = async () => {
  fake = await startLinkedinFake();
  dir = mkdtempSync(join(tmpdir(), 'li-'));
};

describe('LinkedIn little text', () => {
  const TEXT =
    'Résultat (mesuré sur 3 mois) : [27 appels] captés_le_soir, 100 % > prévu < attendu | *vrai* ~ {fin} \\ ok. Merci @[AutoScale AI](urn:li:organization:2414183) ! #PMEQuébec #ServiceClient C# page#2';

  it('escapes every reserved character but deliberate hashtags and mentions, and decodes back', () => {
    const escaped = escapeLittleText(TEXT);
    expect(escaped).toContain('\\(mesuré');
    expect(escaped).toContain('\\[27 appels\\]');
    expect(escaped).toContain('captés\\_le\\_soir');
    expect(escaped).toContain(' #PMEQuébec #ServiceClient');
    expect(escaped).toContain('@[AutoScale AI](urn:li:organization:2414183)');
    expect(escaped).toContain('C\\# page\\#2');
    expect(decodeLittleText(escaped)).toBe(TEXT);
    expect(littleTextReaderView(escaped)).toContain('Merci AutoScale AI !');
  });

  it('publishes a commentary with parentheses, brackets, underscores, hashtags and a mention, and reads it back whole', async () => {
    await setup();
    const c = clientFor(tokensFor());
    const image = await upload(c);
    const urn = await createOrganizationPost(c, {
      author: fake.organizationUrn,
      commentary: escapeLittleText(TEXT),
      image: { urn: image, altText: 'Carte' },
    });
    expect(urn).toMatch(/^urn:li:share:\d+$/);
    const back = await getPost(c, urn);
    expect(decodeLittleText(back.commentary)).toBe(TEXT);
    // The fake really cuts an unescaped text where LinkedIn would, so the test above can fail.
    const raw = await createOrganizationPost(c, { author: fake.organizationUrn, commentary: 'Avant (après)' });
    expect(decodeLittleText((await getPost(c, raw)).commentary)).toBe('Avant ');
  });
});

describe('LinkedIn REST client against the fake', () => {
  it('sends the versioned headers, uploads the image, creates the post and reads the id from x-restli-id', async () => {
    await setup();
    const c = clientFor(tokensFor());
    const image = await upload(c);
    const urn = await createOrganizationPost(c, {
      author: fake.organizationUrn,
      commentary: 'Bonjour',
      image: { urn: image },
    });
    const create = fake.requests.find((r) => r.method === 'POST' && r.path === '/rest/posts')!;
    expect(create.headers['linkedin-version']).toBe('202609');
    expect(create.headers['x-restli-protocol-version']).toBe('2.0.0');
    expect(fake.posts.map((p) => [p.id, p.imageUrn])).toEqual([[urn, image]]);
    const listed = await listPostsByAuthor(c, fake.organizationUrn, Date.now() - 60_000);
    expect(listed.map((p) => p.id)).toEqual([urn]);
    expect(fake.requests.at(-1)!.rawQuery).toContain('author=urn%3Ali%3Aorganization%3A');
  });

  it('maps 426, 422 duplicate, 403, 429 and 401 (refreshing once when it can)', async () => {
    await setup();
    const tokens = tokensFor();
    const old = clientFor(tokens, '202409');
    const retired = await expectLi(createOrganizationPost(old, { author: fake.organizationUrn, commentary: 'x' }));
    expect([retired.category, retired.httpStatus]).toEqual(['version_retired', 426]);
    expect(retired.fix?.en).toContain('linkedin.apiVersion');

    const c = clientFor(tokens);
    await createOrganizationPost(c, { author: fake.organizationUrn, commentary: 'Même texte' });
    const dup = await expectLi(createOrganizationPost(c, { author: fake.organizationUrn, commentary: 'Même texte' }));
    expect([dup.category, dup.sent, dup.linkedinCode]).toEqual(['duplicate', false, 'DUPLICATE_POST']);

    fake.injectError('forbidden', { path: '/rest/posts' });
    expect(
      (await expectLi(createOrganizationPost(c, { author: fake.organizationUrn, commentary: 'a' }))).category,
    ).toBe('permission');
    fake.injectError('throttled', { path: '/rest/posts' });
    const throttled = await expectLi(createOrganizationPost(c, { author: fake.organizationUrn, commentary: 'b' }));
    expect(throttled.category).toBe('throttled');
    expect(throttled.retryAfterMs).toBeGreaterThan(0);

    // The access token expires: one refresh, the request goes through, the new token is kept (0600).
    fake.tokens.get(fake.accessToken)!.expiresAt = Date.now() - 1;
    await createOrganizationPost(c, { author: fake.organizationUrn, commentary: 'après rafraîchissement' });
    const stored = join(dir, 'linkedin-token.json');
    expect(statSync(stored).mode & 0o777).toBe(0o600);
    expect(tokens.current()).not.toBe(fake.accessToken);
    expect(readFileSync(stored, 'utf8')).toContain(tokens.current());
    expect(tokens.state()).toMatchObject({ source: 'refreshed', canRefresh: true });

    // Without a refresh token: 65602 surfaces as a token error naming the fix.
    const bare = clientFor(tokensFor('AQVunknown-token-value', false));
    const dead = await expectLi(getPost(bare, 'urn:li:share:1'));
    expect([dead.category, dead.serviceErrorCode]).toEqual(['token', 65600]);
    // Revoked: one refresh is tried, the second 401 surfaces (never a loop).
    fake.injectError('revoked_token', { times: 2, path: '/rest/posts' });
    expect(
      (await expectLi(getPost(clientFor(tokensFor(fake.accessToken, false)), 'urn:li:share:1'))).serviceErrorCode,
    ).toBe(65601);
  });

  it('a lost answer or a hang on create is an unknown outcome, and the finder shows what happened', async () => {
    await setup();
    const c = clientFor(tokensFor(), '202609', 300);
    fake.inject({ method: 'POST', path: '/rest/posts', fault: { kind: 'response_lost' } });
    const lost = await expectLi(createOrganizationPost(c, { author: fake.organizationUrn, commentary: 'perdu' }));
    expect([lost.category, lost.sent]).toEqual(['unknown_outcome', true]);
    fake.inject({ method: 'POST', path: '/rest/posts', fault: { kind: 'hang' } });
    expect(
      (await expectLi(createOrganizationPost(c, { author: fake.organizationUrn, commentary: 'jamais' }))).category,
    ).toBe('unknown_outcome');
    fake.inject({ method: 'POST', path: '/rest/posts', fault: { kind: 'apply_then_500' } });
    expect(
      (await expectLi(createOrganizationPost(c, { author: fake.organizationUrn, commentary: 'proxy' }))).category,
    ).toBe('unknown_outcome');
    const listed = await listPostsByAuthor(c, fake.organizationUrn, 0);
    expect(listed.map((p) => decodeLittleText(p.commentary)).sort()).toEqual(['perdu', 'proxy']);
    // Reads are retried through a lost answer.
    fake.inject({ method: 'GET', path: '/rest/posts', fault: { kind: 'response_lost' } });
    expect(await listPostsByAuthor(c, fake.organizationUrn, 0)).toHaveLength(2);
  });

  it('reads share statistics with Rest.li-encoded lists', async () => {
    await setup();
    const c = clientFor(tokensFor());
    const a = await createOrganizationPost(c, { author: fake.organizationUrn, commentary: 'stat a' });
    const b = await createOrganizationPost(c, { author: fake.organizationUrn, commentary: 'stat b' });
    fake.stats.set(a, {
      impressionCount: 1000,
      uniqueImpressionsCount: 800,
      clickCount: 10,
      likeCount: 20,
      commentCount: 5,
      shareCount: 5,
    });
    const stats = await fetchShareStatistics(c, fake.organizationUrn, [a, b]);
    expect(stats.get(a)).toMatchObject({ impressions: 1000, likes: 20, engagement: 0.04 });
    expect(stats.has(b)).toBe(true);
    expect(fake.requests.at(-1)!.rawQuery).toContain(`shares=List(${encodeURIComponent(a)},${encodeURIComponent(b)})`);
  });

  it('introspects the token and raises reminders before either token expires', async () => {
    await setup();
    const tokens = tokensFor();
    const info = await tokens.introspect();
    expect(info).toMatchObject({
      active: true,
      scopes: ['w_organization_social', 'r_organization_social', 'rw_organization_admin'],
    });
    const now = Date.now();
    expect(tokenReminders(tokens.state(), info, now, 10)).toEqual([]);
    const soon = tokenReminders(tokens.state(), info, now + 55 * 86_400_000, 10);
    expect(soon.map((r) => [r.which, r.daysLeft])).toEqual([['access', 4]]);
    await tokens.refresh();
    const late = tokenReminders(tokens.state(), null, now + 360 * 86_400_000, 10);
    expect(late.map((r) => r.which)).toContain('refresh');
  });
});
