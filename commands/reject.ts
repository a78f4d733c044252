import { defineCommand } from '../src/cli/command-def.js';
import { text } from '../src/cli/options.js';
import { l } from '../src/i18n/localized.js';

export const rejectCommand = defineCommand({
  name: 'reject',
  args: ['<id>'],
  summary: l('Reject a post, with the reason', 'Rejeter une publication, avec la raison'),
  options: {
    reason: text(
      '-r, --reason <text>',
      l('why (required; kept in the audit log)', 'pourquoi (obligatoire; conservé dans le journal d’audit)'),
    ),
  },
  examples: [
    {
      command: 'autoscale reject 3f9a1c2e --reason "trop générique"',
      description: l('reject with a reason', 'rejeter avec une raison'),
    },
  ],
  run: async (ctx, [id], opts) => {
    const { runReject } = await import('../src/cli/handlers/review-handlers.js');
    await runReject(ctx, id, opts);
  },
});
