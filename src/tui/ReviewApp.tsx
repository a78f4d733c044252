import { PlatformsMode } from './modes/PlatformsMode.js';
import { Box, useApp } from 'ink';
import { useCallback, useMemo, type ReactElement } from 'react';
import { l, type Lang, type Localized } from '../i18n/localized.js';
import type { ReviewActions } from './actions.js';
import { Header, HelpBar, ImageLine, StatusLine, VariantTabs } from './Chrome.js';
import { KeyRouterProvider, useKeyRouter } from './hooks/use-mode-keys.js';
import { useReviewQueue, type PreloadedQueue } from './hooks/use-review-queue.js';
import { useScreenState } from './hooks/use-screen-state.js';
import { useTask } from './hooks/use-task.js';
import { useTerminalSize, type TerminalSize } from './hooks/use-terminal-size.js';
import { useDeferredVersionDiff } from './hooks/use-version-diff.js';
import type { Capabilities } from './keybindings.js';
import { barBindings } from './key-resolve.js';
import { keyOwner, type KeyOwner } from './key-routing.js';
import { frameLayout } from './layout.js';
import { ApproveMode } from './modes/ApproveMode.js';
import { BrowseMode } from './modes/BrowseMode.js';
import { CalendarMode } from './modes/CalendarMode.js';
import { EditorMode } from './modes/EditorMode.js';
import { ExternalEditMode } from './modes/ExternalEditMode.js';
import { HistoryMode } from './modes/HistoryMode.js';
import { HelpMode, PreviewMode } from './modes/OverlayModes.js';
import { RegenerateMode, RejectMode, TimeEntryMode } from './modes/PromptModes.js';
import { QueueStatus } from './modes/QueueStatus.js';
import type { Mode, Notice } from './state/screen-state.js';
import { studioView, type StudioView } from './state/studio-view.js';
import { StudioProvider, type Studio } from './studio-context.js';
import { makeUi, UiContext } from './ui-context.js';

export interface ReviewAppProps {
  actions: ReviewActions;
  lang: Lang;
  colour: boolean;
  /** Open this post first (full id); the rest of the queue follows. */
  startId?: string | undefined;
  /** Fixed size (tests); otherwise the terminal's, updated on resize. */
  size?: TerminalSize | undefined;
  /** Queue and first post loaded before the first render (the handler does it while Ink loads). */
  preloaded?: PreloadedQueue | undefined;
}

/**
 * The review studio: the fixed lines of the frame (header, tabs, image, status, help bar) and
 * the component of the current mode, which draws the main area and handles its own keys.
 */
export const ReviewApp = ({ actions, lang, colour, startId, size: fixedSize, preloaded }: ReviewAppProps) => {
  const caps: Capabilities = useMemo(
    () => ({
      image: Boolean(actions.remakeImage),
      preview: Boolean(actions.previewImage),
      externalEditor: Boolean(actions.externalEditor),
      platforms: Boolean(actions.platformTexts),
      calendar: Boolean(actions.calendar),
      ideas: Boolean(actions.saveIdea),
    }),
    [actions],
  );
  const ui = useMemo(() => makeUi(lang, colour, caps), [lang, colour, caps]);
  const { exit } = useApp();
  const size = useTerminalSize(fixedSize);
  const queue = useReviewQueue(actions, lang, startId, preloaded);
  const [screen, dispatch, screenRef] = useScreenState();
  const task = useTask(dispatch, lang);
  const versionDiff = useDeferredVersionDiff();
  const view = studioView(queue.state, screen);
  const owner = keyOwner(screen.mode.kind, view.ready);

  const latestQueue = queue.latest;
  const latest = useCallback(
    () => ({ screen: screenRef.current, view: studioView(latestQueue(), screenRef.current) }),
    [screenRef, latestQueue],
  );
  const router = useKeyRouter(
    useCallback(() => {
      const now = latest();
      return keyOwner(now.screen.mode.kind, now.view.ready);
    }, [latest]),
  );
  const notify = useCallback(
    (tone: Notice['tone'], text: Localized) => dispatch({ type: 'notice', notice: { tone, text: text[lang] } }),
    [dispatch, lang],
  );

  const count = view.post?.variants.length ?? 0;
  const layout = frameLayout({
    size,
    mode: screen.mode.kind,
    hasPost: view.post !== undefined,
    busy: screen.busy !== undefined,
    notice: screen.notice,
    help: {
      bindings: barBindings(screen.mode.kind),
      lang,
      caps,
      extra: screen.mode.kind === 'browse' && count > 0 ? [`1-${count} ←→ ${ui.t(l('variant', 'variante'))}`] : [],
    },
  });
  const studio: Studio = {
    actions,
    exit,
    queue,
    screen,
    dispatch,
    view,
    latest,
    owner,
    layout,
    run: task.run,
    busy: task.busy,
    notify,
    versionDiff,
  };

  const { post, variant } = view;
  const position = queue.state.ids.length ? queue.state.index + 1 : 0;
  return (
    <UiContext.Provider value={ui}>
      <StudioProvider value={studio}>
        <KeyRouterProvider value={{ router, rendered: owner }}>
          <Box flexDirection="column" width={layout.width} height={layout.frameHeight}>
            <Header post={post} position={position} total={queue.state.ids.length} width={layout.width} />
            {layout.showTabs && post ? (
              <VariantTabs post={post} selected={variant?.idx ?? 1} width={layout.width} />
            ) : null}
            <ModeBody owner={owner} mode={screen.mode} view={view} />
            <ImageLine
              image={post?.image}
              post={post}
              shown={variant?.idx}
              width={layout.width}
              canRemake={caps.image}
            />
            <StatusLine busy={screen.busy} notice={screen.notice} width={layout.width} />
            <HelpBar lines={layout.helpLines} />
          </Box>
        </KeyRouterProvider>
      </StudioProvider>
    </UiContext.Provider>
  );
};

/** The main area: the component of the mode that owns the keys. */
const ModeBody = ({ owner, mode, view }: { owner: KeyOwner; mode: Mode; view: StudioView }): ReactElement => {
  if (mode.kind === 'help') return <HelpMode />;
  if (mode.kind === 'calendar') return <CalendarMode />;
  if (mode.kind === 'preview') return <PreviewMode lines={mode.lines} />;
  if (mode.kind === 'external')
    return <ExternalEditMode postId={mode.postId} variant={mode.variant} text={mode.text} />;
  const { post, variant } = view;
  if (owner === 'queue' || !post || !variant) return <QueueStatus />;
  if (mode.kind === 'edit')
    return <EditorMode editor={mode.editor} variant={variant.idx} platform={mode.platform?.name} />;
  if (mode.kind === 'history')
    return <HistoryMode variant={variant} versionNo={mode.versionNo} timeZone={post.timeZone} />;
  if (mode.kind === 'platforms') return <PlatformsMode post={post} variant={variant} tab={mode.tab} />;
  // The variants stay on screen under these modes' panels.
  const panel =
    mode.kind === 'approve' ? (
      <ApproveMode post={post} variant={variant.idx} proposal={mode.proposal} shift={mode.shift} />
    ) : mode.kind === 'approveTime' ? (
      <TimeEntryMode input={mode.input} post={post} variant={variant.idx} />
    ) : mode.kind === 'reject' ? (
      <RejectMode input={mode.input} post={post} />
    ) : mode.kind === 'regenerate' ? (
      <RegenerateMode input={mode.input} variant={variant.idx} />
    ) : undefined;
  return <BrowseMode post={post} variant={variant} panel={panel} />;
};
