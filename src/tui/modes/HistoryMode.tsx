import { useMemo } from 'react';
import { l } from '../../i18n/localized.js';
import { HistoryPane } from '../HistoryPane.js';
import { useModeKeys } from '../hooks/use-mode-keys.js';
import { HISTORY_BINDINGS } from '../keybindings.js';
import { resolveKey } from '../key-resolve.js';
import { useStudio } from '../studio-context.js';
import { useUi } from '../ui-context.js';
import type { VariantModel } from '../view-model.js';

/** `h`: the variant's versions, the word diff of the selected one, Enter restores it. */
export const HistoryMode = ({
  variant,
  versionNo,
  timeZone,
}: {
  variant: VariantModel;
  versionNo: number | undefined;
  /** The post's brand's zone: versions are dated as the owner reads the clock. */
  timeZone: string;
}) => {
  const { actions, dispatch, layout, latest, notify, queue, run, busy, versionDiff } = useStudio();
  const { caps } = useUi();
  const selected = Math.max(
    0,
    variant.versions.findIndex((v) => v.versionNo === (versionNo ?? variant.versionNo)),
  );
  const diff = useMemo(
    () => versionDiff?.(variant.versions, selected, layout.width),
    [versionDiff, variant.versions, selected, layout.width],
  );

  useModeKeys('history', (input, key) => {
    const { screen, view } = latest();
    const { post, variant } = view;
    const mode = screen.mode;
    if (mode.kind !== 'history' || !post || !variant) return;
    const c = resolveKey(HISTORY_BINDINGS, caps, input, key);
    if (c === 'cancel') return dispatch({ type: 'browse' });
    if (c === 'up' || c === 'down')
      return dispatch({
        type: 'history',
        delta: c === 'up' ? -1 : 1,
        versions: variant.versions.map((v) => v.versionNo),
        current: variant.versionNo,
      });
    if (c !== 'restore' || busy()) return;
    const target = variant.versions.find((v) => v.versionNo === (mode.versionNo ?? variant.versionNo));
    if (!target) return;
    if (target.versionNo === variant.versionNo) {
      return notify(
        'info',
        l(`v${target.versionNo} is already the current text.`, `La v${target.versionNo} est déjà le texte actuel.`),
      );
    }
    const idx = variant.idx;
    run(
      l(`Restoring v${target.versionNo}`, `Restauration de la v${target.versionNo}`),
      () => actions.restore(post.id, idx, target.versionNo),
      (r) => {
        dispatch({ type: 'browse' });
        notify(
          'success',
          l(
            `Restored v${target.versionNo} as version ${r.versionNo}.`,
            `v${target.versionNo} restaurée en version ${r.versionNo}.`,
          ),
        );
        queue.reload();
      },
    );
  });

  return (
    <HistoryPane
      variant={variant}
      selected={selected}
      diff={diff}
      width={layout.width}
      height={layout.mainHeight}
      timeZone={timeZone}
    />
  );
};
