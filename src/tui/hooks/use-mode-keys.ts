import { useInput, useStdin } from 'ink';
import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { KeyPress } from '../keybindings.js';
import { isTextOwner, restOf, splitRead, type KeyOwner, type Read } from '../key-routing.js';

/**
 * Keys go to the component of the mode that owns them, each subscribed with Ink's
 * `useInput(handler, { isActive })`. A key can arrive before its owner is subscribed: Ink
 * (re)subscribes input handlers in an effect, which runs after the render that opened the mode,
 * and the next key of the same read (or of a read just after) comes first. So every read goes
 * through a small queue: the subscribed component handles it at once when it still owns the
 * keys (by the latest state, not the rendered one); otherwise it waits, in order, until the new
 * owner subscribes and drains the queue. Nothing typed is lost or sent to the wrong mode.
 */
export interface KeyRouter {
  /** The owner of the next key, by the latest state (a burst is handled before React renders). */
  owner: () => KeyOwner;
  /** Queues a read behind the ones still waiting for their owner. */
  push: (read: Read) => void;
  /** Hands waiting reads to `take` while `owner` owns the keys; `take` returns what it left. */
  drain: (owner: KeyOwner, take: (read: Read) => Read | undefined) => void;
}

interface RouterContext {
  router: KeyRouter;
  /** The owner the last render drew: only its component is subscribed. */
  rendered: KeyOwner;
}

const KeyRouterContext = createContext<RouterContext | undefined>(undefined);
export const KeyRouterProvider = KeyRouterContext.Provider;

/** The root's router. `owner` must read the latest state (refs), and be stable. */
export const useKeyRouter = (owner: () => KeyOwner): KeyRouter => {
  const pending = useRef<Read[]>([]);
  // Mode components subscribe and unsubscribe as the mode changes; holding raw mode here keeps
  // Ink from leaving it (and the terminal from echoing) between one mode and the next.
  const { setRawMode, isRawModeSupported } = useStdin();
  useEffect(() => {
    if (!isRawModeSupported) return;
    setRawMode(true);
    return () => setRawMode(false);
  }, [isRawModeSupported, setRawMode]);
  return useMemo(
    () => ({
      owner,
      push: (read) => {
        pending.current.push(read);
      },
      drain: (who, take) => {
        const queue = pending.current;
        while (queue.length > 0 && owner() === who) {
          // Taken off before it is handled, so a handler that throws cannot wedge the queue.
          const rest = take(queue.shift()!);
          if (rest) queue.unshift(rest);
        }
      },
    }),
    [owner],
  );
};

export type KeyHandler = (input: string, key: KeyPress) => void;

/**
 * Subscribes a mode's component to the keys it owns. The handler may change on every render;
 * it must read what a burst can change (mode, selected variant, queue) from the latest state.
 */
export const useModeKeys = (owner: KeyOwner, handler: KeyHandler): void => {
  const context = useContext(KeyRouterContext);
  if (!context) throw new Error('useModeKeys needs a KeyRouterProvider');
  const { router, rendered } = context;
  const latestHandler = useRef(handler);
  useLayoutEffect(() => {
    latestHandler.current = handler;
  });
  const text = isTextOwner(owner);
  const take = useCallback(
    (read: Read): Read | undefined => {
      const presses = splitRead(read, text);
      let taken = 0;
      for (const press of presses) {
        // A key of the burst changed the mode: the rest belongs to the next mode.
        if (router.owner() !== owner) break;
        latestHandler.current(press.input, press.key);
        taken += 1;
      }
      return restOf(read, presses, taken);
    },
    [router, owner, text],
  );
  const onInput = useCallback(
    (input: string, key: KeyPress) => {
      router.push({ input, key });
      router.drain(owner, take);
    },
    [router, owner, take],
  );
  const isActive = rendered === owner;
  useInput(onInput, { isActive });
  // Declared after useInput, so it runs right after the subscription: keys that came first.
  useEffect(() => {
    if (isActive) router.drain(owner, take);
  }, [isActive, router, owner, take]);
};
