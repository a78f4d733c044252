import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ConfigError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import type { Environment } from '../config/secrets.js';

/** A review link's signed content: which link, which post, which version of it, until when. */
export interface LinkClaims {
  linkId: string;
  postId: string;
  version: string;
  /** Unix seconds. */
  expires: number;
}

export type LinkProblem = 'malformed' | 'bad_signature' | 'expired';

export type Verified<T> = { ok: true; claims: T } | { ok: false; problem: LinkProblem };

const b64 = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** The key that signs links and media URLs (APPROVAL_SIGNING_SECRET, created by init). */
export const signingKey = (env: Pick<Environment, 'get'>): Buffer => {
  const value = env.get('APPROVAL_SIGNING_SECRET');
  if (!value || value.length < 32) {
    throw new ConfigError(
      l(
        'No signing secret for review links (APPROVAL_SIGNING_SECRET).',
        'Aucun secret de signature pour les liens de révision (APPROVAL_SIGNING_SECRET).',
      ),
      {
        code: 'no_signing_secret',
        fix: l(
          'Run `autoscale init` (or `autoscale serve` once): it creates one in the home’s .env (mode 0600).',
          'Lancez `autoscale init` (ou `autoscale serve` une fois) : il en crée un dans le .env du dossier (mode 0600).',
        ),
      },
    );
  }
  return Buffer.from(value, 'utf8');
};

// Domain separation: a link signature can never pass as a media signature, or the reverse.
const mac = (key: Buffer, purpose: 'link' | 'media' | 'csrf', payload: string) =>
  createHmac('sha256', key).update(`autoscale:${purpose}:v1:${payload}`).digest();

const sameMac = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);

const sign = (key: Buffer, purpose: 'link' | 'media', payload: string) =>
  `${b64(payload)}.${b64(mac(key, purpose, payload))}`;

const open = (key: Buffer, purpose: 'link' | 'media', token: string): { payload: string } | LinkProblem => {
  if (token.length > 600 || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token)) return 'malformed';
  const [body, sig] = token.split('.') as [string, string];
  const payload = Buffer.from(body, 'base64url').toString('utf8');
  if (b64(payload) !== body) return 'malformed';
  return sameMac(Buffer.from(sig, 'base64url'), mac(key, purpose, payload)) ? { payload } : 'bad_signature';
};

export const newLinkId = (): string => randomBytes(9).toString('base64url');

/** HMAC-SHA256 over link id, post id, post version and expiry. */
export const signLink = (key: Buffer, claims: LinkClaims): string =>
  sign(key, 'link', ['l1', claims.linkId, claims.postId, claims.version, String(claims.expires)].join('.'));

export const verifyLink = (key: Buffer, token: string, now: Date): Verified<LinkClaims> => {
  const opened = open(key, 'link', token);
  if (typeof opened === 'string') return { ok: false, problem: opened };
  const parts = opened.payload.split('.');
  if (parts.length !== 5 || parts[0] !== 'l1' || !/^\d+$/.test(parts[4]!)) return { ok: false, problem: 'malformed' };
  const claims: LinkClaims = { linkId: parts[1]!, postId: parts[2]!, version: parts[3]!, expires: Number(parts[4]) };
  if (claims.expires * 1000 <= now.getTime()) return { ok: false, problem: 'expired' };
  return { ok: true, claims };
};

export interface MediaClaims {
  sha256: string;
  ext: string;
  expires: number;
}

export const signMedia = (key: Buffer, claims: MediaClaims): string =>
  sign(key, 'media', ['m1', claims.sha256, claims.ext, String(claims.expires)].join('.'));

export const verifyMedia = (key: Buffer, token: string, now: Date): Verified<MediaClaims> => {
  const opened = open(key, 'media', token);
  if (typeof opened === 'string') return { ok: false, problem: opened };
  const parts = opened.payload.split('.');
  if (parts.length !== 4 || parts[0] !== 'm1' || !/^[0-9a-f]{64}$/.test(parts[1]!) || !/^\d+$/.test(parts[3]!))
    return { ok: false, problem: 'malformed' };
  const claims: MediaClaims = { sha256: parts[1]!, ext: parts[2]!, expires: Number(parts[3]) };
  if (claims.expires * 1000 <= now.getTime()) return { ok: false, problem: 'expired' };
  return { ok: true, claims };
};

const trimBase = (publicUrl: string) => publicUrl.replace(/\/+$/, '');

/** The page of a link: `<publicUrl>/r/<token>`. */
export const reviewUrl = (publicUrl: string, token: string): string => `${trimBase(publicUrl)}/r/${token}`;

/**
 * A public, expiring URL of a stored media file (the image of a post) on the page server:
 * `<publicUrl>/m/<token>.<ext>`. Anyone holding it may fetch that one file until it expires
 * (Instagram's container API fetches the image from such a URL); it names the file by its
 * sha256 only, so it reveals nothing else.
 */
export const signedMediaUrl = (
  key: Buffer,
  input: { publicUrl: string; sha256: string; ext: string; expiresAt: Date },
): string => {
  const token = signMedia(key, {
    sha256: input.sha256,
    ext: input.ext,
    expires: Math.floor(input.expiresAt.getTime() / 1000),
  });
  return `${trimBase(input.publicUrl)}/m/${token}.${input.ext}`;
};

/** A form's CSRF token: bound to the browser's cookie nonce and to the link it acts on. */
export const csrfToken = (key: Buffer, nonce: string, linkId: string): string =>
  b64(mac(key, 'csrf', `${nonce}.${linkId}`));

export const csrfValid = (key: Buffer, nonce: string, linkId: string, token: string): boolean =>
  typeof token === 'string' &&
  token.length > 0 &&
  sameMac(Buffer.from(token, 'base64url'), mac(key, 'csrf', `${nonce}.${linkId}`));
