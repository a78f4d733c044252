import { Box, Text } from 'ink';
import { countOf } from '../i18n/format.js';
import { l, type Lang } from '../i18n/localized.js';
import { stateLabel, typeLabel } from '../present/labels.js';
import { styleLabel } from '../present/post-render.js';
import { imageLabel } from './Chrome.js';
import { LintText } from './LintText.js';
import { layoutText, findingLine, wrapPlain } from './text-layout.js';
import { makeUi, severityColour, UiContext } from './ui-context.js';
import type { PostModel } from './view-model.js';

/**
 * `autoscale review --print`: the current post drawn once, every variant in full, with the same
 * lint markers as the studio, for scripts and for pasting into a message.
 */
export const PrintView = ({
  post,
  position,
  total,
  lang,
  colour,
  width,
}: {
  post: PostModel;
  position: number;
  total: number;
  lang: Lang;
  colour: boolean;
  width: number;
}) => {
  const ui = makeUi(lang, colour, { image: false, preview: false, externalEditor: false });
  const { t, theme } = ui;
  return (
    <UiContext.Provider value={ui}>
      <Box flexDirection="column" width={width}>
        <Text bold color={theme.accent}>
          {`${t(l(`Review ${position}/${total} · post ${post.shortId}`, `Révision ${position}/${total} · publication ${post.shortId}`))} · ${typeLabel(post.contentType, lang)} · ${post.targetDate} · ${post.brand} · ${stateLabel(post.state, lang)}`}
        </Text>
        {post.variants.map((v) => (
          <Box key={v.id} flexDirection="column" marginTop={1}>
            <Text
              bold
            >{`[${v.idx}] ${styleLabel(v.style, lang)} · ${v.chars} ${t(l('chars', 'car.'))} · ${v.score === null ? t(l('not scored', 'non noté')) : `${t(l('quality', 'qualité'))} ${Math.round(v.score)}`} · v${v.versionNo}`}</Text>
            <Text color={theme.muted}>{`${t(l('Headline: ', 'Titre : '))}${v.headline}`}</Text>
            {v.reasons.length
              ? wrapPlain(v.reasons.join(' · '), width - 2).map((r, i) => (
                  <Text key={`r${i}`} color={theme.muted}>{`${i === 0 ? '» ' : '  '}${r}`}</Text>
                ))
              : null}
            {layoutText(v.text, v.findings, width).map((line, i) => (
              <LintText key={i} line={line} />
            ))}
            {v.findings.map((f, i) => (
              <Text key={`f${i}`} color={severityColour(theme, f.severity)}>
                {findingLine(f, i, t)}
              </Text>
            ))}
            {v.staleFindings ? (
              <Text color={theme.muted}>
                {t(
                  l(
                    `${countOf(v.staleFindings, l('finding', 'constat'), l('findings', 'constats')).en} from an older version not shown`,
                    `${countOf(v.staleFindings, l('constat', 'constat non affiché'), l('constats', 'constats non affichés')).fr} d’une version antérieure`,
                  ),
                )}
              </Text>
            ) : null}
          </Box>
        ))}
        <Box marginTop={1}>
          <Text color={theme.muted}>
            {post.image
              ? `${imageLabel(post, t)}${post.image.path} (${post.image.width}×${post.image.height} ${post.image.format}, ${post.image.provider})`
              : `${t(l('Image: ', 'Image : '))}${t(l('none yet', 'aucune pour l’instant'))}`}
          </Text>
        </Box>
      </Box>
    </UiContext.Provider>
  );
};
