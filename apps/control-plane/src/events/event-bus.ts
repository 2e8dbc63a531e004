import type { StreamEvent, StreamEventType } from '@corridor/shared';

type DataOf<T extends StreamEventType> = Extract<StreamEvent, { type: T }>['data'];
export type Listener = (event: StreamEvent) => void;

/**
 * The control plane's live events: increasing ids, a bounded replay buffer and synchronous fan-out.
 * Ids start from the wall clock (ms × 1000) so a restarted control plane never reuses an id: a client
 * resuming from an older instance's id falls before the buffer and is told to resync.
 */
export class EventBus {
  private nextId: number;
  private readonly buffer: StreamEvent[] = [];
  private readonly listeners = new Set<Listener>();
  /** Listeners that are remote clients (GET /v1/stream), as opposed to in-process followers (the timeline, the notifier). */
  private readonly clients = new Set<Listener>();

  constructor(
    readonly capacity = 1000,
    now: () => number = Date.now,
  ) {
    this.nextId = now() * 1000 + 1;
  }

  /** Remote clients following the stream now (each BFF holds one); in-process followers are not counted. */
  get subscribers(): number {
    return this.clients.size;
  }

  get lastId(): number {
    return this.nextId - 1;
  }

  publish<T extends StreamEventType>(type: T, data: DataOf<T>): StreamEvent {
    const event = { id: this.nextId++, type, data } as StreamEvent;
    this.buffer.push(event);
    if (this.buffer.length > this.capacity) this.buffer.shift();
    for (const listener of this.listeners) listener(event);
    return event;
  }

  /** Events after `lastId`, or undefined when some of them have left the buffer (the client must resync). */
  since(lastId: number): StreamEvent[] | undefined {
    if (lastId === this.lastId) return [];
    // Ids carry this instance's start (ms × 1000) as their epoch, so an id above the last one issued is not from
    // this life (an older instance whose clock ran ahead): its events are unknown here, never answer with ours.
    if (lastId > this.lastId) return undefined;
    const oldest = this.buffer[0];
    if (!oldest || lastId < oldest.id - 1) return undefined;
    return this.buffer.filter((e) => e.id > lastId);
  }

  /** `client`: a remote follower of GET /v1/stream (counted in `subscribers`); `internal`: a part of this process. */
  subscribe(listener: Listener, kind: 'client' | 'internal' = 'client'): () => void {
    this.listeners.add(listener);
    if (kind === 'client') this.clients.add(listener);
    return () => {
      this.listeners.delete(listener);
      this.clients.delete(listener);
    };
  }
}
