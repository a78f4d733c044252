import { describe, expect, it } from 'vitest';
import { PHRASE_RULES, RULES } from '../../src/content/lint/catalogue.js';
import { detectLang, lintText, warmLint } from '../../src/content/lint/engine.js';
import { foldWord, sentences, stemWord, tokenize } from '../../src/content/lint/normalize.js';
import { compilePatterns, matchAll, toStream } from '../../src/content/lint/pattern.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LEXICON } from '../../src/content/lint/lexicon.js';

const rules = (text: string, options: Parameters<typeof lintText>[1] = {}) =>
  lintText(text, options).findings.map((f) => f.rule);
const errors = (text: string, options: Parameters<typeof lintText>[1] = {}) =>
  lintText(text, options)
    .findings.filter((f) => f.severity === 'error')
    .map((f) => f.rule);
const flagged = (text: string) => lintText(text).findings.some((f) => f.severity === 'error');

describe('normalisation', () => {
  it('folds case, accents, apostrophes and ligatures', () => {
    expect(foldWord('ÉVOLUTION')).toBe('evolution');
    expect(foldWord('cœur')).toBe('coeur');
    expect(foldWord('l’ère')).toBe("l'ere");
  });

  it('splits elision, contractions and hyphenated words, keeping each span', () => {
    const text = "N’hésitez pas : l'ère, dites-nous, don't";
    const words = tokenize(text, 'fr').filter((t) => t.kind === 'word');
    expect(words.map((t) => t.norm)).toEqual(['n', 'hesitez', 'pas', 'l', 'ere', 'dites', 'nous', 'don', 't']);
    for (const t of words) expect(foldWord(text.slice(t.start, t.end))).toBe(t.norm);
  });

  it('folds inflection with the Snowball stemmers (French and English)', () => {
    expect(new Set(['propulser', 'propulsez', 'propulsé', 'PROPULSE'].map((w) => stemWord(w, 'fr'))).size).toBe(1);
    expect(new Set(['unlock', 'unlocks', 'unlocking'].map((w) => stemWord(w, 'en'))).size).toBe(1);
  });

  it('keeps links, e-mails, hashtags, mentions, numbers and emojis as single tokens', () => {
    const t = tokenize('Voir https://x.ca/a?b=1 ou info@x.ca #PME @marc 2 400 $ 🚀', 'fr');
    expect(t.map((x) => x.kind)).toEqual(['word', 'url', 'word', 'email', 'hashtag', 'mention', 'num', 'emoji']);
  });

  it('cuts sentences at . ! ? and line breaks, a run like « ?! » closing once', () => {
    const s = sentences(tokenize('Vraiment ?! Oui.\nEt ensuite', 'fr'));
    expect(s.map((x) => x.close)).toEqual(['?', '.', '']);
  });

  it('matches a pattern whatever the case, accents, apostrophes and inflection', () => {
    const re = compilePatterns('t1', ["n'hésitez pas", 'propulser votre entreprise'], 'fr');
    for (const text of ['N’HESITEZ PAS', "n'hesitez pas", 'On propulse votre entreprise', 'Propulsez votre entreprise'])
      expect(matchAll(re, toStream(tokenize(text, 'fr')))).toHaveLength(1);
  });
});

describe('anchors (rules skipped when the text lacks the words they need)', () => {
  const corpus = join(import.meta.dirname, '..', 'fixtures', 'lint-corpus');
  const texts = readdirSync(corpus).flatMap((dir) =>
    readdirSync(join(corpus, dir)).flatMap((f) =>
      (JSON.parse(readFileSync(join(corpus, dir, f), 'utf8')) as { text: string }[]).map((x) => x.text),
    ),
  );
  const sets = (lang: 'fr' | 'en') => [
    ...PHRASE_RULES.filter((r) => r.lang === 'any' || r.lang === lang).flatMap((r) => [
      compilePatterns(r.id, r.patterns, lang),
      ...(r.unless ? [compilePatterns(`${r.id}:unless`, r.unless, lang)] : []),
    ]),
    ...LEXICON[lang].map((e, i) => compilePatterns(`anchor-test:${i}`, [e.pattern], lang)),
  ];

  it('never skips a rule that would have matched: same matches as running every expression', () => {
    let skipped = 0;
    let matched = 0;
    for (const lang of ['fr', 'en'] as const) {
      const all = sets(lang);
      for (const text of texts) {
        const stream = toStream(tokenize(text, lang));
        for (const set of all) {
          const found = matchAll(set, stream);
          const everything = matchAll({ re: set.re, need: undefined }, stream);
          expect(found).toEqual(everything);
          if (found.length === 0 && set.need) skipped += 1;
          matched += everything.length;
        }
      }
    }
    // The check is not vacuous: the corpus does hit rules, and most rules are skipped on most texts.
    expect(matched).toBeGreaterThan(100);
    expect(skipped).toBeGreaterThan(1000);
  });

  it('needs the rarest required word of a sequence, and any branch of an alternation', () => {
    expect(compilePatterns('anchor-a', ['la clé* du succès'], 'fr').need).toEqual([
      { kind: 'stem', values: expect.arrayContaining(['succes']) as string[] },
    ]);
    const either = compilePatterns('anchor-b', ['(propulser|booster) la'], 'fr').need!;
    expect(either.map((a) => a.kind)).toEqual(['stem', 'stem']);
    expect(compilePatterns('anchor-c', ['<num> [?]'], 'fr').need).toBeUndefined();
    const none = toStream(tokenize('Un texte sans aucun des mots.', 'fr'));
    expect(matchAll(compilePatterns('anchor-d', ['propulser votre entreprise'], 'fr'), none)).toEqual([]);
  });
});

describe('phrase rules that generalise', () => {
  it.each([
    ['Dans l’ère numérique d’aujourd’hui, tout va vite.', 'fr-era-opener'],
    ['Dans un contexte où la technologie évolue à une vitesse fulgurante, il faut suivre.', 'fr-era-opener'],
    ['Imaginez un monde où aucun appel ne se perd.', 'fr-imagine-opener'],
    ['Et si je vous disais que vos appels valent de l’or ?', 'fr-what-if'],
    ['Fini le temps où vos clients attendaient.', 'fr-gone-the-days'],
    ['La question n’est pas de savoir si vous adopterez l’IA, mais quand.', 'fr-question-not-if'],
    ['Que vous soyez un garage ou une clinique, chaque appel compte.', 'fr-whether-you-are'],
    ['Prendre rendez-vous n’a jamais été aussi simple.', 'fr-never-been-easier'],
    ['C’est bien plus qu’un répondeur : c’est un membre de l’équipe.', 'fr-more-than-a'],
    ['Dites adieu aux appels manqués et bonjour à la croissance.', 'fr-goodbye-hello'],
    ['N’hesitez pas a nous ecrire.', 'fr-hesitate'],
    ['Nous révolutionnons la réception.', 'fr-revolution'],
    ['In today’s fast-paced world, customers expect answers.', 'en-era-opener'],
    ['Imagine a world where every call is answered.', 'en-imagine-opener'],
    ['What if I told you that voicemail costs you money?', 'en-what-if'],
    ['Gone are the days of voicemail tag.', 'en-gone-the-days'],
    ['The question isn’t whether you will use AI, but when.', 'en-question-not-if'],
    ['Whether you’re a clinic or a garage, every call counts.', 'en-whether-you-are'],
    ['Booking has never been easier.', 'en-never-been-easier'],
    ['It’s more than just an answering service.', 'en-more-than-a'],
    ['Say goodbye to missed calls and hello to growth.', 'en-gone-the-days'],
  ])('%s → %s', (text, rule) => {
    expect(errors(text, { lang: rule.startsWith('en-') ? 'en' : 'fr' })).toContain(rule);
  });

  it('reports the exact span, message and suggestion', () => {
    const text = 'Une démo ? N’hésitez pas à nous écrire.';
    const f = lintText(text).findings.find((x) => x.rule === 'fr-hesitate')!;
    expect(text.slice(f.start, f.end)).toBe(f.excerpt);
    expect(f.excerpt).toMatch(/^N’hésitez pas/);
    expect(f.severity).toBe('error');
    expect(f.message.fr).toMatch(/creuse/);
    expect(f.suggestion).toMatch(/Écrivez-nous/);
  });

  it('has a catalogue with unique ids, an example each, and every example triggers its rule', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(['error', 'warning', 'info']).toContain(r.severity);
      expect(r.suggestion.length).toBeGreaterThan(0);
      const style = r.id === 'question-ending' ? 'question' : r.id === 'length-bounds' ? 'storytelling' : undefined;
      const lang = r.lang === 'any' ? undefined : r.lang;
      expect({ id: r.id, found: rules(r.example, { style, lang }).includes(r.id) }).toEqual({ id: r.id, found: true });
    }
    expect(PHRASE_RULES.length).toBeGreaterThan(60);
  });

  it('detects French and English and applies only the matching phrase rules', () => {
    expect(detectLang('Vous avez manqué des appels pendant la fin de semaine.')).toBe('fr');
    expect(detectLang('You missed calls over the weekend and your team is busy.')).toBe('en');
    expect(rules('Le meeting de la semaine est annulé pour vous.')).toContain('anglicism-meeting');
    expect(rules('We had a meeting with your team about the calls.')).not.toContain('anglicism-meeting');
  });
});

describe('structural detectors', () => {
  it('a run of short rhetorical questions, but not a question followed by its options', () => {
    expect(errors('Vous manquez des appels ? Vos clients attendent ? Votre équipe est débordée ?')).toContain(
      'question-run',
    );
    expect(errors('Are you missing calls? Are customers on hold? Is your team swamped?')).toContain('question-run');
    expect(
      errors(
        'Petite question pour les propriétaires de cliniques : qu’est-ce qui vous fait perdre le plus de temps au téléphone ? Les confirmations ? Le stationnement ? Les assurances ?',
      ),
    ).not.toContain('question-run');
  });

  it('a triad of stock adjectives (error) or of plain adjectives (warning)', () => {
    expect(errors('Une solution innovante, intuitive et performante pour vous.')).toContain('adjective-triad');
    expect(errors('A fast, simple and reliable tool for your team.')).toContain('adjective-triad');
    expect(rules('Des clients, des patients et des fournisseurs appellent.')).not.toContain('adjective-triad');
  });

  it('anaphora, emoji bullets, staccato and dashes', () => {
    expect(
      errors('Parce que vos clients attendent. Parce que la concurrence est là. Parce que le temps presse.'),
    ).toContain('anaphora-run');
    expect(rules('✅ Réponse 24/7\n✅ Rendez-vous pris\n✅ Résumé par texto')).toContain('emoji-bullets');
    expect(errors('Simple. Rapide. Efficace.')).toContain('staccato');
    expect(rules('Répondez par une lettre :\nA. Par téléphone\nB. Par texto\nC. Sur place')).not.toContain('staccato');
    expect(rules('Un fait — un seul tiret pour vous.')).not.toContain('em-dash-overuse');
    expect(rules('Un fait — deux — tirets pour vous.')).toContain('em-dash-overuse');
    expect(rules('Bilan :\n— 212 clients\n— 3 pannes')).not.toContain('em-dash-overuse');
  });

  it('stock words count by density: one proves nothing, a pile is an error', () => {
    expect(flagged('Il est essentiel de bien noter le nom du client, son numéro et la raison de son appel.')).toBe(
      false,
    );
    const piled =
      'Nos outils modernes et intuitifs simplifient la gestion. Optimiser votre temps devient essentiel pour rester serein au quotidien, avec un accompagnement personnalisé.';
    expect(errors(piled).some((r) => r === 'cliche-accumulation' || r === 'machine-style')).toBe(true);
    expect(lintText(piled).cliche.score).toBeGreaterThanOrEqual(50);
  });
});

describe('fewer false alarms on clean posts', () => {
  it('a long but concrete first sentence is not a weak hook', () => {
    const first =
      'Mardi dernier à 17 h 40, Sophie, à l’accueil de la Clinique dentaire des Érables à Laval, avait trois patients devant elle et deux lignes qui sonnaient en même temps.';
    expect(first.length).toBeGreaterThan(150);
    expect(rules(`${first}\n\nEn octobre, 38 rendez-vous ont été pris après la fermeture.`)).not.toContain(
      'hook-first-line',
    );
  });

  it('« Saviez-vous que » followed by a concrete, sourced fact is fine; without one it is not', () => {
    expect(
      rules('Saviez-vous que, selon l’enquête de la FCEI publiée en 2024, 62 % des PME manquent de personnel ?'),
    ).not.toContain('fr-did-you-know');
    expect(
      rules('Le saviez-vous ? Une étude de BIA/Kelsey a trouvé que 80 % des appelants raccrochent.'),
    ).not.toContain('fr-did-you-know');
    expect(rules('Saviez-vous que vos clients détestent attendre ?')).toContain('fr-did-you-know');
  });

  it('words used literally are not clichés', () => {
    expect(flagged('La Révolution tranquille a changé le Québec des années 1960.')).toBe(false);
    expect(flagged('We unlock your car in 20 minutes, day or night, anywhere in Laval.')).toBe(false);
    expect(flagged('Notre entreprise de paysagement entretient 140 terrains à Mirabel.')).toBe(false);
  });

  it('empty or tiny texts cannot pass', () => {
    expect(errors('')).toContain('empty-text');
    expect(errors('#PME 🚀')).toContain('empty-text');
    expect(lintText('').score).toBe(0);
    expect(errors('Appelez-nous.', { style: 'professional' })).toContain('too-short');
  });
});

describe('warmLint (compiling the rules while a provider writes)', () => {
  it('leaves every finding as a cold lint gives it, in both languages', async () => {
    const texts = [
      'Dans un monde en constante évolution, propulsez votre entreprise! N’hésitez pas à nous contacter.',
      'Votre réceptionniste répond à 19 h 30 : 62 % des appels manqués ne rappellent jamais. Écrivez-nous.',
      "In today's fast-paced digital landscape, unlock the power of seamless, innovative solutions.",
    ];
    const cold = texts.map((t) => lintText(t, { style: 'professional' }));
    await warmLint('fr');
    await warmLint('en');
    expect(texts.map((t) => lintText(t, { style: 'professional' }))).toEqual(cold);
    expect(cold[0]!.findings.length).toBeGreaterThan(0);
  });
});
