import { l, pick, type Lang, type Localized } from '../i18n/localized.js';
import { frPunct } from '../approval/wording.js';

export const esc = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

/** Page shell: no inline script or style (the CSP forbids them), language toggle kept in the path. */
export const layout = (lang: Lang, title: string, body: string, selfPath?: string): string => {
  const other: Lang = lang === 'fr' ? 'en' : 'fr';
  const toggle = selfPath
    ? `<footer><a href="${esc(selfPath)}?lang=${other}" hreflang="${other}">${other === 'fr' ? 'Français' : 'English'}</a></footer>`
    : '';
  return `<!doctype html>
<html lang="${lang === 'fr' ? 'fr-CA' : 'en-CA'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${esc(title)}</title>
<link rel="stylesheet" href="/assets/review.css">
<script src="/assets/review.js" defer></script>
</head>
<body>
${body}
${toggle}
</body>
</html>
`;
};

export interface VariantModel {
  idx: number;
  style: string;
  headline: string;
  text: string;
  gateLine: string;
  passed: boolean;
  reasons: string[];
}

export interface PageModel {
  lang: Lang;
  brandName: string;
  postShort: string;
  contentType: string;
  targetDate: string;
  /** The form actions' base: /r/<token>. */
  base: string;
  csrf: string;
  imageSrc?: string | undefined;
  imageAlt: string;
  variants: VariantModel[];
  selected: number;
  slot: { proposedLabel: string; date: string; timeZone: string; options: { value: string; label: string }[] };
  expiresLabel: string;
  error?: string | undefined;
  notice?: string | undefined;
}

const T = (lang: Lang, en: string, fr: string) => frPunct(pick(l(en, fr), lang), lang);

export const reviewPage = (m: PageModel): string => {
  const t = (en: string, fr: string) => T(m.lang, en, fr);
  const hidden = `<input type="hidden" name="csrf" value="${esc(m.csrf)}"><input type="hidden" name="lang" value="${m.lang}">`;
  const variants = m.variants
    .map((v) => {
      const checked = v.idx === m.selected ? ' checked' : '';
      const override = v.passed
        ? ''
        : `<div class="override" data-variant="${v.idx}"><label class="pick"><input type="checkbox" name="override_${v.idx}" value="1" form="approve-form"> ${esc(
            t(`Approve variant ${v.idx} anyway, despite: `, `Approuver la variante ${v.idx} quand même, malgré : `),
          )}${esc(v.reasons.join('; '))}</label></div>`;
      return `<section class="card variant${v.idx === m.selected ? ' chosen' : ''}" data-variant="${v.idx}" id="variant-${v.idx}">
<label class="pick"><input type="radio" name="variant" value="${v.idx}" form="approve-form"${checked}> ${esc(t(`Variant ${v.idx}`, `Variante ${v.idx}`))} · ${esc(v.style)}</label>
<h2>${esc(v.headline)}</h2>
<p class="gate${v.passed ? '' : ' below'}">${esc(v.gateLine)}</p>
<div class="text">${esc(v.text)}</div>
${override}
<details><summary>${esc(t('Light edit', 'Retouche'))}</summary>
<form method="post" action="${esc(m.base)}/edit" class="edit-form">${hidden}
<input type="hidden" name="variant" value="${v.idx}">
<label>${esc(t('Headline', 'Titre'))}<input type="text" name="headline" value="${esc(v.headline)}" maxlength="200"></label>
<label>${esc(t('Text', 'Texte'))}<textarea name="text" maxlength="5000" data-count="count-${v.idx}">${esc(v.text)}</textarea></label>
<div class="count"><span id="count-${v.idx}">${v.text.length}</span> ${esc(t('characters', 'caractères'))}</div>
<button type="submit" class="edit">${esc(t('Save as a new version', 'Enregistrer une nouvelle version'))}</button>
</form></details>
</section>`;
    })
    .join('\n');
  const slotOptions = [
    `<option value="drawn" selected>${esc(t(`Proposed: ${m.slot.proposedLabel}`, `Proposé : ${m.slot.proposedLabel}`))}</option>`,
    ...m.slot.options.map((o) => `<option value="${esc(o.value)}">${esc(o.label)}</option>`),
  ].join('');
  const body = `<header class="top"><h1>${esc(t(`Review post ${m.postShort}`, `Révision de la publication ${m.postShort}`))}</h1>
<p>${esc(m.brandName)} · ${esc(m.contentType)} · ${esc(m.targetDate)}</p></header>
<main>
${m.error ? `<div class="error" role="alert">${esc(m.error)}</div>` : ''}
${m.notice ? `<div class="notice" role="status">${esc(m.notice)}</div>` : ''}
${m.imageSrc ? `<div class="card"><img class="post" src="${esc(m.imageSrc)}" alt="${esc(m.imageAlt)}" width="1200" height="630"><p class="muted">${esc(t('The image as it will be published (1200×630).', 'L’image telle qu’elle sera publiée (1200×630).'))}</p></div>` : `<p class="muted">${esc(t('No image yet.', 'Pas encore d’image.'))}</p>`}
${variants}
<form method="post" action="${esc(m.base)}/approve" id="approve-form" class="card">${hidden}
<h2>${esc(t('Approve', 'Approuver'))}</h2>
<label for="slot">${esc(t(`Publication time (${m.slot.date}, ${m.slot.timeZone})`, `Heure de publication (${m.slot.date}, ${m.slot.timeZone})`))}</label>
<select name="slot" id="slot">${slotOptions}</select>
<button type="submit" class="approve" id="approve-button">${esc(t('Approve the chosen variant', 'Approuver la variante choisie'))}</button>
</form>
<form method="post" action="${esc(m.base)}/reject" id="reject-form" class="card" data-confirm="${esc(t('Reject this post?', 'Rejeter cette publication ?'))}">${hidden}
<h2>${esc(t('Reject', 'Rejeter'))}</h2>
<label for="reason">${esc(t('Reason (the optimizer learns from it)', 'Raison (l’optimiseur en tient compte)'))}</label>
<textarea name="reason" id="reason" required maxlength="500"></textarea>
<label for="idea">${esc(t('Keep an angle for a later post', 'Garder un angle pour une publication future'))}</label>
<select name="idea" id="idea"><option value="" selected>${esc(t('No', 'Non'))}</option>${m.variants
    .map(
      (v) =>
        `<option value="${v.idx}">${esc(t(`Variant ${v.idx}’s angle, in the ideas inbox`, `L’angle de la variante ${v.idx}, dans la boîte à idées`))}</option>`,
    )
    .join('')}</select>
<button type="submit" class="reject">${esc(t('Reject with this reason', 'Rejeter avec cette raison'))}</button>
</form>
<p class="muted">${esc(t(`This link expires ${m.expiresLabel}; each action uses it once.`, `Ce lien expire le ${m.expiresLabel}; chaque action l’utilise une fois.`))}</p>
</main>`;
  return layout(m.lang, t(`Review post ${m.postShort}`, `Révision de la publication ${m.postShort}`), body, m.base);
};

/** A full page that says what happened, or why nothing did. */
export const messagePage = (lang: Lang, title: Localized, detail: Localized, tone: 'ok' | 'error'): string => {
  const t = (x: Localized) => frPunct(pick(x, lang), lang);
  return layout(
    lang,
    t(title),
    `<header class="top"><h1>${esc(t(title))}</h1></header><main><div class="${tone === 'ok' ? 'notice' : 'error'}" role="${tone === 'ok' ? 'status' : 'alert'}" id="message">${esc(t(detail))}</div></main>`,
  );
};
