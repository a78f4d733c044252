import { useEffect } from 'react';
import { describeError } from '../describe-error.js';
import { useStudio } from '../studio-context.js';
import { useUi } from '../ui-context.js';

/**
 * Draws a slot for the post while the approve panel has none (on opening it, and after `d`).
 * A failure closes the panel with the reason in the status line.
 */
export const useSlotProposal = (postId: string, needed: boolean): void => {
  const { actions, dispatch } = useStudio();
  const { lang } = useUi();
  useEffect(() => {
    if (!needed) return;
    let live = true;
    actions
      .proposeSlot(postId, actions.newSeed())
      .then((proposal) => live && dispatch({ type: 'proposal', proposal }))
      .catch((error: unknown) => {
        if (!live) return;
        dispatch({ type: 'browse' });
        dispatch({ type: 'notice', notice: { tone: 'error', text: describeError(error, lang) } });
      });
    return () => {
      live = false;
    };
  }, [actions, dispatch, lang, needed, postId]);
};
