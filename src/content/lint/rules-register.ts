import type { Category, PhraseRule } from './rule-types.js';

/**
 * Quebec French register: calques of English, anglicisms, and words that are usual in France
 * but not in Quebec. Advice follows the Office québécois de la langue française: its Banque de
 * dépannage linguistique (BDL) and Grand dictionnaire terminologique (GDT), both on
 * https://vitrinelinguistique.oqlf.gouv.qc.ca/ . A brand can accept a word
 * (`brands.<b>.profile.acceptedWords`): its findings are then dropped.
 */
const OQLF = 'https://vitrinelinguistique.oqlf.gouv.qc.ca/';

const MESSAGE: Record<'calque' | 'anglicism' | 'france-usage', (what: string) => { en: string; fr: string }> = {
  calque: (what) => ({
    en: `Calque of English (${what}): the OQLF advises against it in Quebec French.`,
    fr: `Calque de l’anglais (${what}) : l’OQLF le déconseille.`,
  }),
  anglicism: (what) => ({
    en: `Anglicism (${what}): Quebec French has a usual word for it.`,
    fr: `Anglicisme (${what}) : le français du Québec a un mot courant pour le dire.`,
  }),
  'france-usage': (what) => ({
    en: `France usage (${what}): a Quebec reader expects another word.`,
    fr: `Usage de France (${what}) : un lecteur québécois attend un autre mot.`,
  }),
};

export const reg = (
  id: string,
  category: 'calque' | 'anglicism' | 'france-usage',
  what: string,
  patterns: string[],
  suggestion: string,
  example: string,
  ref: string,
  unless?: string[],
): PhraseRule => ({
  id,
  kind: 'phrase',
  lang: 'fr',
  category: category satisfies Category,
  severity: 'warning',
  weight: 0,
  patterns,
  unless,
  message: MESSAGE[category](what),
  suggestion,
  example,
  ref: `OQLF, ${ref} — ${OQLF}`,
});

export const REGISTER_RULES: PhraseRule[] = [
  // Calques
  reg(
    'calque-ceduler',
    'calque',
    'céduler',
    ['cédul*'],
    'planifier, fixer, prévoir; horaire',
    'On va céduler votre rendez-vous demain.',
    'BDL, « céduler »',
  ),
  reg(
    'calque-adresser',
    'calque',
    'adresser un enjeu',
    [
      'adress* (un|une|le|la|les|ce|cet|cette|ces|vos|nos|leurs|vos|de|des|tous les)? (enjeu|enjeux|problème|problèmes|problématique|problématiques|question|questions|défi|défis|besoin|besoins|préoccupation|préoccupations|situation|situations|sujet|sujets|lacune|lacunes|point|points)',
    ],
    'traiter, régler, aborder, s’occuper de',
    'Notre équipe adresse vos enjeux rapidement.',
    'BDL, « adresser »',
  ),
  reg(
    'calque-faire-du-sens',
    'calque',
    'faire du sens',
    ['(fait|font|faire|ferait|fera|faisait|ferait) (du|beaucoup de|plus de) sens'],
    'avoir du sens, être logique, se tenir',
    'Ça fait du sens pour une clinique.',
    'BDL, « faire du sens »',
  ),
  reg(
    'calque-sauver-temps',
    'calque',
    'sauver du temps',
    [
      'sauver (du|de l|des|beaucoup de|un|jusqu à|plus de|près de|en)? …2 (temps|argent|heures|heure|minutes|dollars|journées)',
    ],
    'gagner du temps, économiser de l’argent',
    'Vous allez sauver du temps chaque semaine.',
    'BDL, « sauver du temps »',
    ['sauv* (une|des|la|sa|leur) (vie|vies)'],
  ),
  reg(
    'calque-canceller',
    'calque',
    'canceller',
    ['cancel*'],
    'annuler',
    'Le client a cancellé son rendez-vous.',
    'BDL, « canceller »',
  ),
  reg(
    'calque-en-charge',
    'calque',
    'être en charge de',
    ['en charge (de|du|des|d)'],
    'responsable de, chargé de',
    'Julie est en charge de l’accueil.',
    'BDL, « en charge de »',
    ['(prise|prises|prend|prendre|prennent|pris|prenons|prenez|prendra) en charge'],
  ),
  reg(
    'calque-definitivement',
    'calque',
    'définitivement (definitely)',
    ['définitivement'],
    'certainement, assurément, sans aucun doute',
    'C’est définitivement un bon investissement.',
    'BDL, « définitivement »',
    [
      '(ferm*|quitt*|abandonn*|régl*|supprim*|retir*|interdi*|clos*|termin*|arrêt*|cess*|partir|parti|partie|partis|disparu*|perdu*|effac*|tourn* la page|adopt*|install*)',
    ],
  ),
  reg(
    'calque-supporter',
    'calque',
    'supporter (to support)',
    [
      'support* (votre|vos|nos|notre|les|la|le|l|leur|leurs|des) (équipe|équipes|client|clients|entreprise|entreprises|projet|projets|communauté|croissance|démarche|employés|initiative|initiatives|cause|pme|commerces|gens|membres)',
      '(le|un|notre|votre|du) support (technique|client|à la clientèle|personnalisé|humain|rapide|de notre)',
    ],
    'appuyer, soutenir; soutien, assistance',
    'Nous supportons les PME de la région.',
    'BDL, « supporter »',
  ),
  reg(
    'calque-appliquer-pour',
    'calque',
    'appliquer pour',
    [
      'appliqu* (pour|sur) (un|une|le|la|ce|cet|cette|des|nos|notre|vos|votre|l)? (emploi|poste|job|subvention|programme|prêt|financement|crédit|bourse|stage|permis|aide)',
    ],
    'postuler, poser sa candidature, présenter une demande',
    'Appliquez pour le poste de réceptionniste.',
    'BDL, « appliquer »',
  ),
  reg(
    'calque-digital',
    'calque',
    'digital',
    ['digital*'],
    'numérique (transformation numérique, virage numérique)',
    'Réussir sa transformation digitale.',
    'BDL, « digital »',
    ['empreinte*'],
  ),
  reg(
    'calque-rencontrer-besoins',
    'calque',
    'rencontrer les besoins',
    [
      'rencontr* (les|vos|nos|leurs|ses|tous les|toutes les|des)? (besoins|exigences|attentes|objectifs|normes|critères|échéances|échéancier|standards)',
    ],
    'répondre aux besoins, respecter les exigences, atteindre les objectifs',
    'Un service qui rencontre vos besoins.',
    'BDL, « rencontrer »',
  ),
  reg(
    'calque-retourner-appel',
    'calque',
    'retourner un appel',
    ['retourn* (un|l|votre|vos|les|son|ses|leur|leurs|chaque|tous les|cet) (appel|appels)'],
    'rappeler (quelqu’un)',
    'On retourne tous les appels en moins d’une heure.',
    'BDL, « retourner un appel »',
  ),
  reg(
    'calque-rejoindre',
    'calque',
    'rejoindre (by phone)',
    [
      'rejoindre (au|par téléphone|par courriel|en tout temps|facilement|au numéro|rapidement) ',
      '(nous|me|la|le|les|vous) rejoindre (au|par|en|à tout)',
    ],
    'joindre (joindre quelqu’un au téléphone)',
    'Vous pouvez nous rejoindre au 514 555-0199.',
    'BDL, « rejoindre »',
  ),
  reg(
    'calque-laisser-savoir',
    'calque',
    'laisser savoir',
    ['laiss* (nous|moi|le|la|leur|vous)? savoir'],
    'faire savoir, informer, dire',
    'Laissez-nous savoir ce que vous en pensez.',
    'BDL, « laisser savoir »',
  ),
  reg(
    'calque-prendre-action',
    'calque',
    'prendre action',
    ['prend* action'],
    'agir, intervenir',
    'Il est temps de prendre action.',
    'BDL, « prendre action »',
  ),
  reg(
    'calque-a-date',
    'calque',
    'à date',
    ['=à =date'],
    'jusqu’à maintenant, à ce jour',
    'À date, 40 cliniques l’utilisent.',
    'BDL, « à date »',
    ['à date (fixe|précise|régulière|limite|convenue|prévue|ultérieure)', '(mise|mettre|mis|mettez) à date'],
  ),
  reg(
    'calque-etre-suppose',
    'calque',
    'être supposé de',
    ['(suis|es|est|sommes|êtes|sont|était|étaient) (supposé|supposée|supposés|supposées) (de|d)'],
    'être censé',
    'Le technicien est supposé de passer demain.',
    'BDL, « supposé »',
  ),
];
