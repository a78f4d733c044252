import { l, type Localized } from '../../i18n/localized.js';

/**
 * The advice of the checks (rules that apply whatever the wording) in both languages: the
 * catalogue keeps one English line per rule for its JSON and docs, and screens show these.
 * Phrase rules keep their own advice: it is about the text's language (« courriel » for
 * « email »), not the reader's.
 */
const SUGGESTIONS: Record<string, Localized> = {
  'question-run': l(
    'Keep one precise question; answer it with a fact.',
    'Gardez une seule question précise; répondez-y par un fait.',
  ),
  'adjective-triad': l(
    'Keep the one adjective you can prove, and prove it.',
    'Gardez le seul adjectif que vous pouvez prouver, et prouvez-le.',
  ),
  'anaphora-run': l('Vary the sentences, or merge them into one.', 'Variez les phrases, ou fondez-les en une seule.'),
  'emoji-bullets': l(
    'Write the two or three points as plain sentences.',
    'Écrivez les deux ou trois points en phrases simples.',
  ),
  staccato: l('Write full sentences.', 'Écrivez des phrases complètes.'),
  'mirror-formula': l('Say the fact the slogan stands for.', 'Dites le fait que le slogan résume.'),
  'em-dash-overuse': l('Use a period, a comma or a colon.', 'Employez un point, une virgule ou un deux-points.'),
  'cliche-accumulation': l(
    'Rewrite the marked passages with concrete facts from the brand profile.',
    'Réécrivez les passages marqués avec des faits concrets du profil de la marque.',
  ),
  'machine-style': l(
    'Replace praise with facts: a client, a figure, a time, a place.',
    'Remplacez les éloges par des faits : un client, un chiffre, un moment, un lieu.',
  ),
  'fr-lexicon': l(
    'Replace it with the concrete fact it stands for.',
    'Remplacez-le par le fait concret qu’il désigne.',
  ),
  'en-lexicon': l(
    'Replace it with the concrete fact it stands for.',
    'Remplacez-le par le fait concret qu’il désigne.',
  ),
  'empty-text': l('Write the post.', 'Rédigez la publication.'),
  'too-short': l(
    'A Facebook post needs a hook, a fact and a call to action.',
    'Une publication Facebook demande une accroche, un fait et un appel à l’action.',
  ),
  'hashtag-excess': l('Keep 0 to 2 relevant hashtags, at the end.', 'Gardez de 0 à 2 mots-clics pertinents, à la fin.'),
  'emoji-excess': l('Keep at most 2.', 'Gardez-en 2 au plus.'),
  'exclamation-overuse': l(
    'Keep one at most; let the facts carry the energy.',
    'Gardez-en un au plus; laissez les faits porter l’énergie.',
  ),
  'hook-first-line': l(
    'Open with a fact, a scene or a precise question.',
    'Ouvrez sur un fait, une scène ou une question précise.',
  ),
  'question-ending': l('End with an open question to the reader.', 'Terminez par une question ouverte au lecteur.'),
  'length-bounds': l('Trim or develop to fit the style.', 'Raccourcissez ou développez selon le style.'),
  'link-in-body': l(
    'Facebook shows fewer posts with outside links: put the link in a comment, or ask for a message.',
    'Facebook montre moins les publications avec un lien externe : mettez le lien en commentaire, ou invitez à écrire en message privé.',
  ),
  'fr-typo-space-before': l(
    'Insert a no-break space (U+00A0 before :, U+202F before ; ! ?).',
    'Insérez une espace insécable (U+00A0 avant le deux-points, U+202F avant le point-virgule, le point d’exclamation et le point d’interrogation).',
  ),
  'fr-typo-number-space': l(
    '22 %, 19 h 30, 2 400 $, 5 k$ (with U+00A0)',
    '22\u00a0%, 19\u00a0h\u00a030, 2\u00a0400\u00a0$, 5\u00a0k$ (avec U+00A0)',
  ),
  'fr-typo-colon-capital': l(
    'Lower-case the word after the colon (names keep their capital).',
    'Mettez en minuscule le mot qui suit le deux-points (les noms propres gardent leur majuscule).',
  ),
  'fr-typo-title-case': l('Lower-case the other words.', 'Mettez les autres mots en minuscules.'),
  'invalid-utf8': l('save the text as UTF-8', 'enregistrez le texte en UTF-8'),
  'control-char': l('remove it', 'retirez-le'),
  'bidi-control': l('remove it', 'retirez-le'),
  'invisible-char': l(
    'remove it, or allow it in quality.allowedInvisible',
    'retirez-le, ou permettez-le dans quality.allowedInvisible',
  ),
};

/** A finding's advice in both languages: the check's own words, or the rule's line as written. */
export const suggestionText = (rule: string, suggestion: string): Localized =>
  SUGGESTIONS[rule] ?? l(suggestion, suggestion);
