import { describe, expect, it } from 'vitest';
import { CounterMemory, readOtlpPoints, toSamples, type OtlpEnvelope } from './otlp.ts';

const now = Date.UTC(2026, 5, 21, 12);
const nanos = (ms: number) => (BigInt(ms) * 1_000_000n).toString();
const str = (key: string, value: string) => ({ key, value: { stringValue: value } });

function convert(envelope: OtlpEnvelope, memory = new CounterMemory()) {
  const read = readOtlpPoints(envelope, now, now - 48 * 3_600_000);
  const out = toSamples(read.candidates, memory);
  out.commit();
  return { ...out, rejected: [...read.rejected, ...out.rejected] };
}
const xid = (points: [gpu: string, offsetS: number, code: number][]): OtlpEnvelope => ({
  resourceMetrics: [
    {
      resource: { attributes: [str('site.id', 'casa-1')] },
      scopeMetrics: [
        {
          metrics: [
            {
              name: 'DCGM_FI_DEV_XID_ERRORS',
              gauge: { dataPoints: points.map(([gpu, s, code]) => ({ timeUnixNano: nanos(now - 60_000 + s * 1000), asInt: String(code), attributes: [str('gpu', gpu)] })) },
            },
          ],
        },
      ],
    },
  ],
});

describe('OTLP conversion', () => {
  it('counts changes of the last XID code per GPU, summed over the site', () => {
    const memory = new CounterMemory();
    expect(
      convert(
        xid([
          ['0', 0, 0],
          ['1', 0, 0],
        ]),
        memory,
      ).samples,
    ).toEqual([]); // baselines only
    const { samples } = convert(
      xid([
        ['0', 5, 79],
        ['1', 5, 0],
        ['0', 10, 79],
        ['1', 10, 48],
      ]),
      memory,
    );
    expect(samples.map((s) => [s.metric, s.at - now, s.value])).toEqual([
      ['gpu_xid_errors_total', -55_000, 1],
      ['gpu_xid_errors_total', -50_000, 1],
    ]);
  });

  it('truncates nanoseconds to milliseconds and reads int64 strings', () => {
    const envelope: OtlpEnvelope = {
      resourceMetrics: [
        {
          resource: { attributes: [str('link.id', 'medusa-1')] },
          scopeMetrics: [{ metrics: [{ name: 'link_loss_ratio', gauge: { dataPoints: [{ timeUnixNano: `${nanos(now)}`.replace(/000000$/, '999999'), asInt: '0' }] } }] }],
        },
      ],
    };
    expect(convert(envelope).samples).toEqual([{ metric: 'link_loss_ratio', linkId: 'medusa-1', at: now, value: 0 }]);
  });

  it('keeps the counter memory bounded, forgetting the least recently updated series', () => {
    const memory = new CounterMemory(2);
    memory.set('a', { atMs: 1, value: 1 });
    memory.set('b', { atMs: 1, value: 1 });
    memory.set('a', { atMs: 2, value: 2 });
    memory.set('c', { atMs: 1, value: 1 });
    expect([memory.get('a')?.value, memory.get('b'), memory.get('c')?.value, memory.size]).toEqual([2, undefined, 1, 2]);
  });

  it('does not move a cumulative baseline until the request is committed', () => {
    const memory = new CounterMemory();
    const energy = (offsetS: number, joules: number): OtlpEnvelope => ({
      resourceMetrics: [
        {
          resource: { attributes: [str('site.id', 'casa-1')] },
          scopeMetrics: [
            { metrics: [{ name: 'site_it_energy_joules_total', sum: { aggregationTemporality: 2, dataPoints: [{ timeUnixNano: nanos(now - 60_000 + offsetS * 1000), asDouble: joules }] } }] },
          ],
        },
      ],
    });
    convert(energy(0, 100), memory);
    const read = readOtlpPoints(energy(5, 400), now, 0);
    toSamples(read.candidates, memory); // not committed: say the store failed
    expect(convert(energy(5, 400), memory).samples.map((s) => s.value)).toEqual([300]);
  });
});
