import { ExitCode, isAutoscaleError } from '../../errors/errors.js';
import { l } from '../../i18n/localized.js';
import { publisherLeaseStatus, type PublisherLease } from '../../sync/lease.js';
import { applyHubSchema, hubSchemaScript } from '../../sync/setup.js';
import { chooseTransport, localSyncStatus, notConfigured, runSync, type SyncReport } from '../../sync/sync-service.js';
import type { AppContext } from '../context.js';
import { progressBar } from '../progress-bar.js';
import { shortId } from '../../store/ids.js';
import { serviceDeps } from './service-deps.js';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const runSyncCommand = async (ctx: AppContext, opts: { push: boolean; pull: boolean }) => {
  const deps = await serviceDeps(ctx, 'sync');
  const choice = chooseTransport(deps);
  if (!choice.kind) throw notConfigured(choice);
  // --push and --pull exclude each other (commands/sync.ts); without either, sync does both.
  const { push: onlyPush, pull: onlyPull } = opts;
  ctx.out.note(l(`Hub: ${choice.kind} (${choice.why.en}).`, `Concentrateur : ${choice.kind} (${choice.why.fr}).`));
  const progress = progressBar(ctx.out, ctx.out.t(l('Sync', 'Synchro')));
  let report: SyncReport;
  try {
    report = await runSync(deps, { push: !onlyPull, pull: !onlyPush, progress: progress.sink });
  } finally {
    progress.done();
  }
  // Measurements that came from another replica move the facts generation (store/facts-refresh.ts),
  // so the learning loop takes them in at its next use (the daemon right after its own sync,
  // `generate`, `insights`): a person waiting on `sync` does not pay for it.
  if (report.offline) {
    ctx.out.warn(
      l(
        `The hub is unreachable (${report.error ?? 'offline'}). Nothing is lost: ${plural(report.outbox, 'row waits', 'rows wait')} in the outbox for the next sync.`,
        `Le concentrateur est injoignable (${report.error ?? 'hors ligne'}). Rien n’est perdu : ${report.outbox} ligne(s) attendent dans la file pour la prochaine synchronisation.`,
      ),
    );
    ctx.exitCode = ExitCode.external;
  }
  if (report.pull?.raced) {
    ctx.out.note(
      l(
        'Another autoscale process (the daemon?) pulled at the same moment; its copy was kept.',
        'Un autre processus autoscale (le démon?) a reçu les changements au même moment; sa copie a été gardée.',
      ),
    );
  }
  // Both sides of an edit made on two machines at once are kept: say where, on both machines.
  const conflicts = [...(report.push?.conflicts ?? []), ...(report.pull?.conflicts ?? [])];
  for (const c of [...conflicts, ...(report.pull?.receivedConflicts ?? [])]) {
    const id = c.postId ? shortId(c.postId) : c.variantId.slice(-8);
    const v = c.variantIdx ?? '?';
    ctx.out.warn(
      l(
        `Post ${id}, variant ${v}: edited on two machines at once; both texts are kept. The one by ${c.author} is version ${c.versionNo} (not current): compare with \`autoscale show ${id}\`, use it with \`autoscale edit ${id} --variant ${v} --restore ${c.versionNo}\`.`,
        `Post ${id}, variante ${v} : modifiée sur deux machines en même temps; les deux textes sont gardés. Celui de ${c.author} est la version ${c.versionNo} (pas la courante) : comparez avec \`autoscale show ${id}\`, retenez-le avec \`autoscale edit ${id} --variant ${v} --restore ${c.versionNo}\`.`,
      ),
    );
  }
  for (const r of report.push?.rejected ?? []) {
    // A lost version is not lost: it was kept as a new version (above).
    if (r.tbl === 'variant_versions' && conflicts.length > 0 && r.reason.startsWith('unique_conflict:')) continue;
    ctx.out.note(
      l(
        `Hub refused ${r.tbl} ${r.id}: ${r.reason} (kept in the audit log; the hub's copy wins).`,
        `Le concentrateur a refusé ${r.tbl} ${r.id} : ${r.reason} (conservé au journal d’audit; la copie du concentrateur l’emporte).`,
      ),
    );
  }
  ctx.out.data(report, () => {
    if (report.offline)
      return ctx.out.t(
        l(
          `offline · outbox ${report.outbox} · cursor ${report.cursor}`,
          `hors ligne · file ${report.outbox} · curseur ${report.cursor}`,
        ),
      );
    const lines: string[] = [];
    if (report.push) {
      const p = report.push;
      lines.push(
        ctx.out.t(
          l(
            `pushed   ${p.sent} (accepted ${p.accepted}, replayed ${p.duplicates}, refused ${p.rejected.length}), media uploaded ${p.mediaUploaded}${p.mediaMissing ? `, ${p.mediaMissing} missing locally` : ''}`,
            `envoyé   ${p.sent} (acceptés ${p.accepted}, rejoués ${p.duplicates}, refusés ${p.rejected.length}), médias envoyés ${p.mediaUploaded}${p.mediaMissing ? `, ${p.mediaMissing} absents localement` : ''}`,
          ),
        ),
      );
    }
    if (report.pull) {
      const p = report.pull;
      lines.push(
        ctx.out.t(
          l(
            `pulled   ${p.received} (applied ${p.applied}, waiting for push ${p.skippedPending}${p.parked ? `, kept for a newer schema ${p.parked}` : ''}), media downloaded ${p.mediaDownloaded}${p.mediaPending ? `, ${p.mediaPending} pending` : ''}`,
            `reçu     ${p.received} (appliqués ${p.applied}, en attente d’envoi ${p.skippedPending}${p.parked ? `, gardés pour un schéma plus récent ${p.parked}` : ''}), médias reçus ${p.mediaDownloaded}${p.mediaPending ? `, ${p.mediaPending} en attente` : ''}`,
          ),
        ),
      );
    }
    lines.push(
      ctx.out.t(
        l(
          `outbox   ${report.outbox} · cursor ${report.cursor} · ${report.transport} ${report.target}`,
          `file     ${report.outbox} · curseur ${report.cursor} · ${report.transport} ${report.target}`,
        ),
      ),
    );
    return lines.join('\n');
  });
};

export const runSyncStatus = async (ctx: AppContext) => {
  const deps = await serviceDeps(ctx, 'sync');
  const status = await localSyncStatus(deps);
  let lease: PublisherLease | { error: string };
  try {
    // Status must answer quickly even when the hub is unreachable.
    const quick = {
      ...deps,
      config: { ...deps.config, sync: { ...deps.config.sync, timeoutMs: Math.min(deps.config.sync.timeoutMs, 5000) } },
    };
    lease = await publisherLeaseStatus(quick);
  } catch (error) {
    lease = { error: isAutoscaleError(error) ? error.message : String(error) };
  }
  const value = { ...status, lease };
  ctx.out.data(value, () => {
    const leaseText =
      'error' in lease
        ? lease.error
        : lease.source === 'local'
          ? ctx.out.t(
              l(
                'this replica (no hub configured: the local daemon publishes)',
                'cette réplique (aucun concentrateur : le démon local publie)',
              ),
            )
          : `${lease.holder ? `${lease.holderLabel ?? ''} (${lease.holder})${lease.held ? ctx.out.t(l(' = this replica', ' = cette réplique')) : ''}` : ctx.out.t(l('nobody', 'personne'))}${lease.expiresAt ? `${ctx.out.t(l(' until ', ' jusqu’à '))}${lease.expiresAt}` : ''}${lease.offline ? ctx.out.t(l(' [hub unreachable: last known]', ' [concentrateur injoignable : dernier connu]')) : ''}`;
    const why = chooseTransport(deps).why;
    const rows: [string, string][] = [
      [ctx.out.t(l('replica', 'réplique')), status.replicaId],
      [
        ctx.out.t(l('hub', 'concentrateur')),
        status.configured
          ? `${status.transport ?? ''} ${status.target ?? ''}`
          : ctx.out.t(l(`not configured (${why.en})`, `non configuré (${why.fr})`)),
      ],
      [ctx.out.t(l('cursor', 'curseur')), String(status.cursor)],
      [
        ctx.out.t(l('outbox', 'file')),
        ctx.out.t(
          l(
            `${status.outbox.rows} rows (${status.outbox.entries} changes)`,
            `${status.outbox.rows} lignes (${status.outbox.entries} changements)`,
          ),
        ),
      ],
      [ctx.out.t(l('last ok', 'dernier succès')), status.lastSuccessAt ?? '-'],
      [
        ctx.out.t(l('last error', 'dernière erreur')),
        status.lastError ? `${status.lastError} (${status.lastErrorAt ?? ''})` : '-',
      ],
      [
        ctx.out.t(l('media', 'médias')),
        status.mediaPending
          ? ctx.out.t(l(`${status.mediaPending} to download`, `${status.mediaPending} à télécharger`))
          : '-',
      ],
      [ctx.out.t(l('publisher', 'publieur')), leaseText],
    ];
    return rows.map(([k, v]) => `${k.padEnd(15)} ${v}`).join('\n');
  });
};

export const runSyncSetup = async (ctx: AppContext, opts: { apply: boolean }) => {
  if (!opts.apply) {
    const script = hubSchemaScript();
    ctx.out.note(
      l(
        'Paste this into the Supabase SQL editor (or run it with psql), or use `autoscale sync setup --apply` with DATABASE_URL set.',
        'Collez ceci dans l’éditeur SQL de Supabase (ou passez-le à psql), ou utilisez `autoscale sync setup --apply` avec DATABASE_URL.',
      ),
    );
    ctx.out.data({ sql: script }, () => script);
    return;
  }
  const config = ctx.config();
  const progress = ctx.out.progress(ctx.out.t(l('Applying the hub schema', 'Application du schéma du concentrateur')));
  let result;
  try {
    result = await applyHubSchema({ env: ctx.env, config });
  } finally {
    progress.done();
  }
  ctx.out.data(result, () =>
    [
      ctx.out.t(
        l(
          `Applied ${result.applied.length} migration(s) to ${result.target}: ${result.applied.join(', ')}.`,
          `${result.applied.length} migration(s) appliquée(s) sur ${result.target} : ${result.applied.join(', ')}.`,
        ),
      ),
      result.bucket.status === 'no_storage_schema'
        ? ctx.out.t(
            l(
              `No Supabase Storage here: media go to the sync_blobs table (direct transport).`,
              `Pas de Supabase Storage ici : les médias vont dans la table sync_blobs (transport direct).`,
            ),
          )
        : ctx.out.t(
            l(
              `Storage bucket ${result.bucket.name}: ${result.bucket.status}.`,
              `Compartiment Storage ${result.bucket.name} : ${result.bucket.status}.`,
            ),
          ),
    ].join('\n'),
  );
};
