import { defineCommand } from '../src/cli/command-def.js';
import { l } from '../src/i18n/localized.js';

export const doctorCommand = defineCommand({
  name: 'doctor',
  summary: l(
    'Check config, home, database, prompts and providers; say what to fix',
    'Vérifier configuration, dossier, base, prompts et fournisseurs; dire quoi corriger',
  ),
  examples: [
    {
      command: 'autoscale doctor',
      description: l('a check list with fixes', 'une liste de vérifications avec les corrections'),
    },
    {
      command: 'autoscale doctor --json',
      description: l(
        'for monitoring; exit code 3 when a check fails',
        'pour la surveillance; code 3 si une vérification échoue',
      ),
    },
  ],
  run: async (ctx) => {
    const { runDoctorCommand } = await import('../src/cli/handlers/doctor-handler.js');
    await runDoctorCommand(ctx);
  },
});
