import { Box, Text } from 'ink';
import { l } from '../../i18n/localized.js';
import { platformLabel } from '../../present/platform-lines.js';
import { useModeKeys } from '../hooks/use-mode-keys.js';
import { PLATFORMS_BINDINGS } from '../keybindings.js';
import { resolveKey } from '../key-resolve.js';
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
 * variant (Facebook unchanged; Instagram and LinkedIn adapted), with its length and limit. `e`
 * edits the Instagram or LinkedIn text of this variant on its own (Facebook's is the variant:
 * edit it from the variants), `u` goes back to the adapted text. After approval,
 * `autoscale edit <id> --platform …` changes one platform's text until its first attempt.
 */
export const PlatformsMode = ({ post, variant, tab }: { post: PostModel; variant: VariantModel; tab: number }) => {
  const { actions, dispatch, latest, layout, notify, queue, run, busy } = useStudio();
  const { t, caps } = useUi();
  const tabs = actions.platformTexts?.(post, variant) ?? [];
  const current = Math.min(Math.max(0, tab), Math.max(0, tabs.length - 1));
  useModeKeys('platforms', (input, key) => {
    // A burst of keys runs before React renders: the tab and variant come from the latest state.
    const { screen, view } = latest();
    if (screen.mode.kind !== 'platforms' || !view.post || !view.variant) return;
    const { post, variant } = view;
    const tabs = actions.platformTexts?.(post, variant) ?? [];
    const current = Math.min(Math.max(0, screen.mode.tab), Math.max(0, tabs.length - 1));
    const c = resolveKey(PLATFORMS_BINDINGS, caps, input, key);
    if (c === 'close') return dispatch({ type: 'browse' });
    if (c === 'editPlatform' || c === 'resetPlatform') {
      const tab = tabs[current];
      if (!tab || busy()) return;
      const platform = tab.platform;
      if (platform !== 'instagram' && platform !== 'linkedin')
        return notify(
          'info',
          l(
            'Facebook publishes the variant itself: edit it from the variants (Esc, then e).',
            'Facebook publie la variante elle-même : modifiez-la depuis les variantes (Échap, puis e).',
          ),
        );
      if (!actions.editPlatformText) return;
      if (c === 'editPlatform')
        return dispatch({ type: 'startEdit', text: tab.text, platform: { name: platform, tab: current } });
      if (!tab.own)
        return notify('info', l('This text already follows the variant.', 'Ce texte suit déjà la variante.'));
      const save = actions.editPlatformText;
      return run(
        l('Saving', 'Enregistrement'),
        () => save(post.id, variant.idx, platform, null),
        () => {
          notify(
            'success',
            l(
              `${platformLabel(platform)} follows variant ${variant.idx} again.`,
              `${platformLabel(platform)} suit de nouveau la variante ${variant.idx}.`,
            ),
          );
          queue.reload();
        },
      );
    }
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
          ? `${t(l(`Variant ${variant.idx}`, `Variante ${variant.idx}`))}${
              shown.own ? ` · ${t(l('own text', 'texte propre'))}` : ''
            } · ${shown.length}/${shown.limit}${
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
