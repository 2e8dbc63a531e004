import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { Freshness } from '../model/freshness.ts';
import { LiveClient, type LiveClientOptions } from './live-client.ts';

declare global {
  interface Window {
    /** The live feed, for benchmarks that push stream events into the console (receive / commit). */
    __corridorLive?: LiveClient;
  }
}

type Callbacks = Pick<LiveClientOptions, 'onStatus' | 'onCheckStatus' | 'onResumed'>;

/**
 * Starts the console's one live feed for as long as the component is mounted. With `follow` off (a
 * synthetic fleet) nothing is loaded or followed, but the client still exists so a benchmark can feed it.
 */
export function useLiveStream(follow: boolean, callbacks: Callbacks): LiveClient {
  const queryClient = useQueryClient();
  const latest = useRef(callbacks);
  useEffect(() => {
    latest.current = callbacks;
  });
  const [client, setClient] = useState(() => createClient());

  function createClient() {
    return new LiveClient(queryClient, {
      onStatus: (s) => latest.current.onStatus?.(s),
      onCheckStatus: (r) => latest.current.onCheckStatus?.(r),
      onResumed: () => latest.current.onResumed?.(),
    });
  }

  useEffect(() => {
    // StrictMode mounts twice: a stopped client is replaced rather than restarted.
    let current = client;
    if (current.isStopped()) {
      current = createClient();
      // eslint-disable-next-line react-hooks/set-state-in-effect -- only StrictMode's second mount gets here: its client was stopped by the first unmount and cannot restart, so a new one is rendered
      setClient(current);
      return;
    }
    if (follow) current.start();
    else current.startDetached();
    window.__corridorLive = current;
    return () => {
      current.stop();
      if (window.__corridorLive === current) delete window.__corridorLive;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one client per mount and source
  }, [client, follow]);

  return client;
}

/** Whether the figures on screen are live; re-renders only when that changes. */
export function useLiveFreshness(client: LiveClient): Freshness {
  return useSyncExternalStore(client.subscribe, client.getFreshness, client.getFreshness);
}
