/**
 * The linter's rule catalogue, as data. Phrase rules are matched case-insensitively on word
 * boundaries (a space in a pattern matches any run of spaces, an apostrophe matches ' or ’);
 * check rules are implemented in engine.ts and take their limits from here.
 * docs/LINT-RULES.md is written from this file (`node bench/lint-rules-doc.js`).
 */
export type Severity = 'error' | 'warning' | 'info';
export type RuleLang = 'fr' | 'en' | 'any';
export type Category =
  | 'cliche'
  | 'filler'
  | 'generic-cta'
  | 'engagement-bait'
  | 'anglicism'
  | 'france-usage'
  | 'typography'
  | 'structure'
  | 'encoding';

export interface RuleText {
  en: string;
  fr: string;
}

export interface PhraseRule {
  id: string;
  kind: 'phrase';
  lang: RuleLang;
  category: Category;
  severity: Severity;
  patterns: string[];
  message: RuleText;
  suggestion: string;
}

export interface CheckRule {
  id: string;
  kind: 'check';
  lang: RuleLang;
  category: Category;
  severity: Severity;
  message: RuleText;
  suggestion: string;
  params?: Record<string, number | Record<string, [number, number]>>;
}

export type Rule = PhraseRule | CheckRule;

const phrase = (
  id: string,
  lang: RuleLang,
  category: Category,
  severity: Severity,
  patterns: string[],
  message: RuleText,
  suggestion: string,
): PhraseRule => ({
  id,
  kind: 'phrase',
  lang,
  category,
  severity,
  patterns,
  message,
  suggestion,
});

const cliche = (id: string, lang: 'fr' | 'en', patterns: string[], suggestion: string) =>
  phrase(
    id,
    lang,
    'cliche',
    'error',
    patterns,
    { en: 'AI cliché: sounds machine-written.', fr: 'Cliché d’IA : sonne comme un texte généré.' },
    suggestion,
  );

export const PHRASE_RULES: PhraseRule[] = [
  // French clichés and filler
  cliche(
    'fr-cliche-monde-evolution',
    'fr',
    [
      'dans un monde en constante évolution',
      'dans un monde en perpétuelle? évolution',
      'dans un monde en perpétuel changement',
      'dans un monde qui change',
      'dans un monde où tout va (?:très )?vite',
      'dans un monde de plus en plus',
    ],
    'Commencez par un fait concret ou une scène.',
  ),
  cliche(
    'fr-cliche-plongeons',
    'fr',
    ['plongeons', 'plongeons ensemble', 'plongez dans', 'plongeon au cœur'],
    'Entrez directement dans le sujet.',
  ),
  cliche(
    'fr-cliche-revolutionner',
    'fr',
    ['révolutionn\\p{L}*', 'véritable révolution'],
    'Dites ce qui change concrètement, avec un chiffre.',
  ),
  cliche(
    'fr-cliche-ere-numerique',
    'fr',
    [
      "à l['’]ère du numérique",
      "à l['’]ère de l['’]IA",
      "à l['’]ère de l['’]intelligence artificielle",
      "à l['’]heure du numérique",
    ],
    'Supprimez; le lecteur sait en quelle année il vit.',
  ),
  cliche('fr-cliche-incontournable', 'fr', ['incontournables?'], 'Montrez pourquoi c’est utile au lieu de l’affirmer.'),
  cliche(
    'fr-cliche-game-changer',
    'fr',
    ['game[- ]changers?', 'changeur de donne', 'change la donne', 'changer la donne'],
    'Décrivez l’effet mesuré.',
  ),
  cliche(
    'fr-cliche-potentiel',
    'fr',
    [
      'libére[rz]? (?:tout )?(?:le |votre )?(?:plein )?potentiel',
      'exploite[rz]? (?:tout )?(?:le |votre )?plein potentiel',
      'tout votre potentiel',
      'maximise[rz]? votre potentiel',
    ],
    'Nommez le gain précis (heures, appels, dollars).',
  ),
  cliche(
    'fr-cliche-niveau-superieur',
    'fr',
    ['au niveau supérieur', 'propulse[rz]? votre entreprise', 'booste[rz]? votre', 'boostez'],
    'Nommez le résultat concret.',
  ),
  cliche(
    'fr-cliche-cle-succes',
    'fr',
    ['la clé du succès', 'les clés du succès', 'le secret du succès', 'recette du succès'],
    'Donnez le conseil lui-même.',
  ),
  cliche(
    'fr-cliche-paysage',
    'fr',
    [
      'dans le paysage actuel',
      'dans le contexte actuel',
      "dans le monde des affaires d['’]aujourd['’]hui",
      'de nos jours',
    ],
    'Supprimez l’introduction; commencez par le fait.',
  ),
  cliche(
    'fr-cliche-plus-quun',
    'fr',
    ["plus qu['’]un simple", "plus qu['’]une simple", "bien plus qu['’]un", "bien plus qu['’]une"],
    'Dites ce que c’est, simplement.',
  ),
  cliche(
    'fr-cliche-embarquez',
    'fr',
    ['attachez vos ceintures', 'sans plus attendre', 'embarquez (?:avec nous )?dans', 'préparez-vous à être'],
    'Supprimez l’effet d’annonce.',
  ),
  cliche(
    'fr-cliche-pointe',
    'fr',
    [
      'à la pointe de la technologie',
      'solution clé en main',
      'synergies?',
      'de manière fluide',
      'en toute fluidité',
      'sans couture',
    ],
    'Remplacez par un détail vérifiable.',
  ),
  cliche(
    'fr-cliche-univers',
    'fr',
    ["dans l['’]univers (?:fascinant )?de", "au cœur de l['’]innovation", 'un monde de possibilités'],
    'Soyez concret.',
  ),
  phrase(
    'fr-filler-nhesitez-pas',
    'fr',
    'filler',
    'error',
    ["n['’]hésitez pas à", "n['’]hésitez surtout pas", "n['’]hésitez pas"],
    { en: 'Filler closing ("N’hésitez pas à…").', fr: 'Formule creuse (« N’hésitez pas à… »).' },
    'Écrivez l’action directement : « Écrivez-nous », « Appelez-nous ».',
  ),
  phrase(
    'fr-filler-conclusion',
    'fr',
    'filler',
    'error',
    ['en conclusion', 'pour conclure', 'en résumé', 'en somme', 'pour résumer'],
    { en: 'Filler transition ("En conclusion").', fr: 'Transition creuse (« En conclusion »).' },
    'Terminez par la leçon ou l’appel à l’action, sans annonce.',
  ),
  phrase(
    'fr-filler-saviez-vous',
    'fr',
    'filler',
    'warning',
    ['le saviez-vous', 'saviez-vous que', 'découvrez comment', 'découvrez pourquoi', 'découvrez dès maintenant'],
    { en: 'Stock opener.', fr: 'Amorce toute faite.' },
    'Donnez le fait directement.',
  ),
  phrase(
    'fr-filler-important-de',
    'fr',
    'filler',
    'warning',
    ['il est important de noter que', 'il est essentiel de', 'il est crucial de', 'force est de constater'],
    { en: 'Filler phrase.', fr: 'Remplissage.' },
    'Supprimez et gardez l’idée.',
  ),
  phrase(
    'fr-generic-cta',
    'fr',
    'generic-cta',
    'warning',
    [
      "contactez-nous dès aujourd['’]hui",
      "n['’]attendez plus",
      "qu['’]attendez-vous",
      'ne manquez pas cette',
      'cliquez sur le lien',
      'cliquez ici',
      'pour en savoir plus',
    ],
    { en: 'Generic call to action.', fr: 'Appel à l’action générique.' },
    'Proposez une action précise : « Réservez une démo de 15 minutes ».',
  ),
  phrase(
    'fr-engagement-bait',
    'fr',
    'engagement-bait',
    'error',
    [
      'aimez si',
      'aimez cette publication',
      'partagez si',
      'partagez cette publication',
      'identifiez un ami',
      "identifiez quelqu['’]un",
      'tag(?:uez)? un ami',
      'commentez [«"]?oui',
    ],
    { en: 'Engagement bait: Facebook demotes it.', fr: 'Appât à l’engagement : Facebook le pénalise.' },
    'Posez une vraie question ouverte.',
  ),
  // Anglicisms and France-only usage where Quebec usage differs
  phrase(
    'fr-anglicism-email',
    'fr',
    'anglicism',
    'warning',
    ['e-?mails?', 'mails?'],
    { en: 'Anglicism: Quebec usage is "courriel".', fr: 'Anglicisme : on dit « courriel » au Québec.' },
    'courriel',
  ),
  phrase(
    'fr-anglicism-meeting',
    'fr',
    'anglicism',
    'warning',
    ['meetings?'],
    { en: 'Anglicism: "réunion".', fr: 'Anglicisme : « réunion ».' },
    'réunion',
  ),
  phrase(
    'fr-anglicism-chatbot',
    'fr',
    'anglicism',
    'warning',
    ['chat[- ]?bots?'],
    { en: 'Anglicism: "agent conversationnel".', fr: 'Anglicisme : « agent conversationnel ».' },
    'agent conversationnel',
  ),
  phrase(
    'fr-anglicism-feedback',
    'fr',
    'anglicism',
    'warning',
    ['feedbacks?'],
    { en: 'Anglicism: "rétroaction" or "commentaires".', fr: 'Anglicisme : « rétroaction » ou « commentaires ».' },
    'rétroaction',
  ),
  phrase(
    'fr-anglicism-deadline',
    'fr',
    'anglicism',
    'warning',
    ['deadlines?'],
    { en: 'Anglicism: "échéance".', fr: 'Anglicisme : « échéance ».' },
    'échéance',
  ),
  phrase(
    'fr-anglicism-newsletter',
    'fr',
    'anglicism',
    'warning',
    ['newsletters?'],
    { en: 'Anglicism: "infolettre".', fr: 'Anglicisme : « infolettre ».' },
    'infolettre',
  ),
  phrase(
    'fr-anglicism-booker',
    'fr',
    'anglicism',
    'warning',
    ['booke[rz]', 'booké(?:e|s|es)?', 'booking'],
    { en: 'Anglicism: "réserver".', fr: 'Anglicisme : « réserver ».' },
    'réserver',
  ),
  phrase(
    'fr-anglicism-follow-up',
    'fr',
    'anglicism',
    'warning',
    ['follow[- ]?ups?'],
    { en: 'Anglicism: "suivi".', fr: 'Anglicisme : « suivi ».' },
    'suivi',
  ),
  phrase(
    'fr-anglicism-podcast',
    'fr',
    'anglicism',
    'warning',
    ['podcasts?'],
    { en: 'Quebec usage: "balado".', fr: 'Usage québécois : « balado ».' },
    'balado',
  ),
  phrase(
    'fr-anglicism-smartphone',
    'fr',
    'anglicism',
    'warning',
    ['smartphones?'],
    {
      en: 'Quebec usage: "téléphone intelligent" or "cellulaire".',
      fr: 'Usage québécois : « téléphone intelligent » ou « cellulaire ».',
    },
    'cellulaire',
  ),
  phrase(
    'fr-anglicism-checker',
    'fr',
    'anglicism',
    'warning',
    ['checke[rz]', 'checké'],
    { en: 'Anglicism: "vérifier".', fr: 'Anglicisme : « vérifier ».' },
    'vérifier',
  ),
  phrase(
    'fr-anglicism-call',
    'fr',
    'anglicism',
    'warning',
    ['un call', 'des calls', 'conference call'],
    { en: 'Anglicism: "appel" or "appel conférence".', fr: 'Anglicisme : « appel ».' },
    'appel',
  ),
  phrase(
    'fr-france-weekend',
    'fr',
    'france-usage',
    'warning',
    ['week-?ends?'],
    { en: 'France usage: Quebec says "fin de semaine".', fr: 'Usage de France : au Québec, « fin de semaine ».' },
    'fin de semaine',
  ),
  phrase(
    'fr-france-shopping',
    'fr',
    'france-usage',
    'warning',
    ['faire du shopping', 'le shopping'],
    { en: 'France usage: "magasiner" / "magasinage".', fr: 'Usage de France : « magasiner », « magasinage ».' },
    'magasiner',
  ),
  phrase(
    'fr-france-parking',
    'fr',
    'france-usage',
    'warning',
    ['le parking', 'un parking', 'du parking', 'au parking'],
    { en: 'France usage: "stationnement".', fr: 'Usage de France : « stationnement ».' },
    'stationnement',
  ),
  phrase(
    'fr-france-mobile',
    'fr',
    'france-usage',
    'warning',
    ['sur votre portable', 'votre numéro de portable'],
    { en: 'France usage: "cellulaire".', fr: 'Usage de France : « cellulaire ».' },
    'cellulaire',
  ),
  // English clichés and filler
  cliche(
    'en-cliche-delve',
    'en',
    ['delve', 'delves', 'delving', 'dive into', "let['’]s dive", 'deep dive'],
    'Get to the point.',
  ),
  cliche('en-cliche-unlock', 'en', ['unlock(?:s|ing)?', 'unleash(?:es|ing)?'], 'Name the concrete gain.'),
  cliche('en-cliche-game-changer', 'en', ['game[- ]changers?', 'game[- ]changing'], 'Describe the measured effect.'),
  cliche(
    'en-cliche-fast-paced',
    'en',
    [
      "in today['’]s fast-paced",
      'ever-evolving',
      'ever-changing',
      "in today['’]s digital (?:age|world|landscape)",
      'in the digital age',
      'rapidly evolving',
    ],
    'Open with a fact or a scene.',
  ),
  cliche('en-cliche-revolutionize', 'en', ['revolutioni[sz]\\p{L}*'], 'Say what changes, with a number.'),
  cliche(
    'en-cliche-elevate',
    'en',
    ['elevate your', 'next level', 'supercharge\\p{L}*', 'harness the power', 'empower(?:s|ing)? your'],
    'Name the result.',
  ),
  cliche(
    'en-cliche-landscape',
    'en',
    [
      'landscape',
      'navigat(?:e|ing) the complexities',
      'tapestry',
      'in the realm of',
      'a testament to',
      'treasure trove',
    ],
    'Be concrete.',
  ),
  cliche(
    'en-cliche-seamless',
    'en',
    ['seamless(?:ly)?', 'cutting-edge', 'leverag(?:e|ing)', 'synerg(?:y|ies)', 'robust solution'],
    'Replace with a verifiable detail.',
  ),
  phrase(
    'en-filler-dont-hesitate',
    'en',
    'filler',
    'error',
    ["don['’]t hesitate to", 'do not hesitate to', 'feel free to'],
    { en: 'Filler closing ("Don’t hesitate to…").', fr: 'Formule creuse (« Don’t hesitate to… »).' },
    'State the action: "Book a 15-minute demo".',
  ),
  phrase(
    'en-filler-conclusion',
    'en',
    'filler',
    'error',
    ['in conclusion', 'in summary', 'to sum up', 'to summari[sz]e'],
    { en: 'Filler transition ("In conclusion").', fr: 'Transition creuse (« In conclusion »).' },
    'End with the lesson or the call to action.',
  ),
  phrase(
    'en-filler-important-note',
    'en',
    'filler',
    'warning',
    ["it['’]s important to note", 'it is important to note', "it['’]s worth noting", 'needless to say'],
    { en: 'Filler phrase.', fr: 'Remplissage.' },
    'Delete it and keep the idea.',
  ),
  phrase(
    'en-generic-cta',
    'en',
    'generic-cta',
    'warning',
    [
      'contact us today',
      'what are you waiting for',
      "don['’]t miss out",
      'click the link',
      'click here',
      'learn more today',
    ],
    { en: 'Generic call to action.', fr: 'Appel à l’action générique.' },
    'Offer a precise action: "Book a 15-minute demo".',
  ),
  phrase(
    'en-engagement-bait',
    'en',
    'engagement-bait',
    'error',
    ['like if you', 'share if you', 'tag a friend', 'tag someone', 'comment yes'],
    { en: 'Engagement bait: Facebook demotes it.', fr: 'Appât à l’engagement : Facebook le pénalise.' },
    'Ask a real open question.',
  ),
];

export const CHECK_RULES: CheckRule[] = [
  {
    id: 'em-dash-overuse',
    kind: 'check',
    lang: 'any',
    category: 'structure',
    severity: 'warning',
    params: { max: 1 },
    message: {
      en: 'More than one em dash: a tell-tale of machine text.',
      fr: 'Plus d’un tiret cadratin : signature de texte généré.',
    },
    suggestion: 'Use a period, a comma or a colon.',
  },
  {
    id: 'hashtag-excess',
    kind: 'check',
    lang: 'any',
    category: 'structure',
    severity: 'error',
    params: { max: 3 },
    message: { en: 'More than 3 hashtags.', fr: 'Plus de 3 mots-clics.' },
    suggestion: 'Keep the 3 most relevant, at the end.',
  },
  {
    id: 'emoji-excess',
    kind: 'check',
    lang: 'any',
    category: 'structure',
    severity: 'warning',
    params: { max: 2 },
    message: { en: 'More than 2 emojis.', fr: 'Plus de 2 émojis.' },
    suggestion: 'Keep at most 2.',
  },
  {
    id: 'exclamation-overuse',
    kind: 'check',
    lang: 'any',
    category: 'structure',
    severity: 'warning',
    params: { max: 1 },
    message: { en: 'More than one exclamation mark.', fr: 'Plus d’un point d’exclamation.' },
    suggestion: 'Keep one at most; let the facts carry the energy.',
  },
  {
    id: 'hook-first-line',
    kind: 'check',
    lang: 'any',
    category: 'structure',
    severity: 'warning',
    params: { maxChars: 150 },
    message: {
      en: 'Weak hook: the opening sentence is a greeting, a self-introduction or too long to stop the scroll.',
      fr: 'Accroche faible : la phrase d’ouverture est une salutation, une présentation ou trop longue pour arrêter le défilement.',
    },
    suggestion: 'Open with a fact, a scene or a precise question, under 150 characters.',
  },
  {
    id: 'question-ending',
    kind: 'check',
    lang: 'any',
    category: 'structure',
    severity: 'error',
    message: {
      en: 'The question style must end with a question or a call to action.',
      fr: 'Le style question doit se terminer par une question ou un appel à l’action.',
    },
    suggestion: 'End with an open question to the reader.',
  },
  {
    id: 'length-bounds',
    kind: 'check',
    lang: 'any',
    category: 'structure',
    severity: 'warning',
    params: { chars: { professional: [300, 1000], storytelling: [350, 1200], question: [200, 800] } },
    message: { en: 'Length outside the bounds for this style.', fr: 'Longueur hors des bornes de ce style.' },
    suggestion: 'Trim or develop to fit the style.',
  },
  {
    id: 'fr-typo-space-before',
    kind: 'check',
    lang: 'fr',
    category: 'typography',
    severity: 'info',
    message: {
      en: 'French typography (OQLF): a no-break space goes before : ; ! ?.',
      fr: 'Typographie (OQLF) : espace insécable avant : ; ! ?.',
    },
    suggestion: 'Insert a no-break space (U+00A0 before :, U+202F before ; ! ?).',
  },
  {
    id: 'fr-typo-quotes',
    kind: 'check',
    lang: 'fr',
    category: 'typography',
    severity: 'info',
    message: {
      en: 'French typography (OQLF): use « guillemets » with no-break spaces inside.',
      fr: 'Typographie (OQLF) : guillemets « » avec espaces insécables à l’intérieur.',
    },
    suggestion: '« texte »',
  },
  {
    id: 'fr-typo-title-case',
    kind: 'check',
    lang: 'fr',
    category: 'typography',
    severity: 'info',
    message: {
      en: 'French titles take a capital on the first word only.',
      fr: 'En français, seul le premier mot d’un titre prend la majuscule.',
    },
    suggestion: 'Lower-case the other words.',
  },
];

export const RULES: Rule[] = [...PHRASE_RULES, ...CHECK_RULES];
