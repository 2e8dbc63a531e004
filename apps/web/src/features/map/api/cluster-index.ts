import { SiteClusters, type ClusterInput, type ClusterView } from '../model/cluster-core.ts';
import type { ClusterAnswer, ClusterRequest } from './cluster-messages.ts';

type Pending = { resolve: (answer: ClusterAnswer) => void };

/**
 * The site clusters behind a message port: in a worker (indexing 20,000 sites must not block the map),
 * or in this thread where workers are missing (tests). Requests are answered in order, so a view asked
 * after a load shows that load. Loads are coalesced: while one is being indexed, only the newest waits.
 */
export class ClusterIndex<Tag> {
  private worker?: Worker;
  private local?: SiteClusters;
  private localGeneration = 0;
  /** What each generation's indexes refer to (the caller's list of sites), newest kept. */
  private readonly tags = new Map<number, Tag>();
  private sentLoads = 0;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private loading = false;
  private queuedLoad?: { input: ClusterInput; tag: Tag; done: Array<() => void> };

  constructor() {
    if (typeof Worker === 'undefined') return;
    try {
      this.worker = new Worker(new URL('./clusters.worker.ts', import.meta.url), { type: 'module', name: 'site-clusters' });
      this.worker.onmessage = (event: MessageEvent<ClusterAnswer>) => this.answer(event.data);
    } catch {
      this.worker = undefined;
    }
  }

  private answer(answer: ClusterAnswer): void {
    const waiting = this.pending.get(answer.id);
    this.pending.delete(answer.id);
    waiting?.resolve(answer);
  }

  private send(request: ClusterRequest, transfer: Transferable[] = []): Promise<ClusterAnswer> {
    return new Promise((resolve) => {
      this.pending.set(request.id, { resolve });
      if (this.worker) this.worker.postMessage(request, transfer);
      else queueMicrotask(() => this.answer(this.handleLocally(request)));
    });
  }

  private handleLocally(request: ClusterRequest): ClusterAnswer {
    if (request.type === 'load') {
      this.local = new SiteClusters(request.input);
      return { id: request.id, type: 'loaded', generation: ++this.localGeneration };
    }
    if (request.type === 'view') return { id: request.id, type: 'view', view: this.local?.view(request.bbox, request.zoom) ?? { clusters: [], singles: [] }, generation: this.localGeneration };
    return { id: request.id, type: 'expansion', zoom: this.local?.expansionZoom(request.clusterId) ?? -1 };
  }

  /**
   * Indexes these sites (their arrays are handed over, not copied), tagged with what their indexes refer
   * to; resolves once they are indexed, or once a newer load queued behind them is.
   */
  load(input: ClusterInput, tag: Tag): Promise<void> {
    return new Promise((resolve) => {
      if (this.loading) {
        const done = [...(this.queuedLoad?.done ?? []), resolve];
        this.queuedLoad = { input, tag, done };
        return;
      }
      this.loading = true;
      this.tags.set(++this.sentLoads, tag);
      const { lat, lon, rank, greyed, alerts } = input;
      const transfer = this.worker ? [lat.buffer, lon.buffer, rank.buffer, greyed.buffer, alerts.buffer] : [];
      void this.send({ id: this.nextId++, type: 'load', input }, transfer).then((answer) => {
        if (answer.type === 'loaded') for (const generation of this.tags.keys()) if (generation < answer.generation) this.tags.delete(generation);
        this.loading = false;
        const queued = this.queuedLoad;
        this.queuedLoad = undefined;
        if (queued) void this.load(queued.input, queued.tag).then(() => [resolve, ...queued.done].forEach((d) => d()));
        else resolve();
      });
    });
  }

  /** What to draw in a box at a zoom, with the tag of the load it was taken from (none before the first). */
  async view(bbox: [number, number, number, number], zoom: number): Promise<{ view: ClusterView; tag?: Tag }> {
    const answer = await this.send({ id: this.nextId++, type: 'view', bbox, zoom });
    return answer.type === 'view' ? { view: answer.view, tag: this.tags.get(answer.generation) } : { view: { clusters: [], singles: [] } };
  }

  /** The zoom at which a cluster splits; -1 for a cluster of an index since replaced. */
  async expansionZoom(clusterId: number): Promise<number> {
    const answer = await this.send({ id: this.nextId++, type: 'expansion', clusterId });
    return answer.type === 'expansion' ? answer.zoom : -1;
  }

  dispose(): void {
    this.worker?.terminate();
    this.pending.clear();
  }
}
