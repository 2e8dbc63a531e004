/**
 * Keeps the last good answer per key for `freshMs`, then revalidates it with the upstream's ETag.
 * Concurrent misses share one upstream call, so a burst of browsers costs the control plane one request.
 */
export class RevalidatingCache<T> {
  private readonly entries = new Map<string, { value: T; etag?: string; fetchedAt: number }>();
  private readonly inflight = new Map<string, Promise<T>>();

  constructor(
    private readonly freshMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** `load(etag)` answers the new value and its etag, or undefined when the held copy is still current. */
  get(key: string, load: (etag?: string) => Promise<{ value: T; etag?: string } | undefined>): Promise<T> {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.fetchedAt < this.freshMs) return Promise.resolve(entry.value);
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = load(entry?.etag)
        .then((loaded) => {
          const next = loaded ?? (entry ? { value: entry.value, etag: entry.etag } : undefined);
          if (!next) throw new Error(`upstream answered "not modified" for ${key} with nothing cached`);
          this.entries.set(key, { ...next, fetchedAt: this.now() });
          return next.value;
        })
        .finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }
}
