import { describe, expect, it } from 'vitest';
import { lintText } from '../../src/content/lint/engine.js';

const register = (text: string, accept?: string[]) =>
  lintText(text, { lang: 'fr', accept })
    .findings.filter((f) => ['calque', 'anglicism', 'france-usage'].includes(f.category))
    .map((f) => f.rule);

describe('Quebec-French register', () => {
  it.each([
    ['On va céduler votre rendez-vous demain.', 'calque-ceduler'],
    ['Notre équipe adresse vos enjeux rapidement.', 'calque-adresser'],
    ['Ça fait du sens pour une clinique.', 'calque-faire-du-sens'],
    ['Vous allez sauver du temps chaque semaine.', 'calque-sauver-temps'],
    ['Le client a cancellé son rendez-vous.', 'calque-canceller'],
    ['Julie est en charge de l’accueil.', 'calque-en-charge'],
    ['C’est définitivement un bon investissement.', 'calque-definitivement'],
    ['Nous supportons les PME de la région.', 'calque-supporter'],
    ['Appliquez pour le poste de réceptionniste.', 'calque-appliquer-pour'],
    ['Réussir sa transformation digitale.', 'calque-digital'],
    ['Bookez votre démo dès maintenant.', 'anglicism-booker'],
    ['Demandez votre devis gratuit.', 'france-devis'],
    ['Du coup, on a tout automatisé.', 'france-du-coup'],
    ['Une équipe super sympa.', 'france-sympa'],
    ['Après le boulot, plus personne ne répond.', 'france-boulot'],
    ['Appelez notre numéro vert.', 'france-numero-vert'],
    ['Confirmation par SMS.', 'france-sms'],
    ['On se fait un call mardi ?', 'anglicism-call'],
    ['Un conseiller dédié à votre compte.', 'france-dedie'],
    ['On retourne tous les appels en moins d’une heure.', 'calque-retourner-appel'],
  ])('%s → %s', (text, rule) => {
    expect(register(text)).toContain(rule);
  });

  it('cites the OQLF and suggests the Quebec term', () => {
    const f = lintText('Envoyez-nous un email et demandez un devis.', { lang: 'fr' }).findings;
    expect(f.find((x) => x.rule === 'anglicism-email')).toMatchObject({
      suggestion: 'courriel',
      ref: expect.stringMatching(/OQLF/),
    });
    expect(f.find((x) => x.rule === 'france-devis')?.suggestion).toMatch(/soumission/);
  });

  it('leaves correct usage alone: « portable », « prise en charge », « fermé définitivement », e-mail addresses', () => {
    expect(register('Karine a rallumé son portable au dépanneur.')).toEqual([]);
    expect(register('La prise en charge des appels commence lundi.')).toEqual([]);
    expect(register('Le magasin a fermé définitivement en mars.')).toEqual([]);
    expect(register('Écrivez à soutien@exemple.ca pour un courriel, un texto ou une soumission.')).toEqual([]);
  });

  it('drops the words a brand accepts (profile.acceptedWords), by word or by rule id', () => {
    expect(register('Bookez votre démo et envoyez un email.', ['booker'])).toEqual(['anglicism-email']);
    expect(register('Bookez votre démo et envoyez un email.', ['anglicism-email', 'bookez'])).toEqual([]);
  });
});
