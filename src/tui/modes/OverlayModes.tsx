import { Box, Text } from 'ink';
import { useEffect, useMemo, useState } from 'react';
import { l } from '../../i18n/localized.js';
import { describeError } from '../describe-error.js';
import { clampHelpOffset, helpLines, HelpScreen } from '../HelpScreen.js';
import { useModeKeys } from '../hooks/use-mode-keys.js';
import { OVERLAY_BINDINGS } from '../keybindings.js';
import { resolveKey } from '../key-resolve.js';
import type { KeyOwner } from '../key-routing.js';
import { useStudio } from '../studio-context.js';
import { useUi } from '../ui-context.js';
import { QueueStatusView } from './QueueStatus.js';

/** Help and the image preview cover the main area; Esc (or q, ?, v, Enter) closes them. */
const useCloseKeys = (owner: Extract<KeyOwner, 'help' | 'preview'>) => {
  const { dispatch } = useStudio();
  const { caps } = useUi();
  useModeKeys(owner, (input, key) => {
    if (resolveKey(OVERLAY_BINDINGS, caps, input, key) === 'close') dispatch({ type: 'browse' });
  });
};

/** `?`: every key, from the same tables the modes handle; ↑/↓ scroll it when it is taller than the terminal. */
export const HelpMode = () => {
  const { dispatch, layout } = useStudio();
  const { caps, lang, t } = useUi();
  const [offset, setOffset] = useState(0);
  const lines = useMemo(() => helpLines(t, lang, caps, layout.width), [t, lang, caps, layout.width]);
  const total = lines.length;
  useModeKeys('help', (input, key) => {
    const command = resolveKey(OVERLAY_BINDINGS, caps, input, key);
    if (command === 'close') dispatch({ type: 'browse' });
    else if (command === 'scrollUp' || command === 'scrollDown') {
      const step = command === 'scrollUp' ? -1 : 1;
      setOffset((o) => clampHelpOffset(o + step, total, layout.mainHeight));
    }
  });
  return <HelpScreen lines={lines} width={layout.width} height={layout.mainHeight} offset={offset} />;
};

/** `v`: the image drawn in the terminal by the injected preview renderer. */
export const PreviewMode = ({ lines }: { lines: string[] | undefined }) => {
  const { actions, dispatch, layout, view } = useStudio();
  const { t, lang } = useUi();
  useCloseKeys('preview');
  const image = view.post?.image;
  const preview = actions.previewImage;
  const { width, mainHeight } = layout;
  const loaded = lines !== undefined;
  useEffect(() => {
    if (loaded || !image || !preview) return;
    let live = true;
    preview(image, { columns: width, rows: mainHeight })
      .then((drawn) => {
        if (!live) return;
        const shown = drawn ?? [
          l('This terminal cannot show images inline.', 'Ce terminal ne peut pas afficher d’images.')[lang],
        ];
        dispatch({ type: 'mode', mode: { kind: 'preview', lines: shown } });
      })
      .catch((error: unknown) => {
        if (live) dispatch({ type: 'mode', mode: { kind: 'preview', lines: [describeError(error, lang)] } });
      });
    return () => {
      live = false;
    };
  }, [loaded, image, preview, width, mainHeight, dispatch, lang]);

  if (!view.ready) return <QueueStatusView />;
  return (
    <Box height={mainHeight} flexDirection="column">
      {(lines ?? [t(l('Loading the preview…', 'Chargement de l’aperçu…'))]).slice(0, mainHeight).map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {line}
        </Text>
      ))}
    </Box>
  );
};
