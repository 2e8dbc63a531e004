import { describe, expect, it } from 'vitest';
import { linkLiveFacts } from './link-live.ts';

describe('a link’s live figures', () => {
  it('give RTT against the base, loss, utilisation and the condition the map colours by', () => {
    expect(linkLiveFacts({ link_rtt_seconds: 0.0143, link_loss_ratio: 0.0004, link_utilization_ratio: 0.31 }, 14)).toEqual([
      { label: 'RTT', value: '14 ms (base 14 ms)' },
      { label: 'Packet loss', value: '0.04 %' },
      { label: 'Utilisation', value: '31 %' },
      { label: 'Condition', value: 'Normal' },
    ]);
    expect(linkLiveFacts({ link_rtt_seconds: 0.035, link_loss_ratio: 0.42 }, 14).at(-1)).toEqual({ label: 'Condition', value: 'Cut (≥ 30 % loss)' });
    expect(linkLiveFacts({ link_rtt_seconds: 0.03, link_loss_ratio: 0 }, 14).at(-1)).toEqual({ label: 'Condition', value: 'RTT elevated (≥ 1.5× base)' });
  });

  it('say when no probe came back, and list nothing before the first reading', () => {
    expect(linkLiveFacts({ link_loss_ratio: 1, link_utilization_ratio: 0 }, 14)).toEqual([
      { label: 'RTT', value: 'no reply (unreachable)' },
      { label: 'Packet loss', value: '100.0 %' },
      { label: 'Utilisation', value: '0 %' },
      { label: 'Condition', value: 'Cut (≥ 30 % loss)' },
    ]);
    expect(linkLiveFacts({}, 14)).toEqual([]);
  });
});
