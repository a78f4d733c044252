import { existsSync, statSync, accessSync, constants, readdirSync } from 'node:fs';
import { exposedDotenv } from '../config/secrets.js';
import { countOf } from '../i18n/format.js';
import { join } from 'node:path';
import { isSample } from '../config/brand-schema.js';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { isAutoscaleError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import { loadTemplate, promptsDir } from '../prompts/library.js';
import { CONTENT_TYPES, STYLES } from '../domain/content.js';
import { openDatabase, latestSchemaVersion, APPLICATION_ID } from '../store/database.js';

import type { CheckResult } from '../domain/checks.js';
import type { DoctorCheck, DoctorInput } from '../deps/service-deps.js';

const nodeCheck: DoctorCheck = async ({ nodeVersion }) => {
  const [major, minor] = nodeVersion.replace(/^v/, '').split('.').map(Number) as [number, number];
  const ok = major > 20 || (major === 20 && minor >= 19);
  return [
    ok
      ? { id: 'node', status: 'ok', message: l(`Node ${nodeVersion}`, `Node ${nodeVersion}`) }
      : {
          id: 'node',
          status: 'fail',
          message: l(`Node ${nodeVersion} is too old.`, `Node ${nodeVersion} est trop ancien.`),
          fix: l('Install Node 20.19 or newer.', 'Installez Node 20.19 ou plus récent.'),
        },
  ];
};

const homeCheck: DoctorCheck = async ({ paths }) => {
  const out: CheckResult[] = [];
  if (!existsSync(paths.root)) {
    return [
      {
        id: 'home',
        status: 'fail',
        message: l(`Home ${paths.root} does not exist.`, `Le dossier ${paths.root} n'existe pas.`),
        fix: l('Run `autoscale init --yes`.', 'Lancez `autoscale init --yes`.'),
      },
    ];
  }
  try {
    accessSync(paths.root, constants.W_OK);
    out.push({
      id: 'home',
      status: 'ok',
      message: l(`Home ${paths.root} is writable`, `Le dossier ${paths.root} est accessible en écriture`),
    });
  } catch {
    out.push({
      id: 'home',
      status: 'fail',
      message: l(`Home ${paths.root} is not writable.`, `Le dossier ${paths.root} n'est pas accessible en écriture.`),
      fix: l('Fix its owner or permissions.', 'Corrigez son propriétaire ou ses permissions.'),
    });
  }
  if ((statSync(paths.root).mode & 0o077) !== 0) {
    out.push({
      id: 'home-permissions',
      status: 'warn',
      message: l('The home is readable by other users.', 'Le dossier est lisible par d’autres utilisateurs.'),
      fix: l(`chmod 700 ${paths.root}`, `chmod 700 ${paths.root}`),
    });
  }
  if (exposedDotenv(paths.env) !== undefined) {
    out.push({
      id: 'env-permissions',
      status: 'warn',
      message: l(
        `${paths.env} (secrets) is readable by other users.`,
        `${paths.env} (secrets) est lisible par d’autres utilisateurs.`,
      ),
      fix: l(`chmod 600 ${paths.env}`, `chmod 600 ${paths.env}`),
    });
  }
  return out;
};

const configCheck = (config: Config | undefined, error: unknown): CheckResult[] => {
  if (config) {
    const brands = countOf(Object.keys(config.brands).length, l('brand', 'marque'), l('brands', 'marques'));
    return [
      {
        id: 'config',
        status: 'ok',
        message: l(
          `Configuration valid (${brands.en}, current ${config.currentBrand})`,
          `Configuration valide (${brands.fr}, courante ${config.currentBrand})`,
        ),
      },
    ];
  }
  if (isAutoscaleError(error)) return [{ id: 'config', status: 'fail', message: error.localized, fix: error.fix }];
  return [{ id: 'config', status: 'fail', message: l(String(error), String(error)) }];
};

const databaseCheck: DoctorCheck = async ({ paths }) => {
  if (!existsSync(paths.database)) {
    return [
      {
        id: 'database',
        status: 'info',
        message: l('No database yet (created on first use).', 'Pas encore de base (créée au premier usage).'),
      },
    ];
  }
  try {
    const opened = await openDatabase(paths.database, { migrate: false });
    try {
      const integrity = opened.raw.pragma('quick_check', { simple: true }) as string;
      const schema = opened.raw.pragma('user_version', { simple: true }) as number;
      const appId = opened.raw.pragma('application_id', { simple: true }) as number;
      const out: CheckResult[] = [];
      out.push(
        integrity === 'ok'
          ? { id: 'database', status: 'ok', message: l('Database integrity ok', 'Intégrité de la base : ok') }
          : {
              id: 'database',
              status: 'fail',
              message: l(`Database integrity: ${integrity}`, `Intégrité de la base : ${integrity}`),
              fix: l('Restore the database from a backup.', 'Restaurez la base depuis une sauvegarde.'),
            },
      );
      const latest = latestSchemaVersion();
      out.push(
        schema === latest && appId === APPLICATION_ID
          ? { id: 'migrations', status: 'ok', message: l(`Schema up to date (${schema})`, `Schéma à jour (${schema})`) }
          : schema < latest
            ? {
                id: 'migrations',
                status: 'warn',
                message: l(
                  `Schema ${schema} of ${latest}: migrations pending.`,
                  `Schéma ${schema} sur ${latest} : migrations en attente.`,
                ),
                fix: l(
                  'Any command that writes applies them (e.g. `autoscale status`).',
                  'Toute commande qui écrit les applique (p. ex. `autoscale status`).',
                ),
              }
            : {
                id: 'migrations',
                status: 'fail',
                message: l(
                  `Schema ${schema} is newer than this autoscale (${latest}).`,
                  `Le schéma ${schema} est plus récent que cet autoscale (${latest}).`,
                ),
                fix: l('Upgrade autoscale.', 'Mettez autoscale à jour.'),
              },
      );
      return out;
    } finally {
      await opened.close();
    }
  } catch (error) {
    if (isAutoscaleError(error)) return [{ id: 'database', status: 'fail', message: error.localized, fix: error.fix }];
    throw error;
  }
};

const promptsCheck: DoctorCheck = async () => {
  try {
    const dir = promptsDir();
    loadTemplate('brand-voice.md', dir);
    for (const type of CONTENT_TYPES) loadTemplate(`types/${type}.md`, dir);
    for (const style of STYLES) loadTemplate(`styles/${style}.md`, dir);
    const files = readdirSync(join(dir, 'types')).length + readdirSync(join(dir, 'styles')).length + 1;
    return [
      {
        id: 'prompts',
        status: 'ok',
        message: l(`Prompt library ok (${files} templates)`, `Bibliothèque de prompts ok (${files} gabarits)`),
      },
    ];
  } catch (error) {
    if (isAutoscaleError(error)) return [{ id: 'prompts', status: 'fail', message: error.localized, fix: error.fix }];
    throw error;
  }
};

const providersCheck: DoctorCheck = async ({ env }, config) => {
  const text =
    env.get('ANTHROPIC_API_KEY') || env.get('KIE_API_KEY') || env.get('KAI_API_KEY') || env.get('OPENAI_API_KEY');
  const out: CheckResult[] = [];
  out.push(
    text && config?.providers.text.provider !== 'offline'
      ? {
          id: 'text-provider',
          status: 'ok',
          message: l('A text provider key is configured.', 'Une clé de fournisseur de texte est configurée.'),
        }
      : {
          id: 'text-provider',
          status: 'info',
          message: l(
            'Text: offline writer (no ANTHROPIC_API_KEY, KIE_API_KEY or OPENAI_API_KEY).',
            'Texte : rédacteur hors ligne (aucune clé ANTHROPIC_API_KEY, KIE_API_KEY ni OPENAI_API_KEY).',
          ),
          fix: l(
            'Add a key to <home>/.env for Claude-written posts.',
            'Ajoutez une clé dans <home>/.env pour des publications rédigées par Claude.',
          ),
        },
  );
  out.push(
    env.get('OPENAI_API_KEY') && config?.providers.image.provider !== 'offline'
      ? {
          id: 'image-provider',
          status: 'ok',
          message: l('Images: OpenAI key configured.', 'Images : clé OpenAI configurée.'),
        }
      : {
          id: 'image-provider',
          status: 'info',
          message: l(
            'Images: offline branded card (no OPENAI_API_KEY).',
            'Images : carte de marque hors ligne (aucune OPENAI_API_KEY).',
          ),
        },
  );
  const fb = env.get('FACEBOOK_ACCESS_TOKEN');
  out.push(
    fb
      ? { id: 'publisher', status: 'ok', message: l('Facebook token configured.', 'Jeton Facebook configuré.') }
      : {
          id: 'publisher',
          status: 'info',
          message: l(
            'Publishing: dry run (no FACEBOOK_ACCESS_TOKEN); posts are written to <home>/dry-run.',
            'Publication : simulation (aucun FACEBOOK_ACCESS_TOKEN); les publications sont écrites dans <home>/dry-run.',
          ),
        },
  );
  for (const name of ['SLACK_WEBHOOK_URL', 'SMTP_URL', 'SUPABASE_URL'] as const) {
    out.push({
      id: name.toLowerCase(),
      status: 'info',
      message: l(
        `${name}: ${env.get(name) ? 'set' : 'not set'}`,
        `${name} : ${env.get(name) ? 'défini' : 'non défini'}`,
      ),
    });
  }
  return out;
};

/**
 * The facts and client stories the writers cite must be true: the ones shipped with autoscale
 * are examples (marked `sample`) until the owner confirms or replaces them.
 */
const FACT = l('fact', 'fait');
const FACTS = l('facts', 'faits');
const CASE = l('case study', 'étude de cas');
const CASES = l('case studies', 'études de cas');

const samplesCheck: DoctorCheck = async ({ paths }, config) => {
  if (!config) return [];
  const out: CheckResult[] = [];
  for (const [slug, brand] of Object.entries(config.brands)) {
    const facts = brand.profile.facts.filter(isSample).length;
    const cases = brand.profile.caseStudies.filter(isSample).length;
    if (facts + cases > 0) {
      out.push({
        id: 'samples',
        status: 'warn',
        message: l(
          `Brand ${slug}: ${countOf(facts, FACT, FACTS).en} and ${countOf(cases, CASE, CASES).en} are samples shipped with autoscale, not checked by you; a post citing a sample case study is not published.`,
          `Marque ${slug}\u00a0: ${countOf(facts, FACT, FACTS).fr} et ${countOf(cases, CASE, CASES).fr} sont des exemples fournis avec autoscale, que vous n’avez pas vérifiés; une publication qui cite une étude de cas d’exemple n’est pas publiée.`,
        ),
        fix: l(
          `Run \`autoscale init --force\` (it asks for them), or edit ${paths.config}: replace them, or remove \`"sample": true\` from each one that is true.`,
          `Lancez \`autoscale init --force\` (l’assistant les demande), ou modifiez ${paths.config}\u00a0: remplacez-les, ou retirez \`"sample": true\` de chacun qui est vrai.`,
        ),
      });
    }
    if (brand.profile.caseStudies.length === 0) {
      out.push({
        id: 'samples',
        status: 'info',
        message: l(
          `Brand ${slug} has no case studies: case study posts will speak in general terms.`,
          `La marque ${slug} n’a aucune étude de cas\u00a0: les publications de type étude de cas resteront générales.`,
        ),
      });
    }
  }
  return out;
};

export const defaultChecks: DoctorCheck[] = [nodeCheck, homeCheck, databaseCheck, promptsCheck, providersCheck];

export const runDoctor = async (input: DoctorInput, extraChecks: DoctorCheck[] = []): Promise<CheckResult[]> => {
  let config: Config | undefined;
  let configError: unknown;
  try {
    // A config.json an older autoscale left in the data folder is read where it is (any other
    // command moves it): doctor only looks.
    const legacy = input.paths.legacyConfig;
    const file = !existsSync(input.paths.config) && legacy && existsSync(legacy) ? legacy : input.paths.config;
    config = loadConfig(file, input.paths.root);
  } catch (error) {
    configError = error;
  }
  const results: CheckResult[] = [];
  for (const check of [nodeCheck, homeCheck]) results.push(...(await check(input, config)));
  results.push(...configCheck(config, configError));
  for (const check of [samplesCheck, databaseCheck, promptsCheck, providersCheck, ...extraChecks]) {
    try {
      results.push(...(await check(input, config)));
    } catch (error) {
      results.push({
        id: 'check',
        status: 'fail',
        message: l(
          `A check failed: ${(error as Error).message}`,
          `Une vérification a échoué : ${(error as Error).message}`,
        ),
      });
    }
  }
  return results;
};
