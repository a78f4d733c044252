import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, tempHome } from '../helpers/cli.js';
import { describeFindings, frenchFindings } from '../helpers/french-check.js';

// Skipped only where tmux is absent; .ci/run installs it, so CI always runs this test.
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `autoscale init` in a tmux session under `lang` (LANG), and the keys to drive it. */
const wizard = (name: string, home: string, lang: string) => {
  const session = `${name}-${process.pid}`;
  const tmux = (...args: string[]) => execFileSync('tmux', args, { encoding: 'utf8' });
  const screen = () => tmux('capture-pane', '-p', '-t', session);
  const waitFor = async (pattern: RegExp) => {
    for (let i = 0; i < 100; i += 1) {
      if (pattern.test(screen())) return;
      await sleep(100);
    }
    throw new Error(`timed out waiting for ${pattern}:\n${screen()}`);
  };
  const start = () =>
    tmux(
      'new-session',
      '-d',
      '-s',
      session,
      '-x',
      '120',
      '-y',
      '40',
      `env AUTOSCALE_HOME=${home} LANG=${lang} ${process.execPath} ${BIN} init; sleep 5`,
    );
  const keys = (...k: string[]) => {
    for (const key of k) tmux('send-keys', '-t', session, key);
  };
  const answer = async (question: RegExp, k: string[] = []) => {
    await waitFor(question);
    keys(...k, 'Enter');
  };
  const stop = () => {
    spawnSync('tmux', ['kill-session', '-t', session]);
  };
  /** The (English) questions after the posting window, with their defaults; the file written. */
  const finishWithDefaults = async () => {
    for (const q of [/Window closes at/, /Jitter/, /Generation time/, /Text provider/, /Quality threshold/])
      await answer(q);
    await answer(/Write the configuration/);
    await waitFor(/Created .*config\.json/);
    const config = JSON.parse(readFileSync(join(home, 'config.json'), 'utf8'));
    return { config, brand: config.brands['autoscale-ai'] };
  };
  return { screen, waitFor, start, keys, answer, stop, finishWithDefaults };
};

/** The wizard in a fresh home, started; always stopped and the home removed afterwards. */
const inWizard = async (
  name: string,
  lang: string,
  run: (w: ReturnType<typeof wizard>, home: ReturnType<typeof tempHome>) => Promise<void>,
) => {
  const home = tempHome();
  const w = wizard(name, home.dir, lang);
  w.start();
  try {
    await run(w, home);
  } finally {
    w.stop();
    if (existsSync(home.dir)) home.cleanup();
  }
};

/** The wizard in a real terminal (tmux): every question answered, then the file checked. */
describe.skipIf(!hasTmux)('init wizard in a terminal', () => {
  it('asks each question with the AutoScale AI defaults and writes the answers', async () => {
    await inWizard('init', 'en_US.UTF-8', async ({ answer, finishWithDefaults }) => {
      await answer(/Company name/, ['C-u', 'Plomberie Roy']);
      await answer(/What you sell/, []);
      await answer(/Audience/, []);
      await answer(/Facts the posts may cite/, []);
      await answer(/Client stories/, []);
      await answer(/Time zone/, []);
      await answer(/Facebook Page id/, ['1234567890']);
      // Facebook is checked already; add LinkedIn (the third choice).
      await answer(/Where to publish/, ['Down', 'Down', 'Space']);
      await answer(/LinkedIn organization id/, ['12345678']);
      await answer(/Posting days/, []);
      await answer(/Window opens at/, ['BSpace', 'BSpace', 'BSpace', 'BSpace', 'BSpace', '12:00']);
      const { config, brand } = await finishWithDefaults();
      expect(brand.profile.company).toBe('Plomberie Roy');
      expect(brand.facebook.pageId).toBe('1234567890');
      expect(brand.posting.windowStart).toBe('12:00');
      expect(brand.posting.days).toEqual(['tue', 'wed', 'thu']);
      expect(brand.platforms).toEqual([{ platform: 'facebook' }, { platform: 'linkedin', account: '12345678' }]);
      expect(config.quality.threshold).toBe(75);
      // The samples kept at the prompt stay marked as samples.
      expect(brand.profile.caseStudies.every((c: { sample?: boolean }) => c.sample)).toBe(true);
    });
  });

  it('checks each answer at its prompt, asks for facts and stories, and keeps answers across an interruption', async () => {
    await inWizard('init2', 'en_US.UTF-8', async ({ waitFor, start, keys, answer, stop, finishWithDefaults }, home) => {
      await answer(/Company name/, ['C-u', 'Toitures Gagnon']);
      await answer(/What you sell/, ['C-u', 'Réfection de toitures à Gatineau']);
      await answer(/Audience/, []);
      // Facts: write my own (the first choice; the samples are preselected).
      await answer(/Facts the posts may cite/, ['Up']);
      await answer(/Fact 1/, ['Garantie de 10 ans sur la main-d’œuvre.']);
      await answer(/Fact 2/, []);
      // Client stories: write my own.
      await answer(/Client stories/, ['Up', 'Up']);
      await answer(/Case 1: short title/, ['Toiture à Gatineau']);
      await answer(/Industry/, ['couvreur']);
      await answer(/City/, ['Gatineau']);
      await answer(/situation before/, ['Les appels arrivaient pendant les travaux.']);
      await answer(/measured result/, ['15 soumissions de plus en juin.']);
      await answer(/Case 2: short title/, []);
      // A zone that does not exist is refused at its prompt, and the question stays.
      await answer(/Time zone/, ['C-u', 'Mars/Olympus']);
      await waitFor(/"Mars\/Olympus" is not a time zone/);
      keys('C-u', 'America/Toronto', 'Enter');
      await answer(/Facebook Page id/, []);
      // Facebook only (checked already).
      await answer(/Where to publish/, []);
      await answer(/Posting days/, []);
      await answer(/Window opens at/, ['BSpace', 'BSpace', 'BSpace', 'BSpace', 'BSpace', '14:00']);
      // A window closing before it opens is refused at its prompt.
      await answer(/Window closes at/, ['BSpace', 'BSpace', 'BSpace', 'BSpace', 'BSpace', '12:00']);
      await waitFor(/must close after it opens \(14:00\)/);
      // Interrupted here: the answers so far are kept.
      keys('C-c');
      await waitFor(/run `autoscale init` again to continue/);
      expect(existsSync(join(home.dir, 'config.json'))).toBe(false);
      stop();

      start();
      await waitFor(/Resuming the answers/);
      await answer(/Company name/, []);
      await answer(/What you sell/, []);
      await answer(/Audience/, []);
      await answer(/Facts the posts may cite/, []);
      await answer(/Fact 1/, []);
      await answer(/Fact 2/, []);
      await answer(/Client stories/, []);
      await answer(/Case 1: short title/, []);
      await answer(/Industry/, []);
      await answer(/City/, []);
      await answer(/situation before/, []);
      await answer(/measured result/, []);
      await answer(/Case 2: short title/, []);
      await answer(/Time zone/, []);
      await answer(/Facebook Page id/, []);
      // Facebook only (checked already).
      await answer(/Where to publish/, []);
      await answer(/Posting days/, []);
      await answer(/Window opens at/, []);
      const { brand } = await finishWithDefaults();
      expect(brand.profile.company).toBe('Toitures Gagnon');
      expect(brand.profile.product).toBe('Réfection de toitures à Gatineau');
      expect(brand.profile.facts).toEqual(['Garantie de 10 ans sur la main-d’œuvre.']);
      expect(brand.profile.caseStudies).toEqual([
        {
          title: 'Toiture à Gatineau',
          industry: 'couvreur',
          city: 'Gatineau',
          summary: 'Les appels arrivaient pendant les travaux.',
          result: '15 soumissions de plus en juin.',
        },
      ]);
      expect(brand.timezone).toBe('America/Toronto');
      expect(brand.posting.windowStart).toBe('14:00');
      expect(brand.posting.windowEnd).toBe('16:00');
      expect(existsSync(join(home.dir, '.init-answers.json'))).toBe(false);
    });
  });

  it('asks in French for a French locale, and answers « Oui », not "Yes"', async () => {
    await inWizard('init3', 'fr_CA.UTF-8', async ({ screen, waitFor, keys, answer }, home) => {
      // Every question in French, each taking its default.
      await answer(/Nom de l’entreprise/);
      await answer(/Ce que vous vendez/);
      await answer(/Public cible/);
      await answer(/Faits que les publications peuvent citer/);
      await answer(/Histoires de clients/);
      await answer(/Fuseau horaire/);
      await answer(/Identifiant de la Page Facebook/);
      await answer(/Où publier/);
      await answer(/Jours de publication/);
      await answer(/Début de la fenêtre/);
      await answer(/Fin de la fenêtre/);
      await answer(/Variation \(minutes/);
      await answer(/Heure de génération/);
      await answer(/Fournisseur de texte/);
      await answer(/Seuil de qualité/);
      await waitFor(/Écrire la configuration\u202f\? \(O\/n\)/);
      keys('Enter');
      await waitFor(/Écrire la configuration\u202f\? Oui/);
      await waitFor(/config\.json/);
      const shown = screen();
      expect(shown).not.toMatch(/\b(?:Yes|No)\b|\(Y\/n\)/);
      // The screen as the owner read it: prompts, answers and the closing lines.
      expect(describeFindings(frenchFindings(shown))).toBe('');
      expect(existsSync(join(home.dir, 'config.json'))).toBe(true);
    });
  });
});
