import { describe, expect, it } from 'vitest';
import { SharedRead } from './shared-read.ts';

/** A store value and a read of it that takes a turn of the event loop, counting the reads sent. */
function store() {
  const state = { value: 0, reads: 0 };
  const read = async () => {
    state.reads++;
    const seen = state.value;
    await new Promise((resolve) => setImmediate(resolve));
    return seen;
  };
  return { state, read };
}

describe('SharedRead', () => {
  it('answers 100 callers asking at once with two reads: one for the first caller, the next for the 99 others', async () => {
    const { state, read } = store();
    const shared = new SharedRead(read);
    const answers = await Promise.all(Array.from({ length: 100 }, () => shared.read()));
    expect(answers).toEqual(Array.from({ length: 100 }, () => 0));
    expect(state.reads).toBe(2);
  });

  it('never answers a caller with a read that started before it asked', async () => {
    const { state, read } = store();
    const shared = new SharedRead(read);
    const early = shared.read();
    state.value = 1; // a change committed after the first read began
    const late = Array.from({ length: 50 }, () => shared.read());
    expect(await early).toBe(0);
    expect(await Promise.all(late)).toEqual(Array.from({ length: 50 }, () => 1));
    expect(state.reads).toBe(2);
  });

  it('reads again for a caller after the crowd, and a failed read fails only those who shared it', async () => {
    let fail = true;
    let reads = 0;
    const shared = new SharedRead(async () => {
      reads++;
      await new Promise((resolve) => setImmediate(resolve));
      if (fail) throw new Error('store unreachable');
      return 'ok';
    });
    const failing = Promise.allSettled([shared.read(), shared.read()]);
    expect((await failing).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await shared.read()).toBe('ok');
    expect(reads).toBe(3);
  });
});
