import type { Config } from '../config/schema.js';
import type { Environment } from '../config/secrets.js';
import { l } from '../i18n/localized.js';
import type { DoctorCheck } from '../deps/service-deps.js';
import type { CheckResult } from '../domain/checks.js';
import { listAnthropicModels } from './anthropic-text.js';
import { openaiClient } from './openai-text.js';
import { classify } from './retry.js';
import { claudeEndpoint } from './select.js';

/**
 * Models with an announced end of life (the SDK warns about the same ones at call time).
 * Data, not logic: extend it when Anthropic announces a retirement.
 */
export const DEPRECATED_TEXT_MODELS: Record<string, string> = {
  'claude-sonnet-4-5': '2026-11-30',
  'claude-sonnet-4-5-20250929': '2026-11-30',
  'claude-opus-4-5': '2027-01-22',
  'claude-opus-4-5-20251101': '2027-01-22',
};

export const RECOMMENDED_TEXT_MODEL = 'claude-sonnet-4-6';

const setModel = (model: string) =>
  l(`autoscale config set providers.text.model ${model}`, `autoscale config set providers.text.model ${model}`);

const listModels = async (
  config: Config,
  env: Environment,
): Promise<{ provider: string; model: string; ids: string[] } | undefined> => {
  const t = config.providers.text;
  if (t.provider === 'offline') return undefined;
  if (t.provider !== 'openai') {
    const endpoint = claudeEndpoint(config, env, t.provider === 'auto' ? undefined : t.provider);
    if (endpoint) {
      return {
        provider: endpoint.id,
        model: t.model,
        ids: await listAnthropicModels({ ...endpoint, timeoutMs: Math.min(t.timeoutMs, 15_000) }),
      };
    }
    if (t.provider !== 'auto') return undefined;
  }
  const key = env.get('OPENAI_API_KEY');
  if (!key) return undefined;
  const client = await openaiClient({
    apiKey: key,
    baseURL: (t.provider === 'openai' ? t.baseUrl : undefined) ?? env.get('OPENAI_BASE_URL'),
    timeoutMs: Math.min(t.timeoutMs, 15_000),
  });
  const ids: string[] = [];
  for await (const m of client.models.list()) ids.push(m.id);
  return { provider: 'openai', model: t.openaiModel, ids };
};

/** Doctor: the configured text model is current, known to the endpoint (GET /v1/models), and priced. */
export const textModelCheck: DoctorCheck = async ({ env, clock }, config) => {
  if (!config) return [];
  const out: CheckResult[] = [];
  const model = config.providers.text.model;
  const eol = DEPRECATED_TEXT_MODELS[model];
  if (eol) {
    const past = clock.now().toISOString().slice(0, 10) >= eol;
    out.push({
      id: 'text-model-deprecated',
      status: past ? 'fail' : 'warn',
      message: l(
        `The configured model ${model} ${past ? 'reached' : 'reaches'} end of life on ${eol}.`,
        `Le modèle configuré ${model} ${past ? 'a atteint' : 'atteint'} sa fin de vie le ${eol}.`,
      ),
      fix: setModel(RECOMMENDED_TEXT_MODEL),
    });
  }
  let listed: Awaited<ReturnType<typeof listModels>>;
  try {
    listed = await listModels(config, env);
  } catch (error) {
    const c = classify(error);
    out.push({
      id: 'text-model',
      status: c.kind === 'auth' || c.kind === 'payment' ? 'fail' : 'warn',
      message: l(
        `Could not list the text models (${c.kind}${c.status ? ` ${c.status}` : ''}): ${c.detail}`,
        `Impossible de lister les modèles de texte (${c.kind}${c.status ? ` ${c.status}` : ''}) : ${c.detail}`,
      ),
      fix:
        c.kind === 'auth'
          ? l('Check the key in <home>/.env.', 'Vérifiez la clé dans <home>/.env.')
          : l(
              'Check the network or the base URL; generation may still work.',
              'Vérifiez le réseau ou l’URL de base; la génération peut quand même fonctionner.',
            ),
    });
    return out;
  }
  if (!listed) return out;
  if (listed.ids.length > 0 && !listed.ids.includes(listed.model)) {
    const suggestions =
      listed.ids
        .filter((id) => /sonnet|gpt/.test(id))
        .slice(0, 4)
        .join(', ') || listed.ids.slice(0, 4).join(', ');
    out.push({
      id: 'text-model',
      status: 'warn',
      message: l(
        `${listed.provider} does not list the configured model ${listed.model}.`,
        `${listed.provider} ne liste pas le modèle configuré ${listed.model}.`,
      ),
      fix: l(
        `Available: ${suggestions}. Then: autoscale config set providers.text.${listed.provider === 'openai' ? 'openaiModel' : 'model'} <id>`,
        `Disponibles : ${suggestions}. Puis : autoscale config set providers.text.${listed.provider === 'openai' ? 'openaiModel' : 'model'} <id>`,
      ),
    });
  } else if (!eol) {
    out.push({
      id: 'text-model',
      status: 'ok',
      message: l(`${listed.provider} serves ${listed.model}`, `${listed.provider} offre ${listed.model}`),
    });
  }
  const prices = config.prices.text;
  if (!prices[listed.model] && !Object.keys(prices).some((name) => listed.model.startsWith(name))) {
    out.push({
      id: 'text-model-price',
      status: 'warn',
      message: l(
        `No price for ${listed.model}: its calls are recorded at $0.`,
        `Aucun prix pour ${listed.model} : ses appels sont comptés à 0 $.`,
      ),
      fix: l(
        `Add it to prices.text in config.json (USD per million tokens).`,
        `Ajoutez-le à prices.text dans config.json (USD par million de jetons).`,
      ),
    });
  }
  return out;
};
