import { useCallback, useMemo } from 'react';
import { l } from '../../i18n/localized.js';
import type { SlotProposal, SlotView } from '../actions.js';
import { ApprovePanel } from '../ApprovePanel.js';
import { overrideFor } from '../gate-view.js';
import { useModeKeys } from '../hooks/use-mode-keys.js';
import { useSlotProposal } from '../hooks/use-slot-proposal.js';
import { APPROVE_BINDINGS } from '../keybindings.js';
import { resolveKey } from '../key-resolve.js';
import { useStudio } from '../studio-context.js';
import { useUi } from '../ui-context.js';
import type { PostModel } from '../view-model.js';

/** When to publish: the proposed slot (same seed, so the slot kept is the one shown) or a time. */
export type ApprovalTime = { seed: string } | { at: string };

const shifted = (proposal: SlotProposal, minutes: number): Date =>
  new Date(new Date(proposal.at).getTime() + minutes * 60_000);

/**
 * Approves a variant: the one way the studio approves, from the slot panel (Enter) and from a
 * typed time alike. A variant below the quality gate is approved with an override naming the
 * flags the approve panel showed (its confirmation); the service records it in the audit log.
 */
export const useRequestApproval = () => {
  const { actions, dispatch, notify, queue, run } = useStudio();
  return useCallback(
    (post: PostModel, idx: number, when: ApprovalTime) => {
      const shortId = post.shortId;
      run(
        l('Approving', 'Approbation'),
        () => actions.approve(post.id, idx, when, overrideFor(post.variants.find((v) => v.idx === idx)?.gate ?? null)),
        (r) => {
          notify(
            'success',
            l(
              `Approved ${shortId} with variant ${r.variant} for ${r.local} ${r.timeZone} (${r.mode}).`,
              `${shortId} approuvé avec la variante ${r.variant} pour le ${r.local} ${r.timeZone} (${r.mode}).`,
            ),
          );
          dispatch({ type: 'postChanged', keepVariant: false });
          queue.decided();
        },
      );
    },
    [actions, dispatch, notify, queue, run],
  );
};

/**
 * `a`: the slot the post would get, drawn by the review service in the brand's posting window;
 * ←/→ move it 15 min, ↑/↓ a day, `d` draws another, `t` types a time, Enter approves.
 */
export const ApproveMode = ({
  post,
  variant,
  proposal,
  shift,
}: {
  post: PostModel;
  variant: number;
  proposal: SlotProposal | undefined;
  shift: number;
}) => {
  const { actions, dispatch, layout, latest, busy } = useStudio();
  const { caps } = useUi();
  useSlotProposal(post.id, proposal === undefined);
  const slot: SlotView | undefined = useMemo(() => {
    if (!proposal) return undefined;
    return shift === 0 ? proposal : actions.describeSlot(post, shifted(proposal, shift));
  }, [actions, post, proposal, shift]);
  const requestApproval = useRequestApproval();

  useModeKeys('approve', (input, key) => {
    const { screen, view } = latest();
    const mode = screen.mode;
    if (mode.kind !== 'approve' || !view.post || !view.variant) return;
    const c = resolveKey(APPROVE_BINDINGS, caps, input, key);
    if (c === 'cancel') return dispatch({ type: 'browse' });
    if (!mode.proposal || busy()) return;
    switch (c) {
      case 'accept':
        return requestApproval(
          view.post,
          view.variant.idx,
          mode.shift === 0 ? { seed: mode.proposal.seed } : { at: shifted(mode.proposal, mode.shift).toISOString() },
        );
      case 'earlier':
      case 'later':
        return dispatch({ type: 'shiftSlot', minutes: c === 'earlier' ? -15 : 15 });
      case 'prevDay':
      case 'nextDay':
        return dispatch({ type: 'shiftSlot', minutes: c === 'prevDay' ? -1440 : 1440 });
      case 'redraw':
        return dispatch({ type: 'mode', mode: { kind: 'approve', shift: 0 } });
      case 'typeTime':
        // Pre-filled with the moved time when the slot was moved: the one on screen.
        return dispatch({
          type: 'typeTime',
          initial:
            mode.shift === 0 ? undefined : actions.describeSlot(view.post, shifted(mode.proposal, mode.shift)).local,
        });
    }
  });

  return (
    <ApprovePanel
      variant={variant}
      proposal={proposal}
      slot={slot}
      shift={shift}
      width={layout.width}
      gate={post.variants.find((v) => v.idx === variant)?.gate}
    />
  );
};
