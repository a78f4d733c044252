import { describe, expect, it } from 'vitest';
import { whenIdle } from '../../src/generate/when-idle.js';

const block = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

describe('whenIdle', () => {
  it('waits until the work keeping the thread busy is over', async () => {
    const order: string[] = [];
    // Five macrotasks of 25 ms of CPU each, as module loading or request building would be.
    let left = 5;
    const busy = () => {
      block(25);
      if ((left -= 1) > 0) setImmediate(busy);
      else order.push('busy done');
    };
    setImmediate(busy);
    await whenIdle().then(() => order.push('idle'));
    expect(order).toEqual(['busy done', 'idle']);
  });

  it('gives up waiting after its limit on a thread that is never idle', async () => {
    let stop = false;
    const spin = () => {
      block(10);
      if (!stop) setImmediate(spin);
    };
    setImmediate(spin);
    await whenIdle(5, 3, 2, 100);
    const stillBusy = !stop;
    stop = true;
    expect(stillBusy).toBe(true);
  });
});
