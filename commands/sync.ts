import { defineCommand } from '../src/cli/command-def.js';
import { flag } from '../src/cli/options.js';
import { l } from '../src/i18n/localized.js';

export const syncCommand = defineCommand({
  name: 'sync',
  summary: l(
    'Sync this replica with Supabase (or a Postgres hub): push, then pull',
    'Synchroniser cette réplique avec Supabase (ou un Postgres) : envoyer, puis recevoir',
  ),
  description: l(
    'Sends the local changes waiting in the outbox, then receives what other replicas changed. Offline is normal: the outbox keeps every change until the hub is reachable.',
    'Envoie les changements locaux en attente, puis reçoit ceux des autres répliques. Hors ligne, c’est normal : la file garde chaque changement jusqu’à ce que le concentrateur soit joignable.',
  ),
  options: {
    push: flag('--push', l('only send local changes', 'seulement envoyer les changements locaux')),
    pull: flag('--pull', l('only receive changes from the hub', 'seulement recevoir les changements du concentrateur')),
  },
  exclusive: [['push', 'pull']],
  examples: [
    { command: 'autoscale sync', description: l('push then pull', 'envoyer puis recevoir') },
    {
      command: 'autoscale sync status',
      description: l(
        'replica id, cursor, outbox, last success, publisher',
        'id de réplique, curseur, file d’envoi, dernier succès, publieur',
      ),
    },
    {
      command: 'autoscale sync setup --print > hub.sql',
      description: l(
        'the hub schema, to paste into the Supabase SQL editor',
        'le schéma du concentrateur, à coller dans l’éditeur SQL de Supabase',
      ),
    },
  ],
  run: async (ctx, _args, opts) => {
    const { runSyncCommand } = await import('../src/cli/handlers/sync-handler.js');
    await runSyncCommand(ctx, opts);
  },
  subcommands: [
    defineCommand({
      name: 'status',
      summary: l(
        'Replica id, cursor, outbox size, last success, publisher lease holder',
        'Id de réplique, curseur, taille de la file, dernier succès, détenteur du bail de publication',
      ),
      run: async (ctx) => {
        const { runSyncStatus } = await import('../src/cli/handlers/sync-handler.js');
        await runSyncStatus(ctx);
      },
    }),
    defineCommand({
      name: 'setup',
      summary: l(
        'Print or apply the hub schema (tables, row-level security, sync functions, lease)',
        'Afficher ou appliquer le schéma du concentrateur (tables, RLS, fonctions, bail)',
      ),
      options: {
        print: flag('--print', l('print the SQL (default)', 'afficher le SQL (par défaut)')),
        apply: flag('--apply', l('apply it through DATABASE_URL', 'l’appliquer via DATABASE_URL')),
      },
      exclusive: [['print', 'apply']],
      run: async (ctx, _args, opts) => {
        const { runSyncSetup } = await import('../src/cli/handlers/sync-handler.js');
        await runSyncSetup(ctx, opts);
      },
    }),
  ],
});
