import type * as StudioModule from '../../tui/studio-entry.js';
import { UsageError } from '../../errors/errors.js';
import { l } from '../../i18n/localized.js';
import { postDetail, resolvePost } from '../../store/post-lookup.js';
import { listPosts } from '../../store/posts-repo.js';
import { createServiceActions } from '../../tui/service-actions.js';
import { toPostModel } from '../../tui/view-model.js';
import type { AppContext } from '../context.js';
import { postDetailJson } from '../../present/post-render.js';
import { serviceDeps } from './service-deps.js';

type TtyOut = NodeJS.WriteStream;
type Studio = typeof StudioModule;

/**
 * Ink and React load only when the studio opens (a chunk of their own in the bundle).
 *
 * Ink's layout engine (yoga-layout) instantiates its WebAssembly through `fetch(data:…)` when a
 * global fetch exists, which makes Node load its whole HTTP client before the first frame
 * (~40 ms of the 300 ms budget). Without fetch it decodes the same embedded bytes itself (its own
 * supported path), so fetch is hidden for the time of the import only: nothing else runs then.
 */
const loadStudio = async (): Promise<Studio> => {
  const fetchProperty = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (fetchProperty?.configurable)
    Object.defineProperty(globalThis, 'fetch', { value: undefined, configurable: true, writable: true });
  try {
    return await import('../../tui/studio-entry.js');
  } finally {
    if (fetchProperty?.configurable) Object.defineProperty(globalThis, 'fetch', fetchProperty);
  }
};

const notInteractive = () =>
  new UsageError(
    l(
      '`autoscale review` needs an interactive terminal (stdin and stdout must be a TTY).',
      '`autoscale review` demande un terminal interactif (stdin et stdout doivent être un TTY).',
    ),
    {
      code: 'not_a_tty',
      fix: l(
        'In scripts use `autoscale list --state in_review`, `autoscale show <id>`, `autoscale approve <id> [--variant n] [--at time]`, `autoscale reject <id> --reason "…"`, or `autoscale review --print`.',
        'Dans un script, utilisez `autoscale list --state in_review`, `autoscale show <id>`, `autoscale approve <id> [--variant n] [--at heure]`, `autoscale reject <id> --reason "…"`, ou `autoscale review --print`.',
      ),
    },
  );

export const runReview = async (
  ctx: AppContext,
  id: string | undefined,
  opts: { print: boolean; allBrands: boolean },
) => {
  const stdout = process.stdout as TtyOut;
  const { print } = opts;
  if (!print && ctx.out.json) {
    throw new UsageError(
      l('The studio is interactive; --json needs --print.', 'Le studio est interactif; --json demande --print.'),
      {
        code: 'json_needs_print',
        fix: l(
          'Use `autoscale review --print --json`, or `autoscale show <id> --json`.',
          'Utilisez `autoscale review --print --json`, ou `autoscale show <id> --json`.',
        ),
      },
    );
  }
  if (!print && (!ctx.stdin.isTTY || !stdout.isTTY)) throw notInteractive();
  // Ink and React take most of the start-up; their files load while the store opens.
  const ui = print ? undefined : loadStudio();
  ui?.catch(() => undefined);

  const deps = await serviceDeps(ctx);
  const start = id ? await resolvePost(deps.db, id) : undefined;
  const brand = opts.allBrands ? undefined : deps.brandSlug;

  if (print) {
    const queue = await listPosts(deps.db, { brand, states: ['in_review'], order: 'asc' });
    const post = start ?? queue[0];
    if (!post) {
      ctx.out.data({ post: null, queue: 0 }, () => ctx.out.t(l('Nothing to review.', 'Rien à réviser.')));
      return;
    }
    const detail = await postDetail(deps.db, post);
    const index = queue.findIndex((p) => p.id === post.id);
    const total = index === -1 ? queue.length + 1 : queue.length;
    if (ctx.out.json) {
      ctx.out.data(
        { post: postDetailJson(detail, ctx.paths.media), position: index === -1 ? 1 : index + 1, queue: total },
        () => '',
      );
      return;
    }
    const { renderToString, createElement, PrintView } = await loadStudio();
    const timeZone = ctx.config().brands[post.brand]?.timezone ?? deps.brand.timezone;
    const model = toPostModel(detail, timeZone, ctx.paths.media, ctx.lang);
    const width = Math.max(40, (stdout.isTTY ? stdout.columns : undefined) ?? 100);
    const text = renderToString(
      createElement(PrintView, {
        post: model,
        position: index === -1 ? 1 : index + 1,
        total,
        lang: ctx.lang,
        colour: ctx.out.style.enabled,
        width,
      }),
      { columns: width },
    );
    ctx.out.data(null, () => text);
    return;
  }

  // The image service loads only for the interactive studio (`--print` never remakes an image).
  const { reviewImageHooks } = await import('./review-image-hooks.js');
  const hasEditor = Boolean(ctx.processEnv.VISUAL || ctx.processEnv.EDITOR);
  const stdin = ctx.stdin as NodeJS.ReadStream;
  const holder: { clear?: () => void } = {};
  const ALT_ON = '\u001b[?1049h';
  const ALT_OFF = '\u001b[?1049l';
  const actions = createServiceActions(deps, {
    lang: ctx.lang,
    brand,
    provider: async () =>
      (await import('../../providers/select.js')).selectTextProvider(deps.config, deps.env).provider,
    ...reviewImageHooks(deps, ctx.processEnv),
    externalEditor: hasEditor
      ? async (text: string) => {
          // Hand the terminal to the editor, then take it back and redraw everything.
          stdin.setRawMode?.(false);
          stdout.write(ALT_OFF);
          try {
            const { editInEditor } = await import('./review-handlers.js');
            return editInEditor(ctx, text);
          } finally {
            stdout.write(`${ALT_ON}\u001b[2J\u001b[H`);
            stdin.setRawMode?.(true);
            holder.clear?.();
          }
        }
      : undefined,
  });

  const ids = await actions.loadQueue();
  const queue = start ? [start.id, ...ids.filter((x) => x !== start.id)] : ids;
  const preloaded = { ids: queue, post: queue[0] ? await actions.loadPost(queue[0]) : undefined };
  const { render, createElement, ReviewApp } = await ui!;
  const restore = () => stdout.write(ALT_OFF);
  process.once('exit', restore);
  stdout.write(`${ALT_ON}\u001b[H`);
  try {
    const instance = render(
      createElement(ReviewApp, {
        actions,
        lang: ctx.lang,
        colour: ctx.out.style.enabled,
        startId: start?.id,
        preloaded,
      }),
      {
        stdout,
        stdin,
        exitOnCtrlC: true,
        patchConsole: false,
        // Ink throttles frames to maxFps; at its default (30) a key pressed just after a frame
        // waits up to 33 ms before it shows. Renders are driven by input, so a high cap costs nothing.
        maxFps: 200,
      },
    );
    holder.clear = () => instance.clear();
    // The first frame is painted: what only a key press needs loads now, while the user reads.
    setTimeout(() => actions.preload(), 0);
    await instance.waitUntilExit();
    // A regeneration still running when the user quit finishes and is saved before the store closes.
    await actions.settle();
  } finally {
    restore();
    process.removeListener('exit', restore);
  }
};
