/// <reference lib="webworker" />
import { prepareBasemap, transferablesOf } from '../model/drawable-basemap.ts';

/** Fetches and prepares the basemap off the main thread (parse, merge, split, project: ~100 ms). */
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (event: MessageEvent<{ url: string }>) => {
  try {
    const response = await fetch(event.data.url, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`The basemap failed to load (HTTP ${response.status}).`);
    const basemap = prepareBasemap(await response.json());
    scope.postMessage({ ok: true, basemap }, transferablesOf(basemap));
  } catch (error) {
    scope.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
};
