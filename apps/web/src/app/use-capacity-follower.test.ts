import { afterEach, describe, expect, it, vi } from 'vitest';
import { throttled } from './use-capacity-follower.ts';

afterEach(() => vi.useRealTimers());

describe('the capacity follower’s throttle', () => {
  it('reads again at once after quiet, then at most once per interval, keeping the last call', () => {
    vi.useFakeTimers();
    const action = vi.fn();
    const refresh = throttled(action, 3000);
    refresh.call();
    vi.advanceTimersByTime(0);
    expect(action).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 10; i++) refresh.call();
    vi.advanceTimersByTime(2999);
    expect(action).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(action).toHaveBeenCalledTimes(2);
    refresh.call();
    refresh.cancel();
    vi.advanceTimersByTime(10_000);
    expect(action).toHaveBeenCalledTimes(2);
  });
});
