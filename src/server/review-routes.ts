import { stateLabel } from '../present/labels.js';
import { extname } from 'node:path';
import type { ServiceDeps } from '../deps/service-deps.js';
import { minutesOf, zonedToUtc } from '../domain/time.js';
import { isAutoscaleError, UsageError } from '../errors/errors.js';
import { saveVariantAngle } from '../plan/ideas-service.js';
import { formatFor } from '../i18n/format.js';
import { l, pick, type Lang, type Localized } from '../i18n/localized.js';
import { shortId } from '../store/ids.js';
import { consumeLink, getLink, releaseLink } from '../store/approval-repo.js';
import {
  approveVia,
  depsForPost,
  editVia,
  lastDecision,
  loadReview,
  proposedSlot,
  rejectVia,
  type Actor,
  type ReviewView,
} from '../approval/approval-service.js';
import { issueLink } from '../approval/announce.js';
import { csrfToken, csrfValid, signMedia, verifyLink, type LinkClaims } from '../approval/links.js';
import { friendlySlot, gateLine, styleName } from '../approval/wording.js';
import { messagePage, reviewPage, type PageModel } from './html.js';

export interface PageContext {
  deps: ServiceDeps;
  key: Buffer;
  lang: Lang;
  send: (status: number, html: string, extra?: Record<string, string>) => void;
  /** What the request log records about the link (never the token). */
  note: (fields: Record<string, unknown>) => void;
}

type Refusal = { status: number; title: Localized; detail: Localized };

const refuse = (c: PageContext, r: Refusal) => c.send(r.status, messagePage(c.lang, r.title, r.detail, 'error'));

const NOT_VALID: Refusal = {
  status: 400,
  title: l('This link is not valid', 'Ce lien n’est pas valide'),
  detail: l(
    'It was changed or cut short. Use the link exactly as it was sent, or ask for a new one (autoscale link <id>).',
    'Il a été modifié ou tronqué. Utilisez le lien exactement tel qu’il a été envoyé, ou demandez-en un nouveau (autoscale link <id>).',
  ),
};

const EXPIRED: Refusal = {
  status: 410,
  title: l('This link has expired', 'Ce lien a expiré'),
  detail: l(
    'For safety, review links only work for a limited time. Ask for a new one (autoscale link <id>).',
    'Par sécurité, les liens de révision ne valent qu’un temps. Demandez-en un nouveau (autoscale link <id>).',
  ),
};

const USED: Refusal = {
  status: 410,
  title: l('This link was already used', 'Ce lien a déjà servi'),
  detail: l(
    'Each review link acts once. Nothing more was done; ask for a new link if the post still needs you.',
    'Chaque lien de révision n’agit qu’une fois. Rien de plus n’a été fait; demandez un nouveau lien si la publication a encore besoin de vous.',
  ),
};

/** The signed claims of a link still good for this request, or the page that says why not. */
const checkLink = async (
  c: PageContext,
  token: string,
): Promise<{ claims: LinkClaims; view: ReviewView } | Refusal> => {
  const verified = verifyLink(c.key, token, c.deps.clock.now());
  if (!verified.ok) {
    c.note({ link: 'refused', problem: verified.problem });
    return verified.problem === 'expired' ? EXPIRED : NOT_VALID;
  }
  const { claims } = verified;
  c.note({ link: claims.linkId });
  if ((await getLink(c.deps.db, claims.linkId))?.usedAt) return USED;
  let view: ReviewView;
  try {
    view = await loadReview(c.deps, claims.postId);
  } catch {
    return {
      status: 404,
      title: l('This post no longer exists', 'Cette publication n’existe plus'),
      detail: l(
        'It was deleted or never synced to this server.',
        'Il a été supprimé ou n’a jamais été synchronisé ici.',
      ),
    };
  }
  if (view.post.state !== 'in_review') {
    const last = await lastDecision(c.deps, view.post.id);
    const who = last ? ` (${last.actor})` : '';
    return {
      status: 409,
      title: l('This post was already decided', 'Cette publication a déjà été tranchée'),
      detail: l(
        `Post ${shortId(view.post.id)} is ${view.post.state}${who}. Nothing was done.`,
        `La publication ${shortId(view.post.id)} est à l’état « ${stateLabel(view.post.state, 'fr')} »${who}. Rien n’a été fait.`,
      ),
    };
  }
  if (view.version !== claims.version) {
    return {
      status: 409,
      title: l('This post changed since the link was sent', 'Cette publication a changé depuis l’envoi du lien'),
      detail: l(
        'It was edited or given a new image. Ask for a new link to see the current version.',
        'Il a été modifié ou a reçu une nouvelle image. Demandez un nouveau lien pour voir la version actuelle.',
      ),
    };
  }
  return { claims, view };
};

const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** Times the reviewer may choose: every 15 minutes of the posting window, on the proposed day. */
const slotChoices = (deps: ServiceDeps, date: string, lang: Lang) => {
  const { windowStart, windowEnd } = deps.brand.posting;
  const now = deps.clock.now().getTime();
  const out: { value: string; label: string }[] = [];
  for (let m = minutesOf(windowStart); m <= minutesOf(windowEnd); m += 15) {
    const at = zonedToUtc(date, m, deps.brand.timezone);
    if (at.getTime() <= now + 60_000) continue;
    out.push({ value: hhmm(m), label: friendlySlot(at, deps.brand.timezone, lang) });
  }
  return out;
};

const seedOf = (claims: LinkClaims) => `${claims.postId}:${claims.linkId}`;

const pageModel = async (
  c: PageContext,
  token: string,
  claims: LinkClaims,
  view: ReviewView,
  csrf: string,
  extra: { error?: string; selected?: number } = {},
): Promise<PageModel> => {
  const deps = depsForPost(c.deps, view.post);
  const slot = await proposedSlot(deps, view.post, seedOf(claims));
  const best = view.gates.findIndex((g) => g.passed);
  const image = view.image;
  return {
    lang: c.lang,
    brandName: deps.brand.name,
    postShort: shortId(view.post.id),
    contentType: view.post.contentType,
    targetDate: view.post.targetDate,
    base: `/r/${token}`,
    csrf,
    imageSrc: image
      ? `/m/${signMedia(c.key, { sha256: image.sha256, ext: extname(image.path).slice(1) || image.format, expires: claims.expires })}.${extname(image.path).slice(1) || image.format}`
      : undefined,
    imageAlt: view.variants[0]?.headline ?? '',
    variants: view.variants.map((v, n) => ({
      idx: v.idx,
      style: styleName(v.style, c.lang),
      headline: v.headline,
      text: v.text,
      gateLine: gateLine(view.gates[n]!, c.lang),
      passed: view.gates[n]!.passed,
      reasons: view.gates[n]!.reasons.map((r) => pick(r, c.lang)),
    })),
    selected: extra.selected ?? view.variants[best < 0 ? 0 : best]?.idx ?? 1,
    slot: {
      proposedLabel: friendlySlot(slot.at, deps.brand.timezone, c.lang),
      date: slot.date,
      timeZone: deps.brand.timezone,
      options: slotChoices(deps, slot.date, c.lang),
    },
    expiresLabel: friendlySlot(new Date(claims.expires * 1000), deps.brand.timezone, c.lang),
    error: extra.error,
  };
};

export const showReview = async (c: PageContext, token: string, csrfNonce: string) => {
  const checked = await checkLink(c, token);
  if ('status' in checked) return refuse(c, checked);
  const { claims, view } = checked;
  c.send(200, reviewPage(await pageModel(c, token, claims, view, csrfToken(c.key, csrfNonce, claims.linkId))));
};

/** The form body is capped at 32 KB; longer edits go through the terminal. */
const PAGE_EDIT_MAX = 5000;

const describe = (error: unknown, lang: Lang) =>
  isAutoscaleError(error)
    ? `${pick(error.localized, lang)}${error.fix ? ` ${pick(error.fix, lang)}` : ''}`
    : pick(l('Something went wrong; nothing was done.', 'Un problème est survenu; rien n’a été fait.'), lang);

/** A state change: checked link and CSRF, the link consumed once, given back if nothing changed. */
export const act = async (
  c: PageContext,
  token: string,
  action: 'approve' | 'reject' | 'edit',
  form: URLSearchParams,
  csrfNonce: string | undefined,
) => {
  const checked = await checkLink(c, token);
  if ('status' in checked) return refuse(c, checked);
  const { claims, view } = checked;
  if (!csrfNonce || !csrfValid(c.key, csrfNonce, claims.linkId, form.get('csrf') ?? '')) {
    c.note({ csrf: 'refused' });
    return refuse(c, {
      status: 403,
      title: l('This form has expired', 'Ce formulaire a expiré'),
      detail: l(
        'Reload the review page and try again (cookies must be allowed for this page).',
        'Rechargez la page de révision et réessayez (les témoins doivent être permis pour cette page).',
      ),
    });
  }
  const now = c.deps.clock.now().toISOString();
  const link = {
    id: claims.linkId,
    postId: claims.postId,
    reviewVersion: claims.version,
    expiresAt: new Date(claims.expires * 1000).toISOString(),
    createdAt: now,
    createdBy: 'unknown',
  };
  if (!(await consumeLink(c.deps.db, link, now, action))) return refuse(c, USED);
  const actor: Actor = { channel: 'page', id: claims.linkId };
  const deps = depsForPost(c.deps, view.post);
  const variant = Number(form.get('variant'));
  try {
    if (action === 'approve') {
      const slot = form.get('slot') ?? 'drawn';
      let at: string | undefined;
      if (slot !== 'drawn') {
        const proposed = await proposedSlot(deps, view.post, seedOf(claims));
        if (!slotChoices(deps, proposed.date, c.lang).some((o) => o.value === slot)) {
          throw Object.assign(new Error('slot'), {
            pageError: l('Choose a time in the list.', 'Choisissez une heure dans la liste.'),
          });
        }
        at = `${proposed.date} ${slot}`;
      }
      const gate = view.gates[view.variants.findIndex((v) => v.idx === variant)];
      const override =
        gate && !gate.passed && form.get(`override_${variant}`) === '1' ? { flags: gate.flags } : undefined;
      const r = await approveVia(c.deps, actor, {
        ref: view.post.id,
        variant: Number.isInteger(variant) ? variant : undefined,
        expectVersion: claims.version,
        ...(at ? { at } : { slotSeed: seedOf(claims) }),
        override,
      });
      const when = friendlySlot(new Date(r.scheduledAt), deps.brand.timezone, c.lang);
      return c.send(
        200,
        messagePage(
          c.lang,
          l('Approved', 'Approuvé'),
          l(
            `Post ${shortId(r.postId)}: variant ${r.variant.idx} (${styleName(r.variant.style, 'en')}), publication ${when}.`,
            `Post ${shortId(r.postId)} : variante ${r.variant.idx} (${styleName(r.variant.style, 'fr')}), publication ${when}.`,
          ),
          'ok',
        ),
      );
    }
    if (action === 'reject') {
      const reason = (form.get('reason') ?? '').trim().slice(0, 500);
      const post = await rejectVia(c.deps, actor, { ref: view.post.id, reason, expectVersion: claims.version });
      const kept = view.variants.find((v) => String(v.idx) === form.get('idea'));
      const idea = kept ? await saveVariantAngle(deps, kept, view.post.contentType, 'page') : undefined;
      const rejected = l(
        `Post ${shortId(post.id)} was rejected: ${reason}`,
        `La publication ${shortId(post.id)} a été rejetée : ${reason}`,
      );
      return c.send(
        200,
        messagePage(
          c.lang,
          l('Rejected', 'Rejeté'),
          idea
            ? l(
                `${rejected.en} The angle of variant ${kept!.idx} is in the ideas inbox (${idea.shortId}).`,
                `${rejected.fr} L’angle de la variante ${kept!.idx} est dans la boîte à idées (${idea.shortId}).`,
              )
            : rejected,
          'ok',
        ),
      );
    }
    const text = form.get('text') ?? '';
    // Refused, never cut: a silently truncated edit would be approved as if it were whole.
    if ([...text].length > PAGE_EDIT_MAX)
      throw new UsageError(
        l(
          `The page takes texts up to ${formatFor('en').int(PAGE_EDIT_MAX)} characters; this one has ${formatFor('en').int([...text].length)}.`,
          `La page accepte des textes de ${formatFor('fr').int(PAGE_EDIT_MAX)} caractères au plus; celui-ci en a ${formatFor('fr').int([...text].length)}.`,
        ),
        {
          code: 'text_too_long',
          fix: l(
            `Shorten it, or edit it in the terminal: autoscale edit ${shortId(view.post.id)} --variant ${variant}`,
            `Raccourcissez-le, ou modifiez-le au terminal : autoscale edit ${shortId(view.post.id)} --variant ${variant}`,
          ),
        },
      );
    await editVia(c.deps, actor, {
      ref: view.post.id,
      variant,
      text,
      headline: (form.get('headline') ?? '').slice(0, 200) || undefined,
      expectVersion: claims.version,
    });
    // The edit made a new version: the reviewer goes on with a link to it, same expiry.
    const next = await issueLink(c.deps, await loadReview(c.deps, view.post.id), {
      expiresInMs: claims.expires * 1000 - c.deps.clock.now().getTime(),
      createdBy: `link:${claims.linkId}`,
    });
    c.note({ next: next.linkId });
    return c.send(303, '', { location: `/r/${next.token}?lang=${c.lang}` });
  } catch (error) {
    await releaseLink(c.deps.db, claims.linkId, now);
    const pageError = (error as { pageError?: Localized }).pageError;
    const code = isAutoscaleError(error) ? error.code : pageError ? 'slot' : 'internal';
    c.note({ refused: code });
    if (!pageError && !isAutoscaleError(error)) throw error;
    const fresh = await checkLink(c, token);
    if ('status' in fresh) return refuse(c, fresh);
    const message = pageError ? pick(pageError, c.lang) : describe(error, c.lang);
    c.send(
      422,
      reviewPage(
        await pageModel(c, token, fresh.claims, fresh.view, csrfToken(c.key, csrfNonce, claims.linkId), {
          error: message,
          selected: Number.isInteger(variant) ? variant : undefined,
        }),
      ),
    );
  }
};
