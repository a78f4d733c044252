import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';

export interface PromptTemplate {
  /** e.g. `type/case_study` */
  id: string;
  version: string;
  /** `type/case_study@1#3fa2c1` — what a variant records. */
  ref: string;
  body: string;
  sha256: string;
}

/** The package root (holds prompts/), found from this module whether run from src/ or dist/. */
export const packageRoot = (): string => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i += 1) {
    if (existsSync(join(dir, 'prompts', 'brand-voice.md')) && existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  throw new ConfigError(l('The prompt library (prompts/) was not found next to the package.', 'La bibliothèque de prompts (prompts/) est introuvable à côté du paquet.'), {
    fix: l('Reinstall autoscale (npm install).', 'Réinstallez autoscale (npm install).'),
  });
};

export const promptsDir = (root = packageRoot()): string => join(root, 'prompts');

const FRONT_MATTER = /^---\n([\s\S]*?)\n---\n?/;

export const parseTemplate = (source: string, file: string): PromptTemplate => {
  const match = FRONT_MATTER.exec(source);
  const meta: Record<string, string> = {};
  for (const line of match?.[1]?.split('\n') ?? []) {
    const i = line.indexOf(':');
    if (i > 0) meta[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  if (!meta.id || !meta.version) {
    throw new ConfigError(l(`Prompt file ${file} has no id/version front matter.`, `Le fichier de prompt ${file} n'a pas d'en-tête id/version.`), {
      fix: l('Start the file with ---, id: <name>, version: <n>, ---.', 'Commencez le fichier par ---, id: <nom>, version: <n>, ---.'),
    });
  }
  const body = source.slice(match?.[0].length ?? 0).trim();
  const sha256 = createHash('sha256').update(body).digest('hex');
  return { id: meta.id, version: meta.version, ref: `${meta.id}@${meta.version}#${sha256.slice(0, 6)}`, body, sha256 };
};

export const loadTemplate = (relative: string, dir = promptsDir()): PromptTemplate => {
  const file = join(dir, relative);
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(l(`Prompt file ${file} is missing.`, `Le fichier de prompt ${file} est introuvable.`), {
      fix: l('Restore it from the package (git checkout prompts/ or npm install).', 'Restaurez-le depuis le paquet (git checkout prompts/ ou npm install).'),
    });
  }
  return parseTemplate(source, file);
};

/** Replaces {{name}} and drops {{#name}}…{{/name}} blocks whose value is empty. */
export const fillTemplate = (body: string, values: Record<string, string>): string =>
  body
    .replace(/\{\{#(\w+)\}\}([\s\S]*?)\{\{\/\1\}\}/g, (_, name: string, inner: string) => (values[name] ? inner : ''))
    .replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');

export interface PromptBundle {
  system: PromptTemplate;
  /** Example posts for every style, shown in the cached system block. */
  examples: PromptTemplate;
  type: PromptTemplate;
  styles: Record<string, PromptTemplate>;
  /** The version string a variant records: system + examples + type + style refs. */
  versionFor(style: string): string;
}

export const loadBundle = (contentType: string, styles: readonly string[], dir = promptsDir()): PromptBundle => {
  const system = loadTemplate('brand-voice.md', dir);
  const examples = loadTemplate('examples.md', dir);
  const type = loadTemplate(`types/${contentType}.md`, dir);
  const styleTemplates = Object.fromEntries(styles.map((s) => [s, loadTemplate(`styles/${s}.md`, dir)]));
  return {
    system,
    examples,
    type,
    styles: styleTemplates,
    versionFor: (style) => [system.ref, examples.ref, type.ref, styleTemplates[style]?.ref ?? style].join('+'),
  };
};
