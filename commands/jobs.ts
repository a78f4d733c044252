import { defineCommand } from '../src/cli/command-def.js';
import { integer, list } from '../src/cli/options.js';
import { JOB_KINDS, JOB_STATES } from '../src/domain/jobs.js';
import { l } from '../src/i18n/localized.js';

export const jobsCommand = defineCommand({
  name: 'jobs',
  summary: l(
    'List the daemon’s jobs: state, attempts, next run, last error',
    'Lister les tâches du démon : état, tentatives, prochaine exécution, dernière erreur',
  ),
  options: {
    state: list(
      '--state <states>',
      l(
        'queued, running, done, failed, skipped (comma-separated)',
        'queued, running, done, failed, skipped (séparés par des virgules)',
      ),
      JOB_STATES,
    ),
    kind: list(
      '--kind <kinds>',
      l('job kinds, e.g. generate,notify', 'types de tâche, p. ex. generate,notify'),
      JOB_KINDS,
    ),
    limit: integer('--limit <n>', l('at most n jobs (default 30)', 'au plus n tâches (par défaut 30)'), {
      min: 1,
      max: 10_000,
    }).default(30),
  },
  examples: [
    { command: 'autoscale jobs', description: l('the latest jobs', 'les dernières tâches') },
    {
      command: 'autoscale jobs --state failed --json',
      description: l('failed jobs as JSON', 'les tâches en échec en JSON'),
    },
  ],
  run: async (ctx, _args, opts) => {
    const { runJobs } = await import('../src/cli/handlers/jobs-handler.js');
    await runJobs(ctx, opts);
  },
});
