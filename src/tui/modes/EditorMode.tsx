import { l } from '../../i18n/localized.js';
import { platformLabel } from '../../present/platform-lines.js';
import { EditorPane, editorView } from '../EditorPane.js';
import { useModeKeys } from '../hooks/use-mode-keys.js';
import { EDITOR_BINDINGS } from '../keybindings.js';
import { editorAction, resolveKey } from '../key-resolve.js';
import { isDirty, type EditorState } from '../state/editor-state.js';
import { useStudio } from '../studio-context.js';
import { useUi } from '../ui-context.js';
import { savedNotice } from './notices.js';

/** The inline multi-line editor: Ctrl+S saves a new version, Esc cancels, every other key edits. */
export const EditorMode = ({
  editor,
  variant,
  platform,
}: {
  editor: EditorState;
  variant: number;
  platform?: 'instagram' | 'linkedin' | undefined;
}) => {
  const { actions, dispatch, layout, latest, notify, queue, run, busy } = useStudio();
  const { caps } = useUi();
  const view = editorView(layout.width, layout.mainHeight);

  useModeKeys('edit', (input, key) => {
    const { screen, view: current } = latest();
    const { post, variant } = current;
    if (screen.mode.kind !== 'edit' || !post || !variant) return;
    const editor = screen.mode.editor;
    const target = screen.mode.platform;
    const back = () =>
      dispatch(target ? { type: 'mode', mode: { kind: 'platforms', tab: target.tab } } : { type: 'browse' });
    const c = resolveKey(EDITOR_BINDINGS, caps, input, key);
    if (c === 'cancel') {
      back();
      return notify('info', l('Edit cancelled; nothing saved.', 'Modification annulée; rien d’enregistré.'));
    }
    if (c === 'save' && target) {
      if (!isDirty(editor) || !actions.editPlatformText) return back();
      const save = actions.editPlatformText;
      const text = editor.text;
      const idx = variant.idx;
      // On failure (a broken platform rule) the editor stays open with the text.
      return run(
        l('Saving', 'Enregistrement'),
        () => save(post.id, idx, target.name, text),
        () => {
          back();
          notify(
            'success',
            l(
              `${platformLabel(target.name)} text of variant ${idx} saved.`,
              `Texte ${platformLabel(target.name)} de la variante ${idx} enregistré.`,
            ),
          );
          queue.reload();
        },
      );
    }
    if (c === 'save') {
      if (!isDirty(editor)) {
        dispatch({ type: 'browse' });
        return notify(...savedNotice(false, variant.idx, variant.versionNo));
      }
      const text = editor.text;
      const idx = variant.idx;
      // On failure the editor stays open with the text, so nothing typed is lost.
      return run(
        l('Saving', 'Enregistrement'),
        () => actions.edit(post.id, idx, text),
        (r) => {
          dispatch({ type: 'browse' });
          notify(...savedNotice(r.changed, idx, r.versionNo));
          queue.reload();
        },
      );
    }
    if (busy()) return;
    const action = editorAction(input, key);
    if (action) dispatch({ type: 'editor', action, view });
  });

  return (
    <EditorPane
      editor={editor}
      width={layout.width}
      height={layout.mainHeight}
      variant={variant}
      platform={platform ? platformLabel(platform) : undefined}
    />
  );
};
