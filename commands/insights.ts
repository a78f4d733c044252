import { defineCommand } from '../src/cli/command-def.js';
import { text } from '../src/cli/options.js';
import { l } from '../src/i18n/localized.js';

export const insightsCommand = defineCommand({
  name: 'insights',
  summary: l(
    'What the optimizer believes, how sure it is, and why it chose what it chose',
    'Ce que l’optimiseur croit, avec quelle certitude, et pourquoi il a choisi',
  ),
  description: l(
    "Beliefs about engagement per content type, style and day × hour slot (mean, 90 % interval, chance of being the best), the last decisions with their explanation, the prompt guidance lines and the engagement predictor's error.",
    'Croyances sur l’engagement par type de contenu, style et créneau jour × heure (moyenne, intervalle à 90 %, chance d’être le meilleur), les dernières décisions expliquées, les lignes de guide des prompts et l’erreur du prédicteur d’engagement.',
  ),
  examples: [
    { command: 'autoscale insights', description: l('beliefs and decisions', 'croyances et décisions') },
    {
      command: 'autoscale insights guidance',
      description: l('the guidance lines injected into prompts', 'les lignes de guide injectées dans les prompts'),
    },
    {
      command: 'autoscale insights guidance --reject 1a2b3c4d',
      description: l('never use that lesson again', 'ne plus jamais utiliser cette leçon'),
    },
  ],
  run: async (ctx) => {
    const { runInsights } = await import('../src/cli/handlers/insights-handler.js');
    await runInsights(ctx);
  },
  subcommands: [
    defineCommand({
      name: 'guidance',
      summary: l(
        'List, pin or reject the prompt guidance lines',
        'Lister, épingler ou rejeter les lignes de guide des prompts',
      ),
      options: {
        pin: text(
          '--pin <id>',
          l(
            'keep this line in prompts even when the data stops showing it',
            'garder cette ligne dans les prompts même si les données ne la montrent plus',
          ),
        ),
        reject: text('--reject <id>', l('never inject this line', 'ne jamais injecter cette ligne')),
        reset: text(
          '--reset <id>',
          l('back to automatic (undo pin or reject)', 'revenir à l’automatique (annule épingler ou rejeter)'),
        ),
      },
      exclusive: [['pin', 'reject', 'reset']],
      run: async (ctx, _args, opts) => {
        const { runGuidance } = await import('../src/cli/handlers/insights-handler.js');
        await runGuidance(ctx, opts);
      },
    }),
  ],
});
