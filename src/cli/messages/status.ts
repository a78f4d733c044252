import { command } from '../../i18n/commands.js';
import { l, type Localized } from '../../i18n/localized.js';

/** `status`. */
export const STATUS = {
  posts: (brand: string | null, total: string) =>
    brand
      ? l(`Posts (${brand}): ${total}`, `Publications (${brand}) : ${total}`)
      : l(`Posts (all brands): ${total}`, `Publications (toutes les marques) : ${total}`),
  noPosts: l('none yet', 'aucune pour l’instant'),
  next: l('Next posts', 'Prochaines publications'),
  noneScheduled: l('none scheduled', 'aucune de prévue'),
  attention: l('Needs attention', 'À surveiller'),
  resumable: l(
    'Interrupted generations (run the same generate command again to resume)',
    'Générations interrompues (relancez la même commande generate pour reprendre)',
  ),
  failedJobs: l('Failed jobs', 'Tâches en échec'),
  because: (what: string, why: string) => l(`${what}: ${why}`, `${what} : ${why}`),
  daemon: l('Daemon', 'Démon'),
  noHeartbeat: l('no heartbeat (not running on this home)', 'aucun signal (il ne tourne pas sur ce dossier)'),
  stopped: (at: string, pid: string, mode: string) =>
    l(`stopped ${at} (pid ${pid}, ${mode})`, `arrêté le ${at} (pid ${pid}, ${mode})`),
  up: (since: string, pid: string) => l(`up since ${since} (pid ${pid})`, `actif depuis le ${since} (pid ${pid})`),
  lastTick: (at: string) => l(`last tick ${at}`, `dernier battement ${at}`),
  never: l('never', 'jamais'),
  nextJobs: (list: string) => l(`next: ${list}`, `prochaines : ${list}`),
  daemonMode: l('daemon', 'démon'),
  onceMode: l('single pass', 'passe unique'),
} as const;

/** What to do about a post that needs attention, by its state. */
export const RESOLVE_HINT: Record<string, (id: string) => Localized> = {
  failed: (id) =>
    l(
      `fix the cause, then ${command('approve', id)} to publish it again`,
      `corrigez la cause, puis ${command('approve', id)} pour la publier de nouveau`,
    ),
  unconfirmed: () =>
    l(
      'reconciles with the Page before any retry; never posts twice',
      'vérifie la Page avant toute reprise; jamais de double publication',
    ),
  publishing: () =>
    l(
      'if no publisher is running: reconciles the interrupted call',
      'si aucun éditeur ne tourne : vérifie l’appel interrompu',
    ),
};
