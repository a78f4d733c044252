import { Box, Text, useApp, useInput, type Key } from 'ink';
import { useCallback, useEffect, useMemo, useRef, type ReactElement } from 'react';
import { l, type Lang } from '../i18n/localized.js';
import type { ReviewActions, SlotView } from './actions.js';
import { ApprovePanel, APPROVE_PANEL_ROWS } from './ApprovePanel.js';
import { Header, HelpBar, helpBarLines, ImageLine, noticeLines, StatusLine, VariantTabs } from './Chrome.js';
import { describeError } from './describe-error.js';
import { EditorPane, editorView } from './EditorPane.js';
import { HelpScreen } from './HelpScreen.js';
import { HistoryPane } from './HistoryPane.js';
import { useReviewQueue, type PreloadedQueue } from './hooks/use-review-queue.js';
import { useScreenState } from './hooks/use-screen-state.js';
import { useTask } from './hooks/use-task.js';
import { useTerminalSize, type TerminalSize } from './hooks/use-terminal-size.js';
import {
  APPROVE_BINDINGS,
  BROWSE_BINDINGS,
  EDITOR_BINDINGS,
  HISTORY_BINDINGS,
  LINE_BINDINGS,
  OVERLAY_BINDINGS,
  resolveKey,
  type Binding,
  type Capabilities,
} from './keybindings.js';
import { LinePrompt } from './LinePrompt.js';
import { isDirty, type EditorAction } from './state/editor-state.js';
import type { LineAction } from './state/line-input.js';
import { createLine } from './state/line-input.js';
import { truncate } from './text-layout.js';
import { makeUi, UiContext } from './ui-context.js';
import { paneChrome, textRows, VariantPane } from './VariantPane.js';

/** Side by side from this width; below it, one variant at a time with tabs. */
export const WIDE_COLUMNS = 150;

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

const editorKey = (input: string, key: Key): EditorAction | undefined => {
  if (key.leftArrow) return { type: 'left' };
  if (key.rightArrow) return { type: 'right' };
  if (key.upArrow) return { type: 'up' };
  if (key.downArrow) return { type: 'down' };
  if (key.home || (key.ctrl && input === 'a')) return { type: 'home' };
  if (key.end || (key.ctrl && input === 'e')) return { type: 'end' };
  // Terminals send Backspace as DEL (0x7f), which Ink reports as `delete`.
  if (key.backspace || key.delete) return { type: 'backspace' };
  if (key.return) return { type: 'insert', text: '\n' };
  if (key.ctrl || key.meta || key.escape || key.tab || key.pageUp || key.pageDown) return undefined;
  const text = printable(input, true);
  return text ? { type: 'insert', text } : undefined;
};

/** Text to insert: control bytes that are not keys Ink recognised are dropped. */
const printable = (input: string, multiline: boolean): string =>
  input.replace(
    multiline ? /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g : /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]/g,
    '',
  );

const lineKey = (input: string, key: Key): LineAction | undefined => {
  if (key.leftArrow) return { type: 'left' };
  if (key.rightArrow) return { type: 'right' };
  if (key.home || (key.ctrl && input === 'a')) return { type: 'home' };
  if (key.end || (key.ctrl && input === 'e')) return { type: 'end' };
  if (key.backspace || key.delete) return { type: 'backspace' };
  if (key.ctrl || key.meta || key.escape || key.tab || key.upArrow || key.downArrow || key.return) return undefined;
  const text = printable(input, false);
  return text ? { type: 'insert', text } : undefined;
};

export const ReviewApp = ({ actions, lang, colour, startId, size: fixedSize, preloaded }: ReviewAppProps) => {
  const caps: Capabilities = useMemo(
    () => ({
      image: Boolean(actions.remakeImage),
      preview: Boolean(actions.previewImage),
      externalEditor: Boolean(actions.externalEditor),
    }),
    [actions],
  );
  const ui = useMemo(() => makeUi(lang, colour, caps), [lang, colour, caps]);
  const { t } = ui;
  const { exit } = useApp();
  const size = useTerminalSize(fixedSize);
  const queue = useReviewQueue(actions, lang, startId, preloaded);
  const [screen, dispatch, latest] = useScreenState();
  const task = useTask(dispatch, lang);
  const post = queue.state.status === 'ready' || queue.state.status === 'loading' ? queue.state.post : undefined;
  const count = post?.variants.length ?? 0;
  const variant = post?.variants.find((v) => v.idx === screen.variant) ?? post?.variants[0];
  const mode = screen.mode;

  // Layout: one frame line short of the terminal so Ink redraws in place instead of clearing.
  const width = Math.max(20, size.columns - 1);
  const frameHeight = Math.max(8, size.rows - 1);
  const wide = size.columns >= WIDE_COLUMNS;
  const bindings: Binding<string>[] =
    mode.kind === 'edit'
      ? EDITOR_BINDINGS
      : mode.kind === 'history'
        ? HISTORY_BINDINGS
        : mode.kind === 'approve'
          ? APPROVE_BINDINGS
          : mode.kind === 'regenerate' || mode.kind === 'reject' || mode.kind === 'approveTime'
            ? LINE_BINDINGS
            : mode.kind === 'help' || mode.kind === 'preview'
              ? OVERLAY_BINDINGS
              : BROWSE_BINDINGS;
  const extra = mode.kind === 'browse' && count > 0 ? [`1-${count} ←→ ${t(l('variant', 'variante'))}`] : [];
  const helpLines = helpBarLines(bindings, lang, width, caps, extra);
  const showTabs =
    !wide &&
    post !== undefined &&
    (mode.kind === 'browse' ||
      mode.kind === 'approve' ||
      mode.kind === 'approveTime' ||
      mode.kind === 'reject' ||
      mode.kind === 'regenerate');
  const statusRows = screen.busy ? 1 : noticeLines(screen.notice, width).length;
  const fixedRows = 1 + (showTabs ? 1 : 0) + 1 + statusRows + helpLines.length;
  const mainHeight = Math.max(3, frameHeight - fixedRows);
  const panelRows =
    mode.kind === 'approve'
      ? APPROVE_PANEL_ROWS
      : mode.kind === 'approveTime' || mode.kind === 'reject' || mode.kind === 'regenerate'
        ? 3
        : 0;
  const paneHeight = Math.max(3, mainHeight - panelRows);
  const paneCount = Math.max(1, count);
  const paneWidth = wide ? Math.floor((width - (paneCount - 1)) / paneCount) : width;
  const textWidth = wide ? paneWidth - 2 : paneWidth;
  const maxScrollOf = (v: typeof variant) =>
    v
      ? Math.max(0, textRows(v, textWidth) - paneChrome(v, textWidth, wide ? paneHeight - 2 : paneHeight).textHeight)
      : 0;
  const edView = editorView(width, mainHeight);

  const slot: SlotView | undefined = useMemo(() => {
    if (mode.kind !== 'approve' || !mode.proposal || !post) return undefined;
    if (mode.shift === 0) return mode.proposal;
    return actions.describeSlot(post, new Date(new Date(mode.proposal.at).getTime() + mode.shift * 60_000));
  }, [mode, post, actions]);

  // Work that starts when a mode opens: draw a slot, open $EDITOR, load a preview.
  const approveOpen = mode.kind === 'approve' && !mode.proposal;
  useEffect(() => {
    if (!approveOpen || !post) return;
    let live = true;
    actions
      .proposeSlot(post.id, actions.newSeed())
      .then((proposal) => live && dispatch({ type: 'proposal', proposal }))
      .catch((error: unknown) => {
        if (!live) return;
        dispatch({ type: 'browse' });
        dispatch({ type: 'notice', notice: { tone: 'error', text: describeError(error, lang) } });
      });
    return () => {
      live = false;
    };
  }, [approveOpen, post?.id]);

  useEffect(() => {
    if (mode.kind !== 'external' || !post || !variant || !actions.externalEditor) return;
    const postId = post.id;
    const idx = variant.idx;
    const editor = actions.externalEditor;
    // Let the "editing in $EDITOR" frame reach the terminal before the app is suspended.
    const timer = setTimeout(() => {
      task.run(
        t(l('Saving', 'Enregistrement')),
        async () => actions.edit(postId, idx, await editor(variant.text)),
        (r) => {
          dispatch({ type: 'browse' });
          savedNotice(r.changed, idx, r.versionNo);
          queue.reload();
        },
        () => dispatch({ type: 'browse' }),
      );
    }, 50);
    return () => clearTimeout(timer);
  }, [mode.kind]);

  useEffect(() => {
    if (mode.kind !== 'preview' || mode.lines || !post?.image || !actions.previewImage) return;
    let live = true;
    actions
      .previewImage(post.image, { columns: width, rows: mainHeight })
      .then(
        (lines) =>
          live &&
          dispatch({
            type: 'mode',
            mode: {
              kind: 'preview',
              lines: lines ?? [
                t(l('This terminal cannot show images inline.', 'Ce terminal ne peut pas afficher d’images.')),
              ],
            },
          }),
      )
      .catch(
        (error: unknown) =>
          live && dispatch({ type: 'mode', mode: { kind: 'preview', lines: [describeError(error, lang)] } }),
      );
    return () => {
      live = false;
    };
  }, [mode.kind]);

  const savedNotice = (changed: boolean, idx: number, versionNo: number) =>
    dispatch({
      type: 'notice',
      notice: changed
        ? {
            tone: 'success',
            text: t(
              l(
                `Saved variant ${idx} as version ${versionNo}.`,
                `Variante ${idx} enregistrée en version ${versionNo}.`,
              ),
            ),
          }
        : { tone: 'info', text: t(l('No change; no new version.', 'Aucun changement; pas de nouvelle version.')) },
    });

  const approve = (idx: number, when: { seed: string } | { at: string }) => {
    if (!post) return;
    const shortId = post.shortId;
    task.run(
      t(l('Approving', 'Approbation')),
      () => actions.approve(post.id, idx, when),
      (r) => {
        dispatch({
          type: 'notice',
          notice: {
            tone: 'success',
            text: t(
              l(
                `Approved ${shortId} with variant ${r.variant} for ${r.local} ${r.timeZone} (${r.mode}).`,
                `${shortId} approuvé avec la variante ${r.variant} pour le ${r.local} ${r.timeZone} (${r.mode}).`,
              ),
            ),
          },
        });
        dispatch({ type: 'postChanged', keepVariant: false });
        queue.decided();
      },
    );
  };

  const onKey = (input: string, key: Key): void => {
    const status = queue.state.status;
    // The latest state, not the rendered one: a burst of keys is handled before the next render.
    const mode = latest.current.mode;
    const variant = post?.variants.find((v) => v.idx === latest.current.variant) ?? post?.variants[0];
    if (mode.kind === 'external') return;
    if (mode.kind === 'help' || mode.kind === 'preview') {
      if (resolveKey(OVERLAY_BINDINGS, caps, input, key) === 'close') dispatch({ type: 'browse' });
      return;
    }
    if (!post || !variant || status !== 'ready') {
      const c = resolveKey(BROWSE_BINDINGS, caps, input, key);
      if (c === 'quit') exit();
      else if (c === 'help') dispatch({ type: 'mode', mode: { kind: 'help' } });
      else if (c === 'skip' && post && status === 'ready') {
        dispatch({ type: 'postChanged', keepVariant: false });
        queue.skip();
      }
      return;
    }
    switch (mode.kind) {
      case 'browse': {
        const c = resolveKey(BROWSE_BINDINGS, caps, input, key);
        if (!c) return;
        if (c === 'quit') return exit();
        if (c === 'help') return dispatch({ type: 'mode', mode: { kind: 'help' } });
        if (c === 'variant1' || c === 'variant2' || c === 'variant3')
          return dispatch({ type: 'selectVariant', variant: Number(c.slice(-1)), count });
        if (c === 'prevVariant' || c === 'nextVariant')
          return dispatch({ type: 'shiftVariant', delta: c === 'prevVariant' ? -1 : 1, count });
        if (c === 'scrollUp' || c === 'scrollDown')
          return dispatch({ type: 'scroll', delta: c === 'scrollUp' ? -1 : 1, max: maxScrollOf(variant) });
        if (c === 'preview') return dispatch({ type: 'mode', mode: { kind: 'preview' } });
        if (task.busy()) {
          dispatch({
            type: 'notice',
            notice: {
              tone: 'info',
              text: t(l('Still working on the previous action…', 'L’action précédente est encore en cours…')),
            },
          });
          return;
        }
        switch (c) {
          case 'edit':
            return dispatch({ type: 'startEdit', text: variant.text });
          case 'editExternal':
            return dispatch({ type: 'mode', mode: { kind: 'external' } });
          case 'regenerate':
            return dispatch({ type: 'mode', mode: { kind: 'regenerate', input: createLine() } });
          case 'history':
            return dispatch({ type: 'mode', mode: { kind: 'history' } });
          case 'approve':
            return dispatch({ type: 'mode', mode: { kind: 'approve', shift: 0 } });
          case 'reject':
            return dispatch({ type: 'mode', mode: { kind: 'reject', input: createLine() } });
          case 'skip':
            dispatch({
              type: 'notice',
              notice: {
                tone: 'info',
                text: t(
                  l(`Skipped ${post.shortId}; it stays in the queue.`, `${post.shortId} passé; il reste dans la file.`),
                ),
              },
            });
            dispatch({ type: 'postChanged', keepVariant: false });
            return queue.skip();
          case 'image': {
            const remake = actions.remakeImage;
            if (!remake) return;
            return task.run(
              t(l('Making the image', 'Création de l’image')),
              (progress) => remake(post.id, progress),
              () => {
                dispatch({
                  type: 'notice',
                  notice: { tone: 'success', text: t(l('New image ready.', 'Nouvelle image prête.')) },
                });
                queue.reload();
              },
            );
          }
        }
        return;
      }
      case 'edit': {
        const c = resolveKey(EDITOR_BINDINGS, caps, input, key);
        if (c === 'cancel') {
          dispatch({ type: 'browse' });
          return dispatch({
            type: 'notice',
            notice: {
              tone: 'info',
              text: t(l('Edit cancelled; nothing saved.', 'Modification annulée; rien d’enregistré.')),
            },
          });
        }
        if (c === 'save') {
          if (!isDirty(mode.editor)) {
            dispatch({ type: 'browse' });
            return savedNotice(false, variant.idx, variant.versionNo);
          }
          const text = mode.editor.text;
          const idx = variant.idx;
          // On failure the editor stays open with the text, so nothing typed is lost.
          return task.run(
            t(l('Saving', 'Enregistrement')),
            () => actions.edit(post.id, idx, text),
            (r) => {
              dispatch({ type: 'browse' });
              savedNotice(r.changed, idx, r.versionNo);
              queue.reload();
            },
          );
        }
        if (task.busy()) return;
        const action = editorKey(input, key);
        if (action) dispatch({ type: 'editor', action, view: edView });
        return;
      }
      case 'regenerate':
      case 'reject':
      case 'approveTime': {
        const c = resolveKey(LINE_BINDINGS, caps, input, key);
        if (c === 'cancel')
          return dispatch(
            mode.kind === 'approveTime'
              ? { type: 'mode', mode: { kind: 'approve', proposal: mode.proposal, shift: 0 } }
              : { type: 'browse' },
          );
        if (c === 'submit') {
          if (task.busy()) return;
          const value = mode.input.value;
          const idx = variant.idx;
          if (mode.kind === 'approveTime') return approve(idx, { at: value });
          if (mode.kind === 'reject') {
            const shortId = post.shortId;
            return task.run(
              t(l('Rejecting', 'Rejet')),
              () => actions.reject(post.id, value),
              () => {
                dispatch({
                  type: 'notice',
                  notice: {
                    tone: 'success',
                    text: t(l(`Rejected ${shortId}: ${value.trim()}`, `${shortId} rejeté : ${value.trim()}`)),
                  },
                });
                dispatch({ type: 'postChanged', keepVariant: false });
                queue.decided();
              },
            );
          }
          dispatch({ type: 'browse' });
          return task.run(
            t(
              l(
                `Regenerating variant ${idx} («${value.trim()}»)`,
                `Régénération de la variante ${idx} (« ${value.trim()} »)`,
              ),
            ),
            (progress) => actions.regenerate(post.id, idx, value, progress),
            (r) => {
              dispatch({
                type: 'notice',
                notice: {
                  tone: 'success',
                  text: t(
                    l(
                      `Variant ${idx} regenerated as version ${r.versionNo}; the previous text is in the history (h).`,
                      `Variante ${idx} régénérée en version ${r.versionNo}; l’ancien texte est dans l’historique (h).`,
                    ),
                  ),
                },
              });
              queue.reload();
            },
          );
        }
        const action = lineKey(input, key);
        if (action) dispatch({ type: 'line', action });
        return;
      }
      case 'approve': {
        const c = resolveKey(APPROVE_BINDINGS, caps, input, key);
        if (c === 'cancel') return dispatch({ type: 'browse' });
        if (!mode.proposal || task.busy()) return;
        if (c === 'accept')
          return approve(
            variant.idx,
            mode.shift === 0
              ? { seed: mode.proposal.seed }
              : { at: new Date(new Date(mode.proposal.at).getTime() + mode.shift * 60_000).toISOString() },
          );
        if (c === 'earlier' || c === 'later')
          return dispatch({ type: 'shiftSlot', minutes: c === 'earlier' ? -15 : 15 });
        if (c === 'prevDay' || c === 'nextDay')
          return dispatch({ type: 'shiftSlot', minutes: c === 'prevDay' ? -1440 : 1440 });
        if (c === 'redraw') return dispatch({ type: 'mode', mode: { kind: 'approve', shift: 0 } });
        if (c === 'typeTime') return dispatch({ type: 'typeTime' });
        return;
      }
      case 'history': {
        const c = resolveKey(HISTORY_BINDINGS, caps, input, key);
        if (c === 'cancel') return dispatch({ type: 'browse' });
        if (c === 'up' || c === 'down')
          return dispatch({
            type: 'history',
            delta: c === 'up' ? -1 : 1,
            versions: variant.versions.map((v) => v.versionNo),
            current: variant.versionNo,
          });
        if (c === 'restore' && !task.busy()) {
          const target = variant.versions.find((v) => v.versionNo === (mode.versionNo ?? variant.versionNo));
          if (!target) return;
          if (target.versionNo === variant.versionNo) {
            return dispatch({
              type: 'notice',
              notice: {
                tone: 'info',
                text: t(
                  l(
                    `v${target.versionNo} is already the current text.`,
                    `La v${target.versionNo} est déjà le texte actuel.`,
                  ),
                ),
              },
            });
          }
          const idx = variant.idx;
          return task.run(
            t(l(`Restoring v${target.versionNo}`, `Restauration de la v${target.versionNo}`)),
            () => actions.restore(post.id, idx, target.versionNo),
            (r) => {
              dispatch({ type: 'browse' });
              dispatch({
                type: 'notice',
                notice: {
                  tone: 'success',
                  text: t(
                    l(
                      `Restored v${target.versionNo} as version ${r.versionNo}.`,
                      `v${target.versionNo} restaurée en version ${r.versionNo}.`,
                    ),
                  ),
                },
              });
              queue.reload();
            },
          );
        }
        return;
      }
    }
  };

  // Ink re-subscribes the input handler in an effect, which can run after the next key has
  // arrived; the stable handler below always calls the handler of the latest render instead.
  const onKeyRef = useRef(onKey);
  onKeyRef.current = onKey;
  const stableHandler = useCallback(
    (input: string, key: Key) => {
      // Several command keys in one read (fast typing over SSH) are several commands; in the
      // editor and the one-line fields a burst is text (a paste) and goes in whole.
      const textMode = ['edit', 'regenerate', 'reject', 'approveTime'].includes(latest.current.mode.kind);
      if (input.length > 1 && /^[\u007f\b]+$/.test(input)) {
        // Held-down Backspace arrives as one read of several DEL bytes.
        for (let i = 0; i < input.length; i += 1) onKeyRef.current('', { ...key, backspace: true });
        return;
      }
      if (!textMode && input.length > 1 && !key.ctrl && !key.meta && [...input].every((ch) => ch >= ' ')) {
        for (const ch of input) onKeyRef.current(ch, { ...key });
        return;
      }
      onKeyRef.current(input, key);
    },
    [latest],
  );
  useInput(stableHandler);

  const body = (): ReactElement => {
    const st = queue.state;
    if (mode.kind === 'help') return <HelpScreen width={width} height={mainHeight} />;
    if (st.status === 'error') {
      return (
        <Box height={mainHeight} flexDirection="column">
          <Text color={ui.theme.error}>{`✖ ${st.error ?? ''}`}</Text>
        </Box>
      );
    }
    if (st.status === 'empty') {
      const done =
        st.decided > 0
          ? t(
              l(
                `Done: ${st.decided} post(s) decided in this session. `,
                `Terminé : ${st.decided} post(s) traité(s) pendant cette session. `,
              ),
            )
          : '';
      return (
        <Box height={mainHeight} flexDirection="column">
          <Text>{truncate(`${done}${t(l('Nothing left to review.', 'Plus rien à réviser.'))}`, width)}</Text>
          <Text color={ui.theme.muted}>
            {truncate(
              t(
                l(
                  'New posts: autoscale generate --type case_study · q to quit',
                  'Nouveaux posts : autoscale generate --type case_study · q pour quitter',
                ),
              ),
              width,
            )}
          </Text>
        </Box>
      );
    }
    if (post && !variant) {
      return (
        <Box height={mainHeight}>
          <Text>
            {t(
              l(
                `Post ${post.shortId} has no variants; s skips it (autoscale reject ${post.shortId} --reason "…" removes it).`,
                `Le post ${post.shortId} n’a aucune variante; s le passe (autoscale reject ${post.shortId} --reason "…" le retire).`,
              ),
            )}
          </Text>
        </Box>
      );
    }
    if (!post || !variant) {
      return (
        <Box height={mainHeight}>
          <Text color={ui.theme.muted}>{t(l('Loading the queue…', 'Chargement de la file…'))}</Text>
        </Box>
      );
    }
    if (mode.kind === 'edit')
      return <EditorPane editor={mode.editor} width={width} height={mainHeight} variant={variant.idx} />;
    if (mode.kind === 'history') {
      const selected = Math.max(
        0,
        variant.versions.findIndex((v) => v.versionNo === (mode.versionNo ?? variant.versionNo)),
      );
      return <HistoryPane variant={variant} selected={selected} width={width} height={mainHeight} />;
    }
    if (mode.kind === 'external') {
      return (
        <Box height={mainHeight}>
          <Text>
            {t(
              l(
                `Editing variant ${variant.idx} in $EDITOR… save and quit the editor to come back.`,
                `Modification de la variante ${variant.idx} dans $EDITOR… enregistrez et quittez l’éditeur pour revenir.`,
              ),
            )}
          </Text>
        </Box>
      );
    }
    if (mode.kind === 'preview') {
      return (
        <Box height={mainHeight} flexDirection="column">
          {(mode.lines ?? [t(l('Loading the preview…', 'Chargement de l’aperçu…'))])
            .slice(0, mainHeight)
            .map((line, i) => (
              <Text key={i} wrap="truncate-end">
                {line}
              </Text>
            ))}
        </Box>
      );
    }
    const panes = wide ? (
      <Box flexDirection="row" height={paneHeight}>
        {post.variants.map((v, i) => (
          <Box key={v.id} marginLeft={i === 0 ? 0 : 1}>
            <VariantPane
              variant={v}
              width={paneWidth}
              height={paneHeight}
              selected={v.idx === variant.idx}
              boxed
              scroll={screen.scroll}
              chosen={post.chosenVariantId === v.id}
            />
          </Box>
        ))}
      </Box>
    ) : (
      <VariantPane
        variant={variant}
        width={paneWidth}
        height={paneHeight}
        selected
        boxed={false}
        scroll={screen.scroll}
        chosen={post.chosenVariantId === variant.id}
      />
    );
    let panel: ReactElement | null = null;
    if (mode.kind === 'approve')
      panel = (
        <ApprovePanel variant={variant.idx} proposal={mode.proposal} slot={slot} shift={mode.shift} width={width} />
      );
    if (mode.kind === 'approveTime') {
      panel = (
        <LinePrompt
          label={t(
            l(`Publication time for variant ${variant.idx}`, `Heure de publication de la variante ${variant.idx}`),
          )}
          hint={t(
            l(
              `"YYYY-MM-DD HH:MM" in ${post.timeZone}, or ISO-8601 with a zone`,
              `« AAAA-MM-JJ HH:MM » (${post.timeZone}), ou ISO-8601 avec fuseau`,
            ),
          )}
          input={mode.input}
          width={width}
        />
      );
    }
    if (mode.kind === 'reject') {
      panel = (
        <LinePrompt
          label={t(
            l(
              `Reject post ${post.shortId}: why? (it teaches the optimizer)`,
              `Rejeter le post ${post.shortId} : pourquoi ? (l’optimiseur en tient compte)`,
            ),
          )}
          input={mode.input}
          width={width}
        />
      );
    }
    if (mode.kind === 'regenerate') {
      panel = (
        <LinePrompt
          label={t(
            l(
              `Regenerate variant ${variant.idx}: what should change?`,
              `Régénérer la variante ${variant.idx} : que faut-il changer ?`,
            ),
          )}
          hint={t(l('e.g. "plus court", "ajoute un chiffre"', 'p. ex. « plus court », « ajoute un chiffre »'))}
          input={mode.input}
          width={width}
        />
      );
    }
    return (
      <Box flexDirection="column" height={mainHeight}>
        {panes}
        {panel}
      </Box>
    );
  };

  const position = queue.state.ids.length ? queue.state.index + 1 : 0;
  return (
    <UiContext.Provider value={ui}>
      <Box flexDirection="column" width={width} height={frameHeight}>
        <Header post={post} position={position} total={queue.state.ids.length} width={width} />
        {showTabs && post ? <VariantTabs post={post} selected={variant?.idx ?? 1} width={width} /> : null}
        {body()}
        <ImageLine image={post?.image} width={width} canRemake={caps.image} />
        <StatusLine busy={screen.busy} notice={screen.notice} width={width} />
        <HelpBar lines={helpLines} />
      </Box>
    </UiContext.Provider>
  );
};
