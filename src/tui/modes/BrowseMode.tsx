import { Box } from 'ink';
import type { ReactElement } from 'react';
import { l } from '../../i18n/localized.js';
import { useModeKeys } from '../hooks/use-mode-keys.js';
import { BROWSE_BINDINGS } from '../keybindings.js';
import { resolveKey } from '../key-resolve.js';
import { paneLayout } from '../layout.js';
import { createLine } from '../state/line-input.js';
import { useStudio } from '../studio-context.js';
import { useUi } from '../ui-context.js';
import { paneChrome, textRows, VariantPane } from '../VariantPane.js';
import type { PostModel, VariantModel } from '../view-model.js';

/**
 * The variants, side by side from 150 columns or one at a time with tabs, and the browse keys.
 * The approve panel and the one-line prompts open underneath (`panel`): the variants stay on
 * screen while they own the keys.
 */
export const BrowseMode = ({
  post,
  variant,
  panel,
}: {
  post: PostModel;
  variant: VariantModel;
  panel?: ReactElement | undefined;
}) => {
  const { actions, dispatch, exit, layout, latest, notify, queue, run, busy, screen } = useStudio();
  const { caps } = useUi();
  const pane = paneLayout(layout, screen.mode.kind, post.variants.length);
  const maxScroll = (v: VariantModel) =>
    Math.max(
      0,
      textRows(v, pane.textWidth) -
        paneChrome(v, pane.textWidth, layout.wide ? pane.paneHeight - 2 : pane.paneHeight).textHeight,
    );

  useModeKeys('browse', (input, key) => {
    const { post, variant } = latest().view;
    if (!post || !variant) return;
    const count = post.variants.length;
    const c = resolveKey(BROWSE_BINDINGS, caps, input, key);
    if (!c) return;
    if (c === 'quit') return exit();
    if (c === 'help') return dispatch({ type: 'mode', mode: { kind: 'help' } });
    if (c === 'variant1' || c === 'variant2' || c === 'variant3')
      return dispatch({ type: 'selectVariant', variant: Number(c.slice(-1)), count });
    if (c === 'prevVariant' || c === 'nextVariant')
      return dispatch({ type: 'shiftVariant', delta: c === 'prevVariant' ? -1 : 1, count });
    if (c === 'scrollUp' || c === 'scrollDown')
      return dispatch({ type: 'scroll', delta: c === 'scrollUp' ? -1 : 1, max: maxScroll(variant) });
    if (c === 'preview') return dispatch({ type: 'mode', mode: { kind: 'preview' } });
    if (c === 'platforms') return dispatch({ type: 'mode', mode: { kind: 'platforms', tab: 0 } });
    if (c === 'calendar') return dispatch({ type: 'mode', mode: { kind: 'calendar' } });
    if (busy()) {
      return notify('info', l('Still working on the previous action…', 'L’action précédente est encore en cours…'));
    }
    switch (c) {
      case 'edit':
        return dispatch({ type: 'startEdit', text: variant.text });
      case 'editExternal':
        return dispatch({
          type: 'mode',
          mode: { kind: 'external', postId: post.id, variant: variant.idx, text: variant.text },
        });
      case 'regenerate':
        return dispatch({ type: 'mode', mode: { kind: 'regenerate', input: createLine() } });
      case 'history':
        return dispatch({ type: 'mode', mode: { kind: 'history' } });
      case 'approve':
        return dispatch({ type: 'mode', mode: { kind: 'approve', shift: 0 } });
      case 'reject':
        return dispatch({ type: 'mode', mode: { kind: 'reject', input: createLine() } });
      case 'skip':
        notify(
          'info',
          l(`Skipped ${post.shortId}; it stays in the queue.`, `${post.shortId} passé; il reste dans la file.`),
        );
        dispatch({ type: 'postChanged', keepVariant: false });
        return queue.skip();
      case 'saveIdea': {
        const save = actions.saveIdea;
        if (!save) return;
        return run(
          l('Keeping the angle as an idea', 'Angle gardé comme idée'),
          () => save(post.id, variant.idx),
          (idea) =>
            notify(
              'success',
              l(
                `Idea ${idea.shortId}: “${idea.text}” (the next plan places it).`,
                `Idée ${idea.shortId} : « ${idea.text} » (le prochain plan la place).`,
              ),
            ),
        );
      }
      case 'image': {
        const remake = actions.remakeImage;
        if (!remake) return;
        return run(
          l('Making the image', 'Création de l’image'),
          (progress) => remake(post.id, progress),
          () => {
            notify('success', l('New image ready.', 'Nouvelle image prête.'));
            queue.reload();
          },
        );
      }
    }
  });

  const panes = layout.wide ? (
    <Box flexDirection="row" height={pane.paneHeight}>
      {post.variants.map((v, i) => (
        <Box key={v.id} marginLeft={i === 0 ? 0 : 1}>
          <VariantPane
            variant={v}
            width={pane.paneWidth}
            height={pane.paneHeight}
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
      width={pane.paneWidth}
      height={pane.paneHeight}
      selected
      boxed={false}
      scroll={screen.scroll}
      chosen={post.chosenVariantId === variant.id}
    />
  );
  return (
    <Box flexDirection="column" height={layout.mainHeight}>
      {panes}
      {panel ?? null}
    </Box>
  );
};
