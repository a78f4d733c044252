import { brandLang } from '../config/lang.js';
import type { WebClient } from '@slack/web-api';
import type { ServiceDeps } from '../deps/service-deps.js';
import { isAutoscaleError } from '../errors/errors.js';
import { l, pick, type Lang } from '../i18n/localized.js';
import { getPost } from '../store/posts-repo.js';
import { recordSlackMessage, setSlackOutcome } from '../store/approval-repo.js';
import { refreshedMessage } from './announce.js';
import { approveVia, depsForPost, lastDecision, loadReview, rejectVia } from './approval-service.js';
import {
  ACTION_APPROVE,
  ACTION_OPEN,
  ACTION_REJECT,
  REASON_ACTION,
  REASON_BLOCK,
  REJECT_CALLBACK,
  decidedMessage,
  parseButtonValue,
  rejectModal,
  IDEA_ACTION,
  IDEA_BLOCK,
  type Decision,
} from './slack-message.js';

export interface InteractionLog {
  info(o: object, m: string): void;
  warn(o: object, m: string): void;
}

export interface InteractionContext {
  deps: ServiceDeps;
  client: WebClient;
  log: InteractionLog;
  /**
   * Keeps a rejected variant's angle as an idea (the editorial calendar's inbox); given by the
   * server and the Socket Mode client, which may use the plan layer. Without it the modal does
   * not offer the choice.
   */
  keepIdea?: ((deps: ServiceDeps, postId: string, variant: number) => Promise<unknown>) | undefined;
}

/**
 * What to do with one interaction: `ack` is the acknowledgement body (sent at once, within
 * Slack's 3 s), `work` what follows it (approve, update the message, open the modal).
 */
export interface InteractionResult {
  ack?: Record<string, unknown>;
  work?: () => Promise<void>;
  /** For logs and tests: what was understood. */
  kind: 'approve' | 'reject_open' | 'reject_submit' | 'open_page' | 'refused' | 'ignored' | 'invalid';
}

interface ActionPayload {
  type: 'block_actions';
  user?: { id?: string };
  trigger_id?: string;
  container?: { channel_id?: string; message_ts?: string };
  channel?: { id?: string };
  message?: { ts?: string };
  actions?: { action_id?: string; value?: string }[];
}

interface ViewPayload {
  type: 'view_submission';
  user?: { id?: string };
  view?: {
    callback_id?: string;
    private_metadata?: string;
    state?: {
      values?: Record<string, Record<string, { value?: string | null; selected_option?: { value?: string } | null }>>;
    };
  };
}

const langOf = (deps: ServiceDeps): Lang => brandLang(deps.brand);

const allowed = (deps: ServiceDeps, user: string | undefined): user is string =>
  typeof user === 'string' && deps.config.approval.slackApprovers.includes(user);

const refusal = (lang: Lang) =>
  pick(
    l(
      'You are not on the list of approvers for this Slack workspace (approval.slackApprovers); nothing was done.',
      'Vous n’êtes pas dans la liste des approbateurs (approval.slackApprovers); rien n’a été fait.',
    ),
    lang,
  );

const say = async (ctx: InteractionContext, channel: string | undefined, user: string, text: string) => {
  if (!channel) return;
  await ctx.client.chat.postEphemeral({ channel, user, text });
};

const describe = (error: unknown, lang: Lang): string =>
  isAutoscaleError(error)
    ? `${pick(error.localized, lang)}${error.fix ? ` ${pick(error.fix, lang)}` : ''}`
    : pick(l('Something went wrong; nothing was done.', 'Un problème est survenu; rien n’a été fait.'), lang);

/** Rewrites the message in place so nobody clicks a decided post again. */
const updateMessage = async (
  ctx: InteractionContext,
  deps: ServiceDeps,
  where: { channel?: string | undefined; ts?: string | undefined },
  postId: string,
  decision: Decision,
) => {
  if (!where.channel || !where.ts) return;
  const message = decidedMessage(postId, deps.brand.name, decision, langOf(deps), deps.brand.timezone);
  await ctx.client.chat.update({
    channel: where.channel,
    ts: where.ts,
    text: message.text,
    blocks: message.blocks as never,
  });
  await setSlackOutcome(deps.db, where.channel, where.ts, decision.kind, deps.clock.now().toISOString());
};

/** The message of a post decided elsewhere (or by an earlier click): its current outcome. */
const currentDecision = async (deps: ServiceDeps, postId: string): Promise<Decision | undefined> => {
  const post = await getPost(deps.db, postId);
  if (!post || post.state === 'in_review') return undefined;
  const last = await lastDecision(deps, postId);
  const by = last?.actor.replace(/^slack:/, '');
  if (post.state === 'rejected' && last?.action === 'reject')
    return { kind: 'rejected', by: by ?? '?', reason: last.reason ?? '' };
  return { kind: 'other', state: post.state, by };
};

const onAction = (ctx: InteractionContext, p: ActionPayload): InteractionResult => {
  const action = p.actions?.[0];
  const user = p.user?.id;
  const lang = langOf(ctx.deps);
  const where = { channel: p.container?.channel_id ?? p.channel?.id, ts: p.container?.message_ts ?? p.message?.ts };
  if (!action?.action_id) return { kind: 'invalid' };
  if (action.action_id === ACTION_OPEN) return { kind: 'open_page' };
  const isApprove = action.action_id.startsWith(`${ACTION_APPROVE}_`);
  if (!isApprove && action.action_id !== ACTION_REJECT) return { kind: 'ignored' };
  if (!allowed(ctx.deps, user)) {
    ctx.log.warn(
      { user: user ?? null, action: action.action_id },
      'slack click from a user who is not an approver refused',
    );
    return { kind: 'refused', work: () => (user ? say(ctx, where.channel, user, refusal(lang)) : Promise.resolve()) };
  }
  const value = parseButtonValue(action.value);
  if (!value) return { kind: 'invalid', work: () => say(ctx, where.channel, user, describe(undefined, lang)) };
  if (!isApprove) {
    return {
      kind: 'reject_open',
      work: async () => {
        if (!p.trigger_id) return;
        const variants = ctx.keepIdea
          ? (await loadReview(ctx.deps, value.p).catch(() => undefined))?.variants.map((v) => v.idx)
          : undefined;
        const view = rejectModal(
          value,
          where.channel && where.ts ? { channel: where.channel, ts: where.ts } : undefined,
          lang,
          variants,
        );
        await ctx.client.views.open({ trigger_id: p.trigger_id, view: view as never });
      },
    };
  }
  return {
    kind: 'approve',
    work: async () => {
      const variant = value.i ?? Number(action.action_id!.slice(ACTION_APPROVE.length + 1));
      try {
        const r = await approveVia(
          ctx.deps,
          { channel: 'slack', id: user },
          {
            ref: value.p,
            variant,
            slotSeed: value.s,
            expectVersion: value.v,
            override: value.o ? { flags: value.o } : undefined,
          },
        );
        ctx.log.info({ post: r.postId, variant: r.variant.idx, user }, 'approved from Slack');
        const post = await getPost(ctx.deps.db, r.postId);
        const deps = post ? depsForPost(ctx.deps, post) : ctx.deps;
        await updateMessage(ctx, deps, where, r.postId, {
          kind: 'approved',
          by: user,
          variant: r.variant.idx,
          style: r.variant.style,
          headline: r.variant.headline,
          at: new Date(r.scheduledAt),
          overridden: r.overridden,
        });
      } catch (error) {
        ctx.log.warn(
          { post: value.p, user, code: isAutoscaleError(error) ? error.code : 'internal' },
          'slack approval refused',
        );
        await say(ctx, where.channel, user, describe(error, lang));
        if (isAutoscaleError(error) && error.code === 'already_decided') {
          const decided = await currentDecision(ctx.deps, value.p);
          if (decided) await updateMessage(ctx, ctx.deps, where, value.p, decided);
        }
        if (isAutoscaleError(error) && error.code === 'stale_version' && where.channel && where.ts) {
          // The buttons showed an older version: the message now shows the current one.
          const { view, message } = await refreshedMessage(ctx.deps, value.p, ctx.log);
          await ctx.client.chat.update({
            channel: where.channel,
            ts: where.ts,
            text: message.text,
            blocks: message.blocks as never,
          });
          await recordSlackMessage(
            ctx.deps.db,
            { channel: where.channel, ts: where.ts, postId: view.post.id, reviewVersion: view.version },
            ctx.deps.clock.now().toISOString(),
          );
        }
      }
    },
  };
};

const onView = (ctx: InteractionContext, p: ViewPayload): InteractionResult => {
  if (p.view?.callback_id !== REJECT_CALLBACK) return { kind: 'ignored' };
  const lang = langOf(ctx.deps);
  const user = p.user?.id;
  if (!allowed(ctx.deps, user)) {
    return { kind: 'refused', ack: { response_action: 'errors', errors: { [REASON_BLOCK]: refusal(lang) } } };
  }
  const reason = p.view.state?.values?.[REASON_BLOCK]?.[REASON_ACTION]?.value?.trim() ?? '';
  if (!reason) {
    return {
      kind: 'invalid',
      ack: {
        response_action: 'errors',
        errors: { [REASON_BLOCK]: pick(l('A rejection needs a reason.', 'Un rejet demande une raison.'), lang) },
      },
    };
  }
  let meta: { p?: string; v?: string; c?: string; t?: string } = {};
  try {
    meta = JSON.parse(p.view.private_metadata ?? '{}') as typeof meta;
  } catch {
    return { kind: 'invalid' };
  }
  if (typeof meta.p !== 'string') return { kind: 'invalid' };
  const postId = meta.p;
  const where = { channel: meta.c, ts: meta.t };
  return {
    kind: 'reject_submit',
    work: async () => {
      try {
        const post = await rejectVia(
          ctx.deps,
          { channel: 'slack', id: user },
          { ref: postId, reason, expectVersion: meta.v },
        );
        ctx.log.info({ post: post.id, user }, 'rejected from Slack');
        const kept = Number(p.view?.state?.values?.[IDEA_BLOCK]?.[IDEA_ACTION]?.selected_option?.value);
        if (ctx.keepIdea && Number.isInteger(kept) && kept > 0)
          await ctx
            .keepIdea(depsForPost(ctx.deps, post), post.id, kept)
            .catch((error: unknown) =>
              ctx.log.warn({ post: post.id, err: (error as Error).message }, 'idea from Slack not kept'),
            );
        await updateMessage(ctx, depsForPost(ctx.deps, post), where, post.id, { kind: 'rejected', by: user, reason });
      } catch (error) {
        await say(ctx, where.channel, user, describe(error, lang));
      }
    },
  };
};

/** One interaction payload (Socket Mode envelope or HTTP POST), already authenticated. */
export const handleInteraction = (ctx: InteractionContext, payload: unknown): InteractionResult => {
  const type = (payload as { type?: unknown } | null)?.type;
  if (type === 'block_actions') return onAction(ctx, payload as ActionPayload);
  if (type === 'view_submission') return onView(ctx, payload as ViewPayload);
  return { kind: 'ignored' };
};
