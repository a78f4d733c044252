import { Box, Text } from 'ink';
import { l, type Localized } from '../i18n/localized.js';
import { movedReason, weekdayName } from '../present/dates.js';
import { modeLabel } from '../present/labels.js';
import type { SlotProposal, SlotView } from './actions.js';
import type { GateView } from './gate-view.js';
import { APPROVE_PANEL_ROWS } from './layout.js';
import { truncate } from './text-layout.js';
import { useUi } from './ui-context.js';

/** The slot the post would get: drawn in the posting window, moved by the user, in the brand's zone. */
export const ApprovePanel = ({
  variant,
  proposal,
  slot,
  shift,
  width,
  gate,
}: {
  variant: number;
  proposal: SlotProposal | undefined;
  slot: SlotView | undefined;
  shift: number;
  width: number;
  /** The variant's quality gate: when it does not pass, the panel is the override's confirmation. */
  gate?: GateView | null | undefined;
}) => {
  const { t, theme, lang } = useUi();
  const lines: string[] = [];
  let warning: string | undefined;
  const blocked = Boolean(gate && !gate.passed);
  if (!proposal || !slot) {
    lines.push(t(l('Drawing a slot in the posting window…', 'Tirage d’un créneau dans la fenêtre de publication…')));
  } else {
    const moved =
      shift === 0
        ? t(l('drawn in the posting window', 'tiré dans la fenêtre de publication'))
        : t(
            l(
              `moved ${shift > 0 ? '+' : '−'}${formatShift(Math.abs(shift))}`,
              `déplacé de ${shift > 0 ? '+' : '−'}${formatShift(Math.abs(shift))}`,
            ),
          );
    const day = slot.weekday ? `${weekdayName(slot.weekday, lang)} ` : '';
    lines.push(
      `${t(l('Publish at', 'Publier le'))} ${day}${slot.local} (${slot.timeZone}) · ${slot.at.slice(11, 16)} UTC · ${t(l('mode', 'mode'))} ${modeLabel(slot.mode, lang)}`,
    );
    lines.push(
      blocked
        ? `${moved} · ${t(l('Enter overrides the quality gate (recorded in the audit log)', 'Entrée contourne le seuil de qualité (consigné au journal d’audit)'))}`
        : moved,
    );
    warning = placementWarning(slot, t);
    if (!warning && proposal.movedFrom && shift === 0)
      lines.push(t(movedReason(proposal.movedFrom, proposal.movedBecause)));
  }
  return (
    <Box flexDirection="column" width={width} height={APPROVE_PANEL_ROWS}>
      <Text bold color={blocked ? theme.warning : theme.success} wrap="truncate-end">
        {truncate(
          blocked && gate
            ? `${t(l(`Approve variant ${variant} anyway?`, `Approuver quand même la variante ${variant} ?`))} ✗ ${gate.reasons.map((r) => t(r)).join('; ')}`
            : t(l(`Approve variant ${variant}?`, `Approuver la variante ${variant} ?`)),
          width,
        )}
      </Text>
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {truncate(line, width)}
        </Text>
      ))}
      {warning ? (
        <Text color={theme.warning} wrap="truncate-end">
          {truncate(warning, width)}
        </Text>
      ) : null}
    </Box>
  );
};

/** A moved slot outside the posting window, or on a day that is not a posting day, says so. */
const placementWarning = (slot: SlotView, t: (text: Localized) => string): string | undefined => {
  const outside = slot.inWindow === false;
  const offDay = slot.postingDay === false;
  if (!outside && !offDay) return undefined;
  const window = slot.window ?? '';
  if (outside && offDay)
    return t(
      l(
        `⚠ outside the posting window (${window}), on a day that is not a posting day`,
        `⚠ hors de la fenêtre de publication (${window}), un jour qui n’est pas un jour de publication`,
      ),
    );
  return outside
    ? t(l(`⚠ outside the posting window (${window})`, `⚠ hors de la fenêtre de publication (${window})`))
    : t(l('⚠ not a posting day', '⚠ pas un jour de publication'));
};

const formatShift = (minutes: number): string => {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return [d ? `${d} d` : '', h ? `${h} h` : '', m ? `${m} min` : ''].filter(Boolean).join(' ') || '0 min';
};
