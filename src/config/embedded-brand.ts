import type { CaseStudy } from './schema.js';

// The embedded AutoScale AI brand as written, without zod: the CLI reads its language before
// anything is parsed (the schema and zod load only for commands that use the config).

/**
 * Example facts shipped with autoscale, in AutoScale AI's voice. Each is marked `sample` until the
 * owner confirms it is true (removes the mark) or replaces it: `doctor` warns about the marked ones.
 */
export const SAMPLE_FACTS: readonly string[] = [
  'La réceptionniste IA répond à tous les appels 24 heures sur 24, 7 jours sur 7, y compris les soirs, les fins de semaine et les jours fériés.',
  'La réceptionniste IA parle français québécois et anglais, et passe d’une langue à l’autre selon l’appelant.',
  'La réceptionniste IA prend les rendez-vous directement dans votre agenda et envoie une confirmation par texto.',
  'La réceptionniste IA transfère les appels urgents à la bonne personne et prend un message détaillé pour les autres.',
  'La réceptionniste IA envoie un résumé écrit de chaque appel par courriel ou par texto dans la minute.',
  'La réceptionniste IA coûte moins cher qu’une réceptionniste à temps partiel, sans congés ni remplacement à prévoir.',
  'La mise en place se fait en quelques jours, avec vos heures, vos services et vos prix.',
  'Les données des appels sont hébergées au Canada et traitées selon la Loi 25 sur la protection des renseignements personnels.',
  'Environ 1 appel sur 3 à une PME arrive en dehors des heures d’ouverture ou pendant que tout le monde est occupé.',
];

/**
 * Example client stories shipped with autoscale. They are NOT real clients: a post citing one is
 * refused at approval and at publication until the owner replaces it or confirms it.
 */
export const SAMPLE_CASE_STUDIES: readonly CaseStudy[] = [
  {
    title: 'Plomberie à Laval',
    industry: 'plomberie résidentielle',
    city: 'Laval',
    summary:
      'Une entreprise de plomberie de quatre employés manquait les appels d’urgence du soir pendant que l’équipe était sur les chantiers.',
    result: '27 appels de soir captés le premier mois, dont 11 devenus des contrats.',
  },
  {
    title: 'Clinique dentaire à Québec',
    industry: 'clinique dentaire',
    city: 'Québec',
    summary:
      'La réception d’une clinique dentaire passait ses matinées à gérer les annulations et les changements de rendez-vous.',
    result:
      'Les rendez-vous manqués ont baissé de 22 % en deux mois, et la réception a récupéré environ 6 heures par semaine.',
  },
  {
    title: 'Garage à Sherbrooke',
    industry: 'mécanique automobile',
    city: 'Sherbrooke',
    summary:
      'Un garage indépendant laissait sonner le téléphone pendant les heures de pointe du printemps, au moment du changement de pneus.',
    result:
      'Plus aucun appel sans réponse pendant la saison des pneus, et 40 rendez-vous pris directement par l’agent.',
  },
];

/**
 * The AutoScale AI profile that `init --yes` starts from. Every line is editable in
 * config.json; the facts and case studies are what the writers may cite, so keep them true:
 * the shipped ones are marked `sample` until the owner confirms or replaces them.
 * Everything else (posting window, generation days, content mix) is the schema's default.
 */
export const autoscaleProfile = {
  name: 'AutoScale AI',
  timezone: 'America/Toronto',
  facebook: {},
  platforms: [{ platform: 'facebook' }],
  profile: {
    company: 'AutoScale AI',
    product: 'Réceptionniste IA qui répond au téléphone pour les PME du Québec, 24 heures sur 24',
    audience:
      'Propriétaires et gestionnaires de PME québécoises qui perdent des appels\u00a0: cliniques, garages, entrepreneurs en construction, plombiers, salons, cabinets professionnels',
    tone: 'Direct, chaleureux et concret, en français québécois naturel; tutoiement évité, vouvoiement simple; des chiffres plutôt que des superlatifs',
    language: 'fr-CA',
    website: 'autoscale.ai',
    colours: {
      primary: '#0B3D91',
      secondary: '#1FB6FF',
      accent: '#FFB400',
      background: '#F5F8FC',
      text: '#0A1A2F',
    },
    ctas: [
      'Écrivez-nous « DÉMO » en message privé pour entendre la réceptionniste répondre à votre place.',
      'Appelez notre ligne de démonstration et parlez-lui vous-même.',
      'Réservez un appel de 15 minutes sur notre site pour voir si c’est adapté à votre entreprise.',
    ],
    hashtags: ['#PMEQuébec', '#ServiceClient', '#Entrepreneuriat'],
    facts: SAMPLE_FACTS.map((text) => ({ text, sample: true })),
    caseStudies: SAMPLE_CASE_STUDIES.map((c) => ({ ...c, sample: true })),
    avoid: ['promesses de résultats garantis', 'comparaisons dénigrantes avec des concurrents nommés'],
    acceptedWords: [],
  },
};

/** The embedded brand's locale (what the interface speaks before a config exists). */
export const EMBEDDED_BRAND_LANGUAGE = autoscaleProfile.profile.language;
