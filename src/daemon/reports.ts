import { linkedinTokenCheck } from '../publish/platform-tokens.js';
import { brandLang } from '../config/lang.js';
import { pick } from '../i18n/localized.js';
import { withPlanOutlook } from '../plan/outlook.js';
import { queueNotification, queueRendered } from '../notify/notify-service.js';
import { facebookCredentials, graphClientFor } from '../platforms/facebook/credentials.js';
import { checkTokenHealth } from '../platforms/facebook/token-health.js';
import type { HandlerFor } from '../jobs/registry.js';

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/**
 * `weekly_report` (Monday 08:00 by default): the last complete week, built by the report
 * service, sent as a Slack summary and an email whose body is the self-contained HTML report.
 * Keyed by brand and week, so a retry or a second daemon sends it once.
 */
export const weeklyReportHandler: HandlerFor<'weekly_report'> = async (ctx) => {
  const { deps } = ctx;
  const { buildWeeklyReport } = await import('../report/weekly.js');
  const report = await buildWeeklyReport(deps, {}, undefined, (data) => withPlanOutlook(deps, data));
  const { from, to } = report.data.period;
  const queued = await queueRendered(deps, ctx.enqueue, {
    key: `weekly_report:${deps.brandSlug}:${from}`,
    event: 'weekly_report',
    message: {
      subject: `[autoscale] ${report.subject}`,
      text: report.slackText,
      html: report.html,
      slack: {
        text: clip(report.slackText, 3000),
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: clip(report.slackText, 2900) } }],
      },
    },
  });
  ctx.log.info({ from, to, channels: queued.map((q) => q.channel) }, 'weekly report queued');
  return { result: { from, to, channels: queued.map((q) => q.channel) } };
};

/**
 * `token_check` (daily): `debug_token` judged for publishing and insights. Failures and
 * warnings (expiry within 14 days, a missing scope) become one "token problem" message per
 * distinct problem. A brand without credentials has nothing to check.
 */
export const tokenCheckHandler: HandlerFor<'token_check'> = async (ctx) => {
  const { deps } = ctx;
  // LinkedIn first: its 60-day token is refreshed or a reminder sent, whatever Facebook's state.
  const linkedin = await linkedinTokenCheck(deps);
  for (const notice of linkedin.notices)
    await queueNotification(deps, ctx.enqueue, {
      type: 'token_problem',
      brand: deps.brandSlug,
      detail: notice.detail,
      ...(notice.fix ? { fix: notice.fix } : {}),
    });
  const found = facebookCredentials(deps);
  if (!found.ok)
    return {
      result: {
        skipped: `no ${found.missing.join(' / ')}`,
        linkedin: { refreshed: linkedin.refreshed, notices: linkedin.notices.length },
      },
    };
  const client = graphClientFor(deps, found.credentials);
  let health;
  try {
    health = await checkTokenHealth(client, found.credentials, deps.clock.now());
  } finally {
    client.close();
  }
  const lang = brandLang(deps.brand);
  const problems = health.results.filter((r) => r.status !== 'ok');
  if (problems.length) {
    await queueNotification(deps, ctx.enqueue, {
      type: 'token_problem',
      brand: deps.brandSlug,
      detail: problems.map((p) => pick(p.message, lang)).join(' '),
      ...(problems[0]!.fix ? { fix: pick(problems[0]!.fix, lang) } : {}),
    });
  }
  return {
    result: {
      ok: health.ok,
      problems: problems.map((p) => ({ id: p.id, status: p.status })),
      linkedin: { refreshed: linkedin.refreshed, notices: linkedin.notices.length },
    },
  };
};
