import { Box, Text } from 'ink';
import { countOf } from '../../i18n/format.js';
import { l } from '../../i18n/localized.js';
import { useModeKeys } from '../hooks/use-mode-keys.js';
import { BROWSE_BINDINGS } from '../keybindings.js';
import { resolveKey } from '../key-resolve.js';
import { useStudio } from '../studio-context.js';
import { truncate } from '../text-layout.js';
import { useUi } from '../ui-context.js';

/** The main area while no post can be reviewed: an error, the end of the queue, or loading. */
export const QueueStatusView = () => {
  const { queue, view, layout } = useStudio();
  const { t, theme } = useUi();
  const { mainHeight, width } = layout;
  const st = queue.state;
  const post = view.post;
  if (st.status === 'error') {
    return (
      <Box height={mainHeight} flexDirection="column">
        <Text color={theme.error}>{`✖ ${st.error ?? ''}`}</Text>
      </Box>
    );
  }
  if (st.status === 'empty') {
    const decided = countOf(st.decided, l('post', 'publication traitée'), l('posts', 'publications traitées'));
    const done =
      st.decided > 0
        ? t(l(`Done: ${decided.en} decided in this session. `, `Terminé : ${decided.fr} pendant cette session. `))
        : '';
    return (
      <Box height={mainHeight} flexDirection="column">
        <Text>{truncate(`${done}${t(l('Nothing left to review.', 'Plus rien à réviser.'))}`, width)}</Text>
        <Text color={theme.muted}>
          {truncate(
            t(
              l(
                'New posts: autoscale generate --type case_study · q to quit',
                'Nouvelles publications : autoscale generate --type case_study · q pour quitter',
              ),
            ),
            width,
          )}
        </Text>
      </Box>
    );
  }
  if (post && post.variants.length === 0) {
    return (
      <Box height={mainHeight}>
        <Text>
          {t(
            l(
              `Post ${post.shortId} has no variants; s skips it (autoscale reject ${post.shortId} --reason "…" removes it).`,
              `La publication ${post.shortId} n’a aucune variante; s la passe (autoscale reject ${post.shortId} --reason "…" le retire).`,
            ),
          )}
        </Text>
      </Box>
    );
  }
  return (
    <Box height={mainHeight}>
      <Text color={theme.muted}>{t(l('Loading the queue…', 'Chargement de la file…'))}</Text>
    </Box>
  );
};

/** No post to act on: only quit, help, the calendar, and skip (past a post without variants) work. */
export const QueueStatus = () => {
  const { dispatch, exit, latest, queue } = useStudio();
  const { caps } = useUi();
  useModeKeys('queue', (input, key) => {
    const c = resolveKey(BROWSE_BINDINGS, caps, input, key);
    if (c === 'quit') exit();
    else if (c === 'help') dispatch({ type: 'mode', mode: { kind: 'help' } });
    else if (c === 'calendar') dispatch({ type: 'mode', mode: { kind: 'calendar' } });
    else if (c === 'skip' && latest().view.post && queue.latest().status === 'ready') {
      dispatch({ type: 'postChanged', keepVariant: false });
      queue.skip();
    }
  });
  return <QueueStatusView />;
};
