import { defineCommand } from '../src/cli/command-def.js';
import { l } from '../src/i18n/localized.js';

export const retryCommand = defineCommand({
  name: 'retry',
  args: ['<ref>'],
  summary: l(
    'Queue a failed job again (a job id, or a post id: its failed jobs)',
    'Remettre en file une tâche en échec (identifiant de tâche, ou de publication : ses tâches en échec)',
  ),
  examples: [
    {
      command: 'autoscale retry 3f9a1c2e',
      description: l('retry one job (id from autoscale jobs)', 'relancer une tâche (identifiant de autoscale jobs)'),
    },
    {
      command: 'autoscale retry <post-id>',
      description: l('retry every failed job of a post', 'relancer toutes les tâches en échec d’une publication'),
    },
  ],
  run: async (ctx, [ref]) => {
    const { runRetry } = await import('../src/cli/handlers/jobs-handler.js');
    await runRetry(ctx, ref);
  },
});
