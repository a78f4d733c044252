import { l } from '../../i18n/localized.js';
import { useModeKeys } from '../hooks/use-mode-keys.js';
import { LINE_BINDINGS } from '../keybindings.js';
import { lineAction, resolveKey } from '../key-resolve.js';
import { LinePrompt } from '../LinePrompt.js';
import type { LineState } from '../state/line-input.js';
import type { Mode } from '../state/screen-state.js';
import { useStudio, type Studio } from '../studio-context.js';
import { useUi } from '../ui-context.js';
import type { PostModel, VariantModel } from '../view-model.js';
import { useRequestApproval } from './ApproveMode.js';

type PromptKind = 'regenerate' | 'reject' | 'approveTime';
type PromptMode = Extract<Mode, { kind: PromptKind }>;

const isPrompt = (mode: Mode, kind: PromptKind): mode is PromptMode => mode.kind === kind;

/**
 * The one-line fields under the variants (an instruction, a reason, a time): Enter submits the
 * text of the latest state, Esc goes back, every other key edits the field.
 */
const usePromptKeys = (
  kind: PromptKind,
  submit: (value: string, current: { post: PostModel; variant: VariantModel }) => void,
  cancel: (mode: PromptMode) => void,
) => {
  const { dispatch, latest, busy } = useStudio();
  const { caps } = useUi();
  useModeKeys(kind, (input, key) => {
    const { screen, view } = latest();
    const mode = screen.mode;
    if (!isPrompt(mode, kind) || !view.post || !view.variant) return;
    const c = resolveKey(LINE_BINDINGS, caps, input, key);
    if (c === 'cancel') return cancel(mode);
    if (c === 'submit') {
      if (!busy()) submit(mode.input.value, { post: view.post, variant: view.variant });
      return;
    }
    const action = lineAction(input, key);
    if (action) dispatch({ type: 'line', action });
  });
};

const back = (dispatch: Studio['dispatch']) => () => dispatch({ type: 'browse' });

/** `g`: a one-line instruction for regenerating the selected variant. */
export const RegenerateMode = ({ input, variant }: { input: LineState; variant: number }) => {
  const { actions, dispatch, layout, notify, queue, run } = useStudio();
  const { t } = useUi();
  usePromptKeys(
    'regenerate',
    (value, { post, variant }) => {
      const idx = variant.idx;
      dispatch({ type: 'browse' });
      run(
        l(
          `Regenerating variant ${idx} («${value.trim()}»)`,
          `Régénération de la variante ${idx} (« ${value.trim()} »)`,
        ),
        (progress) => actions.regenerate(post.id, idx, value, progress),
        (r) => {
          // The writer may answer the same text: then no version was made, and none is claimed.
          if (r.changed)
            notify(
              'success',
              l(
                `Variant ${idx} regenerated as version ${r.versionNo}; the previous text is in the history (h).`,
                `Variante ${idx} régénérée en version ${r.versionNo}; l’ancien texte est dans l’historique (h).`,
              ),
            );
          else
            notify(
              'info',
              l(
                `The regeneration returned the same text; variant ${idx} stays at version ${r.versionNo}.`,
                `La régénération a rendu le même texte\u00a0; la variante ${idx} reste en version ${r.versionNo}.`,
              ),
            );
          queue.reload();
        },
      );
    },
    back(dispatch),
  );
  return (
    <LinePrompt
      label={t(
        l(
          `Regenerate variant ${variant}: what should change?`,
          `Régénérer la variante ${variant} : que faut-il changer ?`,
        ),
      )}
      hint={t(l('e.g. "plus court", "ajoute un chiffre"', 'p. ex. « plus court », « ajoute un chiffre »'))}
      input={input}
      width={layout.width}
    />
  );
};

/** `r`: the reason is required (it teaches the optimizer); the post then leaves the queue. */
export const RejectMode = ({ input, post }: { input: LineState; post: PostModel }) => {
  const { actions, dispatch, layout, notify, queue, run } = useStudio();
  const { t } = useUi();
  usePromptKeys(
    'reject',
    (value, { post }) => {
      const shortId = post.shortId;
      run(
        l('Rejecting', 'Rejet'),
        () => actions.reject(post.id, value),
        () => {
          notify('success', l(`Rejected ${shortId}: ${value.trim()}`, `${shortId} rejeté : ${value.trim()}`));
          dispatch({ type: 'postChanged', keepVariant: false });
          queue.decided();
        },
      );
    },
    back(dispatch),
  );
  return (
    <LinePrompt
      label={t(
        l(
          `Reject post ${post.shortId}: why? (it teaches the optimizer)`,
          `Rejeter la publication ${post.shortId} : pourquoi ? (l’optimiseur en tient compte)`,
        ),
      )}
      input={input}
      width={layout.width}
    />
  );
};

/** `t` in the approve panel: a publication time typed in the brand's zone (or ISO-8601). */
export const TimeEntryMode = ({ input, post, variant }: { input: LineState; post: PostModel; variant: number }) => {
  const { dispatch, layout } = useStudio();
  const { t } = useUi();
  const requestApproval = useRequestApproval();
  usePromptKeys(
    'approveTime',
    (value, { post, variant }) => requestApproval(post, variant.idx, { at: value }),
    (mode) =>
      dispatch({
        type: 'mode',
        mode: { kind: 'approve', proposal: mode.kind === 'approveTime' ? mode.proposal : undefined, shift: 0 },
      }),
  );
  return (
    <LinePrompt
      label={t(l(`Publication time for variant ${variant}`, `Heure de publication de la variante ${variant}`))}
      hint={t(
        l(
          `"YYYY-MM-DD HH:MM" in ${post.timeZone}, or ISO-8601 with a zone`,
          `« AAAA-MM-JJ HH:MM » (${post.timeZone}), ou ISO-8601 avec fuseau`,
        ),
      )}
      input={input}
      width={layout.width}
    />
  );
};
