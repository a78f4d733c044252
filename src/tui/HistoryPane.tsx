import { Box, Text } from 'ink';
import type { ReactElement } from 'react';
import { formatFor } from '../i18n/format.js';
import { l } from '../i18n/localized.js';
import { labelOf, VERSION_SOURCE_LABELS } from '../present/labels.js';
import type { VersionDiff } from './history-diff.js';
import { LintText } from './LintText.js';
import { truncate } from './text-layout.js';
import { useUi } from './ui-context.js';
import type { VariantModel } from './view-model.js';

export const HistoryPane = ({
  variant,
  selected,
  diff,
  width,
  height,
  timeZone,
}: {
  variant: VariantModel;
  timeZone: string;
  selected: number;
  /** Undefined while the diff module loads (only just after the studio opened). */
  diff: VersionDiff | undefined;
  width: number;
  height: number;
}) => {
  const { t, theme, lang } = useUi();
  const fmt = formatFor(lang);
  const versions = variant.versions;
  const listRows = Math.min(versions.length, Math.max(2, Math.floor(height / 4)));
  const first = Math.min(Math.max(0, selected - Math.floor(listRows / 2)), Math.max(0, versions.length - listRows));
  const rows: ReactElement[] = [];
  rows.push(
    <Text key="t" bold color={theme.accent} wrap="truncate-end">
      {truncate(
        t(
          l(
            `History of variant ${variant.idx} (${versions.length} versions)`,
            `Historique de la variante ${variant.idx} (${versions.length} versions)`,
          ),
        ),
        width,
      )}
    </Text>,
  );
  versions.slice(first, first + listRows).forEach((v, i) => {
    const index = first + i;
    const current = v.versionNo === variant.versionNo ? t(l(' (current)', ' (actuelle)')) : '';
    const line = `${index === selected ? '▶' : ' '} v${v.versionNo} ${t(labelOf(VERSION_SOURCE_LABELS, v.source))} · ${fmt.dateTime(new Date(v.createdAt), timeZone)} · ${v.author}${v.note ? ` · ${v.note}` : ''}${current}`;
    rows.push(
      <Text
        key={`v${index}`}
        bold={index === selected}
        color={index === selected ? theme.accent : undefined}
        wrap="truncate-end"
      >
        {truncate(line, width)}
      </Text>,
    );
  });
  const heading = !diff
    ? t(l('Comparing the versions…', 'Comparaison des versions…'))
    : diff.title.from
      ? t(
          l(
            `Changes v${diff.title.from} → v${diff.title.to}  ([-removed-] {+added+})`,
            `Changements v${diff.title.from} → v${diff.title.to}  ([-retiré-] {+ajouté+})`,
          ),
        )
      : t(l(`Text of v${diff.title.to}`, `Texte de la v${diff.title.to}`));
  rows.push(
    <Text key="d" color={theme.muted} wrap="truncate-end">
      {truncate(`── ${heading} `.padEnd(width, '─'), width)}
    </Text>,
  );
  const lines = diff?.lines ?? [];
  const room = Math.max(0, height - rows.length);
  // Open the diff where it changes (with two lines of context), not at the top of the text.
  const firstChange = lines.findIndex((line) => line.some((seg) => seg.change));
  const from = firstChange < 0 ? 0 : Math.max(0, Math.min(firstChange - 2, lines.length - room));
  lines.slice(from, from + room).forEach((line, i) => rows.push(<LintText key={`l${i}`} line={line} />));
  return (
    <Box flexDirection="column" width={width} height={height}>
      {rows}
    </Box>
  );
};
