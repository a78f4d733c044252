import type { ServiceDeps } from '../../deps/service-deps.js';
import { UsageError } from '../../errors/errors.js';
import { l } from '../../i18n/localized.js';
import { createSlackClient } from '../../notify/slack-api.js';
import { createPageServer, type PageServer, type ServerLog } from '../../server/page-server.js';
import { startSlackSocket, type SlackSocket } from '../../slack/socket.js';

/** `host:port` → its parts; `[::1]:8787` for IPv6. */
export const parseListen = (value: string, flag: string): { host: string; port: number } => {
  const m = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(value.trim());
  const port = m ? Number(m[2]) : NaN;
  if (!m || port > 65535) {
    throw new UsageError(l(`${flag} "${value}" is not host:port.`, `${flag} « ${value} » n’est pas hôte:port.`), {
      code: 'bad_listen',
      fix: l(
        'Use e.g. 127.0.0.1:8787 (behind a reverse proxy) or 0.0.0.0:8787.',
        'Utilisez p. ex. 127.0.0.1:8787 (derrière un mandataire inverse) ou 0.0.0.0:8787.',
      ),
    });
  }
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port };
};

export interface ApprovalChannels {
  page?: { url: string; server: PageServer } | undefined;
  socket?: SlackSocket | undefined;
  slackHttp: boolean;
  stop(): Promise<void>;
}

/**
 * The approval channels a long-running process holds: the review page (with Slack's HTTP
 * interactivity when SLACK_SIGNING_SECRET is set) and the Socket Mode connection (when
 * SLACK_APP_TOKEN is set). `autoscale serve` and `autoscale daemon` both start them.
 */
export const startApprovalChannels = async (
  deps: ServiceDeps,
  log: ServerLog,
  options: { listen?: string | undefined; listenFlag: string },
): Promise<ApprovalChannels> => {
  const botToken = deps.env.get('SLACK_BOT_TOKEN');
  const apiUrl = deps.env.get('SLACK_API_URL');
  const signingSecret = deps.env.get('SLACK_SIGNING_SECRET');
  const appToken = deps.env.get('SLACK_APP_TOKEN');
  let page: ApprovalChannels['page'];
  let socket: SlackSocket | undefined;
  const slackHttp = Boolean(options.listen && botToken && signingSecret);
  try {
    if (options.listen) {
      const { host, port } = parseListen(options.listen, options.listenFlag);
      const server = createPageServer({
        deps,
        log,
        slack: slackHttp
          ? {
              client: await createSlackClient(botToken!, apiUrl, deps.config.notify.timeoutMs),
              signingSecret: signingSecret!,
            }
          : undefined,
      });
      const { url } = await server.listen(host, port).catch((cause: NodeJS.ErrnoException) => {
        throw new UsageError(
          l(
            `Cannot listen on ${host}:${port}: ${cause.code ?? cause.message}.`,
            `Impossible d’écouter sur ${host}:${port} : ${cause.code ?? cause.message}.`,
          ),
          {
            code: 'listen_failed',
            cause,
            fix: l(
              'Another process holds that port (the daemon with approval.listen, or another `autoscale serve`?): choose another with --listen, or stop it.',
              'Un autre processus tient ce port (le démon avec approval.listen, ou un autre `autoscale serve` ?) : choisissez-en un autre avec --listen, ou arrêtez-le.',
            ),
          },
        );
      });
      page = { url, server };
    }
    if (appToken && botToken) socket = await startSlackSocket({ deps, appToken, botToken, apiUrl, log });
  } catch (error) {
    await page?.server.close();
    throw error;
  }
  return {
    page,
    socket,
    slackHttp,
    stop: async () => {
      await Promise.all([page?.server.close(), socket?.stop()]);
    },
  };
};
