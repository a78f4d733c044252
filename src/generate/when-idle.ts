/**
 * Resolves once the event loop has been idle for a moment: two short timers in a row fired on
 * time, so nothing on this thread is busy (a module loading, a request being built). Node has no
 * requestIdleCallback; this is its cheap equivalent for work that must not compete with the
 * critical path, such as compiling rules while a provider writes.
 */
export const whenIdle = async (tickMs = 5, lateMs = 3, quietTicks = 2, maxWaitMs = 2_000): Promise<void> => {
  const started = performance.now();
  let quiet = 0;
  while (quiet < quietTicks && performance.now() - started < maxWaitMs) {
    const before = performance.now();
    await new Promise<void>((resolve) => setTimeout(resolve, tickMs).unref());
    quiet = performance.now() - before - tickMs <= lateMs ? quiet + 1 : 0;
  }
};
