import { existsSync, readFileSync, statSync } from 'node:fs';
import { parseEnv } from 'node:util';

/** Every secret autoscale reads. They come from the environment or <home>/.env, never config.json. */
export const SECRET_NAMES = [
  'ANTHROPIC_API_KEY',
  'KIE_API_KEY',
  'KAI_API_KEY',
  'OPENAI_API_KEY',
  'FACEBOOK_ACCESS_TOKEN',
  'FACEBOOK_APP_SECRET',
  'FACEBOOK_APP_ID',
  'LINKEDIN_ACCESS_TOKEN',
  'LINKEDIN_REFRESH_TOKEN',
  'LINKEDIN_CLIENT_SECRET',
  'SLACK_WEBHOOK_URL',
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'SLACK_SIGNING_SECRET',
  'APPROVAL_SIGNING_SECRET',
  'SMTP_URL',
  'SUPABASE_SERVICE_KEY',
  'DATABASE_URL',
  'SENTRY_DSN',
  // A check URL carries its own key: anyone holding it can report the daemon alive.
  'HEARTBEAT_URL',
] as const;

/** Settings that are not secret but also come from the environment. */
export const ENV_SETTINGS = [
  'ANTHROPIC_BASE_URL',
  'OPENAI_BASE_URL',
  'FACEBOOK_GRAPH_URL',
  'FACEBOOK_PAGE_ID',
  'INSTAGRAM_USER_ID',
  'INSTAGRAM_GRAPH_URL',
  'LINKEDIN_CLIENT_ID',
  'LINKEDIN_ORGANIZATION_ID',
  'LINKEDIN_API_URL',
  'LINKEDIN_TOKEN_URL',
  'SUPABASE_URL',
  'SLACK_CHANNEL',
  'SLACK_API_URL',
] as const;

export type SecretName = (typeof SECRET_NAMES)[number];
export type EnvSettingName = (typeof ENV_SETTINGS)[number];

export interface Environment {
  /** Known names autocomplete; any other name is read as-is. */
  get(name: SecretName | EnvSettingName | (string & {})): string | undefined;
  /** Values to scrub from anything printed or stored. */
  secretValues(): string[];
  /** Where each known variable came from, without its value (for doctor). */
  sources(): Record<string, 'env' | 'dotenv'>;
}

export const loadEnvironment = (dotenvPath: string, processEnv: NodeJS.ProcessEnv): Environment => {
  let fileValues: Record<string, string> = {};
  if (existsSync(dotenvPath)) {
    try {
      fileValues = parseEnv(readFileSync(dotenvPath, 'utf8')) as Record<string, string>;
    } catch {
      fileValues = {};
    }
  }
  const get = (name: string): string | undefined => {
    const value = processEnv[name] ?? fileValues[name];
    return value === undefined || value === '' ? undefined : value;
  };
  return {
    get,
    secretValues: () => {
      // Per-brand Page tokens (FACEBOOK_ACCESS_TOKEN_<BRAND>) are secrets too.
      const perBrand = [...Object.keys(processEnv), ...Object.keys(fileValues)].filter((n) =>
        n.startsWith('FACEBOOK_ACCESS_TOKEN_'),
      );
      return [...SECRET_NAMES, ...perBrand]
        .map((n) => get(n))
        .filter((v): v is string => typeof v === 'string' && v.length >= 6);
    },
    sources: () => {
      const out: Record<string, 'env' | 'dotenv'> = {};
      for (const name of [...SECRET_NAMES, ...ENV_SETTINGS]) {
        if (processEnv[name]) out[name] = 'env';
        else if (fileValues[name]) out[name] = 'dotenv';
      }
      return out;
    },
  };
};

/**
 * The mode of a .env the group or others can reach (its keys are then exposed), or
 * undefined when it is private or absent. Every command warns about it, not only doctor.
 */
export const exposedDotenv = (dotenvPath: string): number | undefined => {
  try {
    const mode = statSync(dotenvPath).mode & 0o777;
    return (mode & 0o077) !== 0 ? mode : undefined;
  } catch {
    return undefined;
  }
};
