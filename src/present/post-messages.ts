import { l } from '../i18n/localized.js';

/** What `show` and `generate` print about a post. */
export const POST_DETAIL = {
  heading: (id: string) => l(`Post ${id}`, `Publication ${id}`),
  /** Which text an approval covered: « variante 2 v1, empreinte sha256 `3f9a1c2e0b1d` ». */
  approvedText: (variant: number, version: string, hash: string | null) =>
    l(
      `variant ${variant} v${version}${hash ? `, text sha256 \`${hash}\`` : ''}`,
      `variante ${variant} v${version}${hash ? `, empreinte sha256 \`${hash}\`` : ''}`,
    ),
  topic: (topic: string) => l(`Topic: ${topic}`, `Sujet : ${topic}`),
  scheduled: (when: string, zone: string, mode: string) =>
    l(`Scheduled: ${when} (${zone})${mode}`, `Prévue : ${when} (${zone})${mode}`),
  failure: (why: string) => l(`Failure: ${why}`, `Échec : ${why}`),
  char: l('character', 'caractère'),
  chars: l('characters', 'caractères'),
  quality: (score: string) => l(`quality ${score}`, `qualité ${score}`),
  headline: (text: string) => l(`Headline: ${text}`, `Titre : ${text}`),
  tooSimilar: (id: string, score: string) => l(`too similar to ${id} (${score})`, `trop semblable à ${id} (${score})`),
  belowGate: (threshold: string, flags: string) =>
    l(`Below the quality gate (${threshold}): ${flags}`, `Sous le seuil de qualité (${threshold}) : ${flags}`),
  versions: (list: string) => l(`Versions: ${list}`, `Versions : ${list}`),
  image: (what: string) => l(`Image: ${what}`, `Image : ${what}`),
  imageFile: (path: string, size: string, format: string, provider: string) =>
    l(`${path} (${size} ${format}, ${provider})`, `${path} (${size} ${format}, ${provider})`),
  noImage: l('none', 'aucune'),
  offline: l('offline card', 'carte hors ligne'),
  cost: (total: string, text: string, image: string) =>
    l(`Cost: ${total} (text ${text}, image ${image})`, `Coût : ${total} (texte ${text}, image ${image})`),
  history: l('History', 'Historique'),
} as const;
