import type { TimelineEvent } from '@corridor/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportTimelineCsv } from './timeline-queries.ts';

const event = (id: number, summary = `event ${id}`): TimelineEvent => ({ id, at: '2026-12-03T12:00:00.000Z', kind: 'drain', siteId: 'ma-benguerir-1', summary, detail: {} });
const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

afterEach(() => vi.unstubAllGlobals());

describe('timeline CSV export', () => {
  it('takes the server’s CSV with the filters, and says when more remain', async () => {
    const fetch = vi.fn(async (_path: string) => new Response('id,summary\r\n2,"a\r\nb"\r\n1,c\r\n', { status: 200, headers: { 'X-Next-Before': '1' } }));
    vi.stubGlobal('fetch', fetch);
    const csv = await exportTimelineCsv({ kind: 'drain', site: 'ma-benguerir-1' });
    expect(fetch.mock.calls[0]![0]).toBe('/api/events.csv?kind=drain&site=ma-benguerir-1');
    expect([csv.count, csv.truncated]).toEqual([2, true]);
  });

  it('writes the CSV in the browser from every page when the server has no export', async () => {
    const pages: Record<string, unknown> = {
      '/api/events?kind=drain&limit=1000': { events: [event(3, '=1+1'), event(2)], nextBefore: 2 },
      '/api/events?kind=drain&before=2&limit=1000': { events: [event(1)] },
    };
    vi.stubGlobal(
      'fetch',
      vi.fn(async (path: string) => (path.startsWith('/api/events.csv') ? new Response('', { status: 404 }) : json(pages[path]))),
    );
    const csv = await exportTimelineCsv({ kind: 'drain' });
    expect([csv.count, csv.truncated]).toEqual([3, false]);
    expect(
      csv.text
        .split('\r\n')
        .slice(1, 4)
        .map((line) => line.split(',')[0]),
    ).toEqual(['3', '2', '1']);
    expect(csv.text).toContain(",'=1+1,");
  });

  it('fails with the status when the server refuses', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('', { status: 403 })),
    );
    await expect(exportTimelineCsv({})).rejects.toThrow('HTTP 403');
  });
});
