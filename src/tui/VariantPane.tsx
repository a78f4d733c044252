import { Box, Text } from 'ink';
import { countOf, formatFor } from '../i18n/format.js';
import type { ReactElement } from 'react';
import { l } from '../i18n/localized.js';
import { styleLabel } from '../present/post-render.js';
import { gateBadge } from './gate-view.js';
import { LintText } from './LintText.js';
import { layoutText, findingLine, truncate, wrapPlain } from './text-layout.js';
import { severityColour, useUi } from './ui-context.js';
import type { VariantModel } from './view-model.js';

export interface VariantPaneProps {
  variant: VariantModel;
  width: number;
  height: number;
  selected: boolean;
  /** Drawn with a border (side-by-side); the selected one gets a double border. */
  boxed: boolean;
  scroll: number;
  chosen?: boolean | undefined;
}

/** Rows the text of a variant needs at this width (for scrolling limits). */
export const textRows = (variant: VariantModel, width: number): number =>
  layoutText(variant.text, variant.findings, width).length;

/**
 * Lines above and below the text: the heading, the headline, the judge's reasons and the
 * linter's findings, each bounded so the text keeps most of the height.
 */
export const paneChrome = (variant: VariantModel, width: number, height: number) => {
  const reasons = variant.reasons.length
    ? wrapPlain(variant.reasons.join(' · '), width - 2).slice(0, height >= 20 ? 3 : 2)
    : [];
  const stale = variant.staleFindings > 0 ? 1 : 0;
  const maxFindings = height >= 20 ? 5 : 3;
  const findingLines =
    Math.min(variant.findings.length, maxFindings) + (variant.findings.length > maxFindings ? 1 : 0) + stale;
  const top = 2 + reasons.length;
  return { reasons, top, findingLines, maxFindings, textHeight: Math.max(1, height - top - findingLines) };
};

export const VariantPane = ({ variant, width, height, selected, boxed, scroll, chosen }: VariantPaneProps) => {
  const { t, theme, lang } = useUi();
  const innerWidth = boxed ? width - 2 : width;
  const innerHeight = boxed ? height - 2 : height;
  const chrome = paneChrome(variant, innerWidth, innerHeight);
  const lines = layoutText(variant.text, variant.findings, innerWidth);
  const maxScroll = Math.max(0, lines.length - chrome.textHeight);
  const from = selected ? Math.min(scroll, maxScroll) : 0;
  const visible = lines.slice(from, from + chrome.textHeight);
  const score =
    variant.score === null
      ? t(l('not scored', 'non noté'))
      : `${t(l('quality', 'qualité'))} ${Math.round(variant.score)}${gateBadge(variant.gate, t, formatFor(lang))}`;
  const more = lines.length > chrome.textHeight ? ` · ${from + 1}-${from + visible.length}/${lines.length}` : '';
  const heading = `${selected && boxed ? '▶ ' : ''}[${variant.idx}] ${styleLabel(variant.style, lang)} · ${variant.chars} ${t(l('chars', 'car.'))} · ${score} · v${variant.versionNo}${chosen ? ' ✔' : ''}${more}`;
  const rows: ReactElement[] = [];
  rows.push(
    <Text key="h" bold color={selected ? theme.accent : undefined} wrap="truncate-end">
      {truncate(heading, innerWidth)}
    </Text>,
  );
  rows.push(
    <Text key="hl" color={theme.muted} wrap="truncate-end">
      {truncate(`${t(l('Headline: ', 'Titre : '))}${variant.headline}`, innerWidth)}
    </Text>,
  );
  chrome.reasons.forEach((r, i) =>
    rows.push(
      <Text key={`r${i}`} color={theme.muted} wrap="truncate-end">
        {i === 0 ? '» ' : '  '}
        {r}
      </Text>,
    ),
  );
  visible.forEach((line, i) => rows.push(<LintText key={`t${i}`} line={line} />));
  for (let i = visible.length; i < chrome.textHeight; i += 1) rows.push(<Text key={`p${i}`}> </Text>);
  variant.findings.slice(0, chrome.maxFindings).forEach((f, i) => {
    const text = findingLine(f, i, t);
    rows.push(
      <Text key={`f${i}`} color={severityColour(theme, f.severity)} wrap="truncate-end">
        {truncate(text, innerWidth)}
      </Text>,
    );
  });
  if (variant.findings.length > chrome.maxFindings) {
    rows.push(
      <Text key="fm" color={theme.muted}>
        {t(
          l(
            `+${variant.findings.length - chrome.maxFindings} more findings (autoscale show --json)`,
            `+${variant.findings.length - chrome.maxFindings} autres constats (autoscale show --json)`,
          ),
        )}
      </Text>,
    );
  }
  if (variant.staleFindings > 0) {
    rows.push(
      <Text key="fs" color={theme.muted} wrap="truncate-end">
        {truncate(
          t(
            l(
              `${countOf(variant.staleFindings, l('finding', 'constat'), l('findings', 'constats')).en} from an older version not shown`,
              `${countOf(variant.staleFindings, l('constat', 'constat non affiché'), l('constats', 'constats non affichés')).fr} d’une version antérieure`,
            ),
          ),
          innerWidth,
        )}
      </Text>,
    );
  }
  if (!boxed) {
    return (
      <Box flexDirection="column" width={width} height={height}>
        {rows}
      </Box>
    );
  }
  return (
    <Box
      flexDirection="column"
      width={width}
      height={height}
      borderStyle={selected ? 'double' : 'single'}
      borderColor={selected ? theme.accent : theme.muted}
    >
      {rows}
    </Box>
  );
};
