/** A cached answer and the validator that lets the upstream say it is still current. */
export interface Versioned<T> {
  value: T;
  etag?: string;
}

/**
 * Keeps the last good answer per key for `freshMs`, then revalidates it with the upstream's ETag.
 * Concurrent misses share one upstream call, so a burst of browsers costs the control plane one request.
 */
export class RevalidatingCache<T> {
  private readonly entries = new Map<string, Versioned<T> & { fetchedAt: number }>();
  private readonly inflight = new Map<string, Promise<Versioned<T>>>();

  constructor(
    private readonly freshMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** `load(etag)` answers the new value and its etag, or undefined when the held copy is still current. */
  get(key: string, load: (etag?: string) => Promise<Versioned<T> | undefined>): Promise<Versioned<T>> {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.fetchedAt < this.freshMs) return Promise.resolve(entry);
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = load(entry?.etag)
        .then((loaded) => {
          const next = loaded ?? entry;
          if (!next) throw new Error(`upstream answered "not modified" for ${key} with nothing cached`);
          const stored = { value: next.value, etag: next.etag, fetchedAt: this.now() };
          this.entries.set(key, stored);
          return stored;
        })
        .finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }
}
