import { Box, Text } from 'ink';
import { useEffect } from 'react';
import { l } from '../../i18n/localized.js';
import { useModeKeys } from '../hooks/use-mode-keys.js';
import { useStudio } from '../studio-context.js';
import { useUi } from '../ui-context.js';
import { savedNotice } from './notices.js';
import { QueueStatusView } from './QueueStatus.js';

/** Keys that reach the studio while $EDITOR has the terminal are not commands: they are dropped. */
const ignore = () => undefined;

/** `E`: the variant's text in $VISUAL/$EDITOR (the studio is suspended meanwhile), saved on return. */
export const ExternalEditMode = ({ postId, variant, text }: { postId: string; variant: number; text: string }) => {
  const { actions, dispatch, layout, notify, queue, run, view } = useStudio();
  const { t } = useUi();
  const editor = actions.externalEditor;
  const { reload } = queue;
  useModeKeys('external', ignore);
  useEffect(() => {
    if (!editor) return;
    // Let the "editing in $EDITOR" frame reach the terminal before the app is suspended.
    const timer = setTimeout(() => {
      run(
        l('Saving', 'Enregistrement'),
        async () => actions.edit(postId, variant, await editor(text)),
        (r) => {
          dispatch({ type: 'browse' });
          notify(...savedNotice(r.changed, variant, r.versionNo));
          reload();
        },
        () => dispatch({ type: 'browse' }),
      );
    }, 50);
    return () => clearTimeout(timer);
  }, [actions, dispatch, editor, notify, postId, reload, run, text, variant]);

  if (!view.ready) return <QueueStatusView />;
  return (
    <Box height={layout.mainHeight}>
      <Text>
        {t(
          l(
            `Editing variant ${variant} in $EDITOR… save and quit the editor to come back.`,
            `Modification de la variante ${variant} dans $EDITOR… enregistrez et quittez l’éditeur pour revenir.`,
          ),
        )}
      </Text>
    </Box>
  );
};
