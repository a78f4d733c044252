import { Box, Text } from 'ink';
import { l } from '../../i18n/localized.js';
import { platformLabel } from '../../present/platform-lines.js';
import { useModeKeys } from '../hooks/use-mode-keys.js';
import { PLATFORMS_BINDINGS, resolveKey } from '../keybindings.js';
import { useStudio } from '../studio-context.js';
import { wrapPlain } from '../text-layout.js';
import { useUi } from '../ui-context.js';
import type { PostModel, VariantModel } from '../view-model.js';

const PROBLEM = {
  too_long: l('over the limit', 'au-delà de la limite'),
  too_many_hashtags: l('too many hashtags', 'trop de mots-clics'),
  link_in_caption: l('a link Instagram will not make clickable', 'un lien qu’Instagram ne rendra pas cliquable'),
  empty: l('empty', 'vide'),
} as const;

/**
 * `p`: a tab per platform of the brand, showing what each one publishes from the selected
 * variant (Facebook unchanged; Instagram and LinkedIn adapted), with its length and limit. After
 * approval, `autoscale edit <id> --platform …` changes one platform's text on its own.
 */
export const PlatformsMode = ({ post, variant, tab }: { post: PostModel; variant: VariantModel; tab: number }) => {
  const { actions, dispatch, layout } = useStudio();
  const { t, caps } = useUi();
  const tabs = actions.platformTexts?.(post, variant.text) ?? [];
  const current = Math.min(Math.max(0, tab), Math.max(0, tabs.length - 1));
  useModeKeys('platforms', (input, key) => {
    const c = resolveKey(PLATFORMS_BINDINGS, caps, input, key);
    if (c === 'close') return dispatch({ type: 'browse' });
    if (c && tabs.length > 0) {
      const next = (current + (c === 'prevTab' ? -1 : 1) + tabs.length) % tabs.length;
      dispatch({ type: 'mode', mode: { kind: 'platforms', tab: next } });
    }
  });
  const shown = tabs[current];
  const width = Math.max(20, layout.width - 2);
  const lines = shown ? wrapPlain(shown.text, width) : [];
  const height = Math.max(3, layout.mainHeight - 4);
  return (
    <Box flexDirection="column" width={layout.width} height={layout.mainHeight}>
      <Box>
        {tabs.map((p, i) => (
          <Text key={p.platform} inverse={i === current} bold={i === current}>
            {` ${platformLabel(p.platform)} `}
          </Text>
        ))}
      </Box>
      <Text dimColor>
        {shown
          ? `${t(l(`Variant ${variant.idx}`, `Variante ${variant.idx}`))} · ${shown.length}/${shown.limit}${
              shown.problem
                ? ` · ${t(PROBLEM[shown.problem as keyof typeof PROBLEM] ?? l(shown.problem, shown.problem))}`
                : ''
            }`
          : t(l('No platform to show.', 'Aucune plateforme à montrer.'))}
      </Text>
      <Box flexDirection="column" marginTop={1}>
        {lines.slice(0, height).map((line, i) => (
          <Text key={i}>{line || ' '}</Text>
        ))}
        {lines.length > height ? <Text dimColor>…</Text> : null}
      </Box>
    </Box>
  );
};
