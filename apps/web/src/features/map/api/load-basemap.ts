import type { DrawableBasemap } from '../model/drawable-basemap.ts';

type WorkerAnswer = { ok: true; basemap: DrawableBasemap } | { ok: false; message: string };

async function loadOnMainThread(url: string, signal?: AbortSignal): Promise<DrawableBasemap> {
  const response = await fetch(url, { signal, credentials: 'same-origin' });
  if (!response.ok) throw new Error(`The basemap failed to load (HTTP ${response.status}).`);
  // Loaded on demand: the topology code stays out of the initial bundle.
  const { prepareBasemap } = await import('../model/drawable-basemap.ts');
  return prepareBasemap(await response.json());
}

/** Loads the shipped basemap in a worker so the map stays responsive while it is prepared. */
export function loadBasemap(url: string, signal?: AbortSignal): Promise<DrawableBasemap> {
  if (typeof Worker === 'undefined') return loadOnMainThread(url, signal);
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./basemap.worker.ts', import.meta.url), { type: 'module', name: 'basemap' });
    const abort = () => {
      worker.terminate();
      reject(new DOMException('Basemap load aborted', 'AbortError'));
    };
    signal?.addEventListener('abort', abort, { once: true });
    const settle = () => {
      signal?.removeEventListener('abort', abort);
      worker.terminate();
    };
    worker.onmessage = (event: MessageEvent<WorkerAnswer>) => {
      settle();
      if (event.data.ok) resolve(event.data.basemap);
      else reject(new Error(event.data.message));
    };
    worker.onerror = () => {
      settle();
      // A worker that cannot start (old browser, CSP) should not cost the map its basemap.
      loadOnMainThread(url, signal).then(resolve, reject);
    };
    worker.postMessage({ url });
  });
}
