import { ensureSigningSecret } from '../../config/signing-secret.js';
import { loadEnvironment } from '../../config/secrets.js';
import { createLogger } from '../../daemon/logger.js';
import { StateError } from '../../errors/errors.js';
import { l } from '../../i18n/localized.js';
import { issueLink, pageBaseUrl } from '../../approval/announce.js';
import { loadReview } from '../../approval/approval-service.js';
import { friendlySlot } from '../../approval/wording.js';
import { shortId } from '../../store/ids.js';
import type { ServiceDeps } from '../../deps/service-deps.js';
import type { AppContext } from '../context.js';
import { serviceDeps } from './service-deps.js';
import { startApprovalChannels } from './approval-channels.js';

/** Services with the signing secret in place (created in the home's .env on first need). */
export const depsWithSecret = async (ctx: AppContext): Promise<ServiceDeps> => {
  const deps = await serviceDeps(ctx);
  if (ensureSigningSecret(ctx.paths.env, ctx.processEnv)) {
    ctx.out.note(
      l(
        `Created the signing secret for review links in ${ctx.paths.env} (mode 0600).`,
        `Secret de signature des liens de révision créé dans ${ctx.paths.env} (mode 0600).`,
      ),
    );
    return { ...deps, env: loadEnvironment(ctx.paths.env, ctx.processEnv) };
  }
  return deps;
};

export const runLink = async (ctx: AppContext, id: string, opts: { expires?: number | undefined }) => {
  const expiresInMs = opts.expires;
  const deps = await depsWithSecret(ctx);
  const view = await loadReview(deps, id);
  if (view.post.state !== 'in_review') {
    throw new StateError(
      l(
        `Post ${shortId(view.post.id)} is ${view.post.state}; review links are for posts in review.`,
        `La publication ${shortId(view.post.id)} est à l’état ${view.post.state}; les liens de révision visent les publications en révision.`,
      ),
      {
        code: 'not_in_review',
        fix: l(
          `See it with \`autoscale show ${shortId(view.post.id)}\`.`,
          `Voyez-le avec \`autoscale show ${shortId(view.post.id)}\`.`,
        ),
      },
    );
  }
  const link = await issueLink(deps, view, { expiresInMs, createdBy: deps.writer().actor });
  const base = pageBaseUrl(deps);
  if (!base.public) {
    ctx.out.warn(
      l(
        'approval.publicUrl is not set: this link opens on this machine only. Set it to the HTTPS address of the page (docs/APPROVAL.md).',
        'approval.publicUrl n’est pas défini : ce lien ne s’ouvre que sur cette machine. Donnez-lui l’adresse HTTPS de la page (docs/APPROVAL.md).',
      ),
    );
  }
  const lang = ctx.out.lang;
  ctx.out.data(
    {
      id: view.post.id,
      shortId: shortId(view.post.id),
      url: link.url,
      linkId: link.linkId,
      expiresAt: link.expiresAt,
      version: link.version,
    },
    () =>
      [
        link.url,
        ctx.out.t(
          l(
            `Review page of post ${shortId(view.post.id)}, until ${friendlySlot(new Date(link.expiresAt), deps.brand.timezone, lang)}.`,
            `Page de révision de la publication ${shortId(view.post.id)}, jusqu’au ${friendlySlot(new Date(link.expiresAt), deps.brand.timezone, lang)}.`,
          ),
        ),
        ctx.out.t(l('Single use for approve, reject or edit.', 'Usage unique pour approuver, rejeter ou modifier.')),
      ].join('\n'),
  );
};

export const runServe = async (ctx: AppContext, opts: { listen?: string | undefined }) => {
  const deps = await depsWithSecret(ctx);
  const listen = opts.listen ?? deps.config.approval.listen ?? '127.0.0.1:8787';
  const log = createLogger({
    level: ctx.options.verbose ? 'debug' : 'info',
    pretty: Boolean(process.stderr.isTTY),
    colour: Boolean(process.stderr.isTTY) && !ctx.processEnv.NO_COLOR,
    secrets: deps.env.secretValues(),
    write: (chunk) => process.stderr.write(chunk),
  });
  const channels = await startApprovalChannels(deps, log, { listen, listenFlag: '--listen' });
  const url = channels.page!.url;
  ctx.out.data(
    {
      url,
      publicUrl: deps.config.approval.publicUrl ?? null,
      slack: { socketMode: Boolean(channels.socket), http: channels.slackHttp },
    },
    () =>
      [
        ctx.out.t(
          l(
            `Review page served at ${url} (Ctrl-C to stop).`,
            `Page de révision servie à ${url} (Ctrl-C pour arrêter).`,
          ),
        ),
        ctx.out.t(
          channels.socket
            ? l('Slack: Socket Mode connection held.', 'Slack : connexion Socket Mode maintenue.')
            : l(
                'Slack: no Socket Mode (SLACK_APP_TOKEN not set).',
                'Slack : pas de Socket Mode (SLACK_APP_TOKEN absent).',
              ),
        ),
        ...(channels.slackHttp
          ? [
              ctx.out.t(
                l(`Slack HTTP interactivity: ${url}/slack/actions`, `Interactivité HTTP Slack : ${url}/slack/actions`),
              ),
            ]
          : []),
      ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  await channels.stop();
};
