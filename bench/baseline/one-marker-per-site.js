// Baseline map: every site is its own L.marker with a divIcon (a DOM element each), added one by one,
// as a one-<Marker>-per-site React tree does. Same sites as the console's ?synthetic=N (served as
// /baseline/sites.json by bench/map-render.mjs), same marker size rule, same initial view when given.
/* global L */
(async function main() {
  const params = new URLSearchParams(location.search);
  const el = document.getElementById('map');
  // The console's map options and initial view (Europe, Africa and the Americas).
  const map = L.map(el, { preferCanvas: false, worldCopyJump: false, minZoom: 2, maxZoom: 12, zoomSnap: 0.25, zoomDelta: 0.5 });
  window.__corridorMap = map;
  map.fitBounds(
    [
      [-38, -125],
      [63, 48],
    ],
    { animate: false },
  );

  const count = Number(params.get('synthetic') ?? 5000);
  const res = await fetch(`/baseline/sites.json?count=${count}`);
  const sites = await res.json();
  // Radius ∝ √MW, clamped to 3–22 px: the console's marker rule (apps/web marker-style.ts).
  const radius = (mw) => Math.min(22, Math.max(3, Math.round((2.5 + 2.3 * Math.sqrt(Math.max(0, mw))) * 10) / 10));
  for (const site of sites) {
    const d = Math.round(radius(site.itCapacityMw) * 2);
    const marker = L.marker([site.lat, site.lon], {
      icon: L.divIcon({ className: `site-marker ${site.status}`, iconSize: [d, d] }),
      title: site.name,
    });
    marker.on('click', () => {
      window.__selected = site.id;
    });
    marker.addTo(map);
  }
  el.setAttribute('data-site-count', String(sites.length));
})();
