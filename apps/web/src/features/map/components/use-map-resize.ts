import type { LatLngBoundsExpression, Map as LeafletMap } from 'leaflet';
import { useEffect } from 'react';

/**
 * Keeps Leaflet in step with its container's size (stylesheet arriving after the script, the
 * header growing once totals load, window resizes). Until the user moves the map, each resize
 * fits the default view again, so the first view always shows the whole area.
 */
export function useMapResize(map: LeafletMap, initialBounds: LatLngBoundsExpression): void {
  useEffect(() => {
    const container = map.getContainer();
    let userMoved = false;
    let fitting = false;
    const markMoved = () => {
      userMoved = true;
    };
    // Any move but our own refit (a pan in code, a test's setView) also ends it: a header that grows
    // later (live figures arriving) must not throw the view back.
    const onMoveStart = () => {
      if (!fitting) userMoved = true;
    };
    map.on('movestart', onMoveStart);
    // A user interaction, or flying to a selected site, ends the "initial view" period.
    container.addEventListener('pointerdown', markMoved, { once: true });
    container.addEventListener('wheel', markMoved, { once: true, passive: true });
    container.addEventListener('keydown', markMoved, { once: true });
    const onFly = () => markMoved();
    map.on('corridor:flyto', onFly);

    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        map.invalidateSize({ pan: false });
        if (!userMoved && container.clientHeight > 0) {
          fitting = true;
          map.fitBounds(initialBounds, { animate: false });
          fitting = false;
        }
      });
    });
    observer.observe(container);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
      container.removeEventListener('pointerdown', markMoved);
      container.removeEventListener('wheel', markMoved);
      container.removeEventListener('keydown', markMoved);
      map.off('corridor:flyto', onFly);
      map.off('movestart', onMoveStart);
    };
  }, [map, initialBounds]);
}
