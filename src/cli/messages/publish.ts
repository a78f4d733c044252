import { command } from '../../i18n/commands.js';
import { l, type Localized } from '../../i18n/localized.js';

/** `publish` and `schedule`. */
export const PUBLISH = {
  published: (id: string, page: string, post: string, photo: string | null, reconciled: boolean) =>
    l(
      `${id}: published on Page ${page} (Facebook post ${post}${photo ? `, photo ${photo}` : ''})${reconciled ? ', confirmed by reconciliation' : ''}.`,
      `${id} : publiée sur la Page ${page} (publication Facebook ${post}${photo ? `, photo ${photo}` : ''})${reconciled ? ', confirmée par vérification sur la Page' : ''}.`,
    ),
  scheduled: (id: string, when: string, post: string) =>
    l(
      `${id}: scheduled on Facebook for ${when} (Facebook post ${post}); Meta publishes it even if this machine is off.`,
      `${id} : programmée sur Facebook pour le ${when} (publication Facebook ${post}); Meta la publie même si cet ordinateur est éteint.`,
    ),
  dryRun: (id: string, reason: string, file: string) =>
    l(
      `${id}: DRY RUN (${reason}): nothing was sent to Facebook; what would be posted is in ${file}.`,
      `${id} : SIMULATION (${reason}) : rien n’a été envoyé à Facebook; ce qui serait publié est dans ${file}.`,
    ),
  deferred: (id: string, reason: string, retry: string | null) =>
    l(
      `${id}: not published now (${reason})${retry ? `; next try ${retry}` : ''}.`,
      `${id} : pas publiée maintenant (${reason})${retry ? `; prochain essai le ${retry}` : ''}.`,
    ),
  notDueHint: l('Use --immediately to publish at once.', 'Utilisez --immediately pour publier tout de suite.'),
  unconfirmed: (id: string, reason: string) =>
    l(
      `${id}: UNCONFIRMED: ${reason}. Check the Page, then run ${command('publish', id)} again to reconcile (it never posts twice).`,
      `${id} : NON CONFIRMÉE : ${reason}. Vérifiez la Page, puis relancez ${command('publish', id)} pour vérifier (jamais de double publication).`,
    ),
  failed: (id: string, reason: string) => l(`${id}: FAILED: ${reason}`, `${id} : ÉCHEC : ${reason}`),
  unchanged: (id: string, state: string, post: string | null) =>
    l(
      `${id}: nothing to do (${state}${post ? `, Facebook post ${post}` : ''}).`,
      `${id} : rien à faire (${state}${post ? `, publication Facebook ${post}` : ''}).`,
    ),
  dueDryRun: (reason: string) =>
    l(`Dry run (${reason}): nothing is sent to Facebook.`, `Simulation (${reason}) : rien n’est envoyé à Facebook.`),
  nothingDue: l('Nothing due.', 'Rien à publier.'),
  idOrDue: l('Give an id or --due, not both.', 'Donnez un identifiant ou --due, pas les deux.'),
  idOrDueFix: l(
    `${command('publish', '<id>')} or ${command('publish', '--due')}.`,
    `${command('publish', '<id>')} ou ${command('publish', '--due')}.`,
  ),
  which: l(
    'Which post? Give its id, or --due for every due post.',
    'Quelle publication ? Donnez son identifiant, ou --due pour toutes celles qui sont dues.',
  ),
  whichFix: l(
    `See the ids with ${command('schedule')} or ${command('list', '--state approved')}.`,
    `Voyez les identifiants avec ${command('schedule')} ou ${command('list', '--state approved')}.`,
  ),
  withdrawn: (id: string) =>
    l(
      `${id}: withdrawn from Facebook's schedule; back in review. ${command('approve', id)} draws a new slot.`,
      `${id} : retirée de la programmation Facebook; de retour en révision. ${command('approve', id)} tire un nouveau créneau.`,
    ),
} as const;

export const SCHEDULE = {
  empty: l('No approved post is waiting for its slot.', 'Aucune publication approuvée n’attend son créneau.'),
  title: (tz: string) => l(`Upcoming slots (${tz})`, `Prochains créneaux (${tz})`),
  id: l('id', 'id'),
  slot: l('slot', 'créneau'),
  state: l('state', 'état'),
  mode: l('mode', 'mode'),
  handling: l('what happens', 'ce qui se passe'),
  brand: l('brand', 'marque'),
  facebook: l('Facebook post', 'publication Facebook'),
} as const;

/** What will happen to a slot (ScheduleEntry.handling); the mode has its own column, so it is not repeated here. */
export const HANDLING: Record<
  'meta_holds' | 'native_when_in_range' | 'queue' | 'queue_overdue' | 'dry_run' | 'in_flight' | 'unconfirmed',
  Localized
> = {
  meta_holds: l('Meta holds it (native)', 'Meta la garde (programmation native)'),
  native_when_in_range: l('handed to Meta by the next pass', 'confiée à Meta au prochain passage'),
  queue: l('the daemon publishes at the slot', 'le démon publie au créneau'),
  queue_overdue: l('overdue, next pass publishes it', 'en retard, publiée au prochain passage'),
  dry_run: l('dry run (no Facebook credentials)', 'simulation (pas d’identifiants Facebook)'),
  in_flight: l('being published', 'en cours de publication'),
  unconfirmed: l(
    `unconfirmed: run ${command('publish', '<id>')}`,
    `non confirmée : lancez ${command('publish', '<id>')}`,
  ),
};
