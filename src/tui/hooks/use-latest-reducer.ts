import { useCallback, useRef, useState, type Dispatch, type RefObject } from 'react';

/**
 * A reducer whose latest state is also kept in a ref, updated as each action is dispatched.
 * Keys that arrive in one burst (typing fast, a paste, `tmux send-keys`) are handled before
 * React renders again, and each must see the state the previous key left, not the last
 * rendered one: key handlers read the ref, components render the state.
 */
export const useLatestReducer = <S, A>(
  reducer: (state: S, action: A) => S,
  initial: () => S,
): [S, Dispatch<A>, RefObject<S>] => {
  const [state, setState] = useState(initial);
  const ref = useRef(state);
  const dispatch = useCallback(
    (action: A) => {
      ref.current = reducer(ref.current, action);
      setState(ref.current);
    },
    [reducer],
  );
  return [state, dispatch, ref];
};
