#!/usr/bin/env node
// The map with 5,000- and 20,000-site synthetic fleets in headless Chromium, each beside a naive baseline, in one run.
//
//   pnpm --filter @corridor/web run build && node bench/map-render.mjs
//
// "ours":     the built console served by the real stack (control plane + BFF), opened at ?synthetic=5000
//             (the web app generates the deterministic 5,000-site fleet in the browser; canvas markers).
// "baseline": bench/baseline/one-marker-per-site.html, served by a tiny static server in this script:
//             Leaflet (the console's own copy) with the SAME 5,000 sites (from the console's generator),
//             one DOM L.marker with a divIcon per site, as a one-<Marker>-per-site React tree gives.
// Runs alternate ours, baseline, ours, baseline… each in a fresh browser context (cold cache).
// Measured per run:
//   first render  navigation start → the map container's data-site-count reaching 5,000 (and the next
//                 frame after it), with first-paint / first-contentful-paint from PerformanceObserver('paint');
//   interaction   long tasks (PerformanceObserver 'longtask', buffered) and frame gaps during a fixed
//                 sequence of 20 pans and zooms driven through window.__corridorMap, each awaited to 'moveend'.
// Targets (ours): first render ≤ 1,000 ms and no long task > 50 ms while panning and zooming.
// Exit code 0 = PASS, 1 = FAIL, 2 = could not run (no build, no Chromium, or the console never drew the sites).
//
// Live updates (ours): while it pans and zooms, 8 site-health events every 500 ms through window.__corridorLive.receive
// (what the console's EventSource calls): sites going down or degraded and back, so clusters are rebuilt as they move.
// Knobs (env): BENCH_MAP_SITES=5000,20000 (comma-separated sizes)  BENCH_MAP_LIVE_EVERY_MS=500 (0: none)  BENCH_MAP_RUNS=2  CHROMIUM=/usr/bin/chromium  BENCH_MAP_ONLY=baseline|ours
//              CORRIDOR_WEB_DIST=<a build elsewhere> (default apps/web/dist; the BFF serves that build)
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { freePort } from '../scripts/stack.mjs';
import { CHROMIUM, VIEWPORT, fmt, machineLine, mean, table } from './lib/common.mjs';
import { startConsole, WEB_DIST as DIST } from './lib/console-stack.mjs';
import { signedInState } from './lib/session.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const HERE = fileURLToPath(new URL('.', import.meta.url));
const WEB = join(ROOT, 'apps/web');
/** Fleet sizes measured one after the other, each ours vs baseline (issue 16 adds the 20,000-site run). */
const SIZES = (process.env.BENCH_MAP_SITES ?? '5000,20000').split(',').map(Number);
/** Live site-health events pushed into the console while it pans and zooms (ours only: the baseline has no feed). */
const LIVE_EVERY_MS = Number(process.env.BENCH_MAP_LIVE_EVERY_MS ?? 500);
const RUNS = Number(process.env.BENCH_MAP_RUNS ?? 2);
const ONLY = process.env.BENCH_MAP_ONLY;
const FIRST_RENDER_TARGET_MS = 1000;
const LONG_TASK_TARGET_MS = 50;
const RENDER_TIMEOUT_MS = 30_000;
const STEP_TIMEOUT_MS = 4000;

/**
 * Installed before any page script: records long tasks and paint entries from navigation start, and the
 * moment the map container's data-site-count first reaches the expected count (plus the frame after).
 */
function instrument(expected) {
  const bench = (window.__bench = { longTasks: [], paints: {}, siteCountAt: null, framePaintedAt: null, lastCount: null, basemapAt: null });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    bench.noLongTaskObserver = true;
  }
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bench.paints[e.name] = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  const check = () => {
    const el = document.querySelector('[aria-label="Network map"][data-site-count]');
    if (!el) return;
    // The console marks its container data-basemap="ready" once the Natural Earth layer is on the map.
    if (bench.basemapAt === null && el.getAttribute('data-basemap') === 'ready') bench.basemapAt = performance.now();
    bench.lastCount = Number(el.getAttribute('data-site-count'));
    if (bench.siteCountAt === null && bench.lastCount >= expected) {
      bench.siteCountAt = performance.now();
      // The frame that shows it: the next animation frame, then the task after its paint.
      requestAnimationFrame(() => setTimeout(() => (bench.framePaintedAt = performance.now()), 0));
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-site-count', 'data-basemap', 'aria-label'] });
}

/**
 * Runs in the page: a fixed sequence of 20 pans and zooms through window.__corridorMap, each awaited to
 * 'moveend' (bounded), then one more frame so the redraw that follows is inside the window. Records
 * frame gaps with requestAnimationFrame while it runs. Answers the window and the per-step timings.
 */
async function panZoom({ stepTimeoutMs, liveEveryMs, sites }) {
  const map = window.__corridorMap;
  // Live updates while it moves: every liveEveryMs a batch of 8 site-health events through the console's own
  // feed (window.__corridorLive.receive, what its EventSource calls), sites going down or degraded and back.
  const live = window.__corridorLive;
  let liveEvents = 0;
  let liveTimer;
  if (live && liveEveryMs > 0) {
    let eventId = 1;
    let batch = 0;
    const deliver = () => {
      const since = Date.now();
      for (let i = 0; i < 8; i++) {
        const n = 1 + (((batch * 8 + i) * 7919) % sites);
        const health = batch % 2 === 0 ? (i % 2 ? 'down' : 'degraded') : 'ok';
        const data = { siteId: `syn-${String(n).padStart(5, '0')}`, declared: 'operational', health, since };
        live.receive({ type: 'site-health', data: JSON.stringify(data), lastEventId: String(eventId++) });
        liveEvents++;
      }
      if (batch % 2 === 1) batch++;
      else batch++;
    };
    liveTimer = setInterval(deliver, liveEveryMs);
  }
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  const settle = () => frame().then(frame);
  const stepDone = (fn) =>
    new Promise((resolve) => {
      let timer;
      const done = (timedOut) => {
        clearTimeout(timer);
        map.off('moveend', onEnd);
        resolve(timedOut);
      };
      const onEnd = () => done(false);
      map.on('moveend', onEnd);
      timer = setTimeout(() => done(true), stepTimeoutMs);
      fn();
    });
  // Same starting view for both pages, not counted.
  map.setView([28, -35], 3, { animate: false });
  await settle();
  const steps = [
    ['pan east', () => map.panBy([400, 0])],
    ['pan west', () => map.panBy([-400, 0])],
    ['pan south', () => map.panBy([0, 250])],
    ['pan north', () => map.panBy([0, -250])],
    ['zoom 4', () => map.setZoom(4)],
    ['pan', () => map.panBy([300, 200])],
    ['zoom 5', () => map.setZoom(5)],
    ['pan', () => map.panBy([-300, -200])],
    ['zoom 6', () => map.setZoom(6)],
    ['fly Casablanca z7', () => map.flyTo([33.6, -7.6], 7, { duration: 0.8 })],
    ['fly Paris z6', () => map.flyTo([48.85, 2.35], 6, { duration: 0.8 })],
    ['zoom 5', () => map.setZoom(5)],
    ['pan', () => map.panBy([500, 0])],
    ['fly USA z4', () => map.flyTo([39, -95], 4, { duration: 0.8 })],
    ['pan', () => map.panBy([-300, 0])],
    ['zoom 3', () => map.setZoom(3)],
    ['fly West Africa z5', () => map.flyTo([8, -2], 5, { duration: 0.8 })],
    ['zoom out', () => map.zoomOut(1)],
    ['zoom in', () => map.zoomIn(1)],
    ['back z3', () => map.setView([28, -35], 3)],
  ];
  const gaps = [];
  let last = performance.now();
  let running = true;
  const tick = (t) => {
    gaps.push(t - last);
    last = t;
    if (running) requestAnimationFrame(tick);
  };
  const start = performance.now();
  requestAnimationFrame((t) => {
    last = t;
    requestAnimationFrame(tick);
  });
  const timings = [];
  for (const [name, fn] of steps) {
    const t0 = performance.now();
    const timedOut = await stepDone(fn);
    await settle();
    timings.push({ name, t0, t1: performance.now(), ms: performance.now() - t0, timedOut });
  }
  running = false;
  clearInterval(liveTimer);
  const end = performance.now();
  return { start, end, timings, gaps, liveEvents };
}

/** One page load + pan/zoom sequence in a fresh context; answers its figures. */
async function measure(browser, url, label, { waitForBasemap = false, storageState, sites } = {}) {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, ...(storageState ? { storageState } : {}) });
  try {
    const page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.addInitScript(instrument, sites);
    await page.goto(url, { waitUntil: 'commit', timeout: RENDER_TIMEOUT_MS });
    try {
      await page.waitForFunction(() => window.__bench?.framePaintedAt !== null && window.__bench?.framePaintedAt !== undefined, null, { timeout: RENDER_TIMEOUT_MS, polling: 100 });
    } catch {
      const last = await page.evaluate(() => window.__bench?.lastCount).catch(() => undefined);
      throw new Error(
        `${label}: the map did not reach data-site-count=${sites} within ${RENDER_TIMEOUT_MS} ms at ${url} (last data-site-count: ${last ?? 'no [aria-label="Network map"][data-site-count] element'})${pageErrors.length ? `; page errors: ${pageErrors.slice(0, 3).join(' | ')}` : ''}`,
      );
    }
    const hasMap = await page.evaluate(() => typeof window.__corridorMap?.panBy === 'function');
    if (!hasMap) throw new Error(`${label}: window.__corridorMap is not a Leaflet map at ${url}`);
    const load = await page.evaluate(() => ({ ...window.__bench, longTasks: [...window.__bench.longTasks] }));
    // Pan and zoom a whole map: the console's basemap must be on it first (the baseline has none).
    const basemapReady =
      !waitForBasemap ||
      (await page
        .waitForFunction(() => window.__bench.basemapAt !== null, null, { timeout: 10_000, polling: 50 })
        .then(
          () => true,
          () => false,
        ));
    const interaction = await page.evaluate(panZoom, { stepTimeoutMs: STEP_TIMEOUT_MS, liveEveryMs: LIVE_EVERY_MS, sites });
    const tasks = await page.evaluate(() => window.__bench.longTasks);
    const during = tasks
      .filter((t) => t.start >= interaction.start && t.start < interaction.end)
      .map((t) => ({ ...t, step: interaction.timings.find((s) => t.start >= s.t0 && t.start < s.t1)?.name ?? 'between steps' }));
    const beforeRender = tasks.filter((t) => t.start < load.siteCountAt);
    const sortedGaps = [...interaction.gaps].sort((a, b) => a - b);
    return {
      label,
      siteCountAt: load.siteCountAt,
      framePaintedAt: load.framePaintedAt,
      basemapAt: load.basemapAt ?? (await page.evaluate(() => window.__bench.basemapAt)),
      firstPaint: load.paints['first-paint'] ?? null,
      firstContentfulPaint: load.paints['first-contentful-paint'] ?? null,
      loadLongTasks: { count: beforeRender.length, maxMs: Math.max(0, ...beforeRender.map((t) => t.duration)), totalMs: beforeRender.reduce((s, t) => s + t.duration, 0) },
      panZoom: {
        liveEvents: interaction.liveEvents,
        ms: interaction.end - interaction.start,
        steps: interaction.timings.length,
        timedOutSteps: interaction.timings.filter((t) => t.timedOut).map((t) => t.name),
        longTaskCount: during.length,
        longTaskMaxMs: Math.max(0, ...during.map((t) => t.duration)),
        longTaskTotalMs: during.reduce((s, t) => s + t.duration, 0),
        longTasks: during.map((t) => ({ step: t.step, ms: Math.round(t.duration) })),
        frames: sortedGaps.length,
        frameP95Ms: sortedGaps[Math.floor(sortedGaps.length * 0.95)] ?? NaN,
        frameMaxMs: sortedGaps.at(-1) ?? NaN,
        slowStep: interaction.timings.reduce((a, b) => (b.ms > a.ms ? b : a), { ms: 0 }),
      },
      noLongTaskObserver: !!load.noLongTaskObserver,
      basemapReady,
      pageErrors,
    };
  } finally {
    await context.close();
  }
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml' };

/** Serves the baseline page, the console's Leaflet and the synthetic sites on 127.0.0.1. */
async function startBaselineServer(sitesJsonOf) {
  const require = createRequire(join(WEB, 'package.json'));
  const leafletDir = dirname(require.resolve('leaflet/dist/leaflet.js'));
  const roots = { '/baseline/': join(HERE, 'baseline'), '/leaflet/': leafletDir };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path === '/baseline/sites.json') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(sitesJsonOf());
      return;
    }
    const prefix = Object.keys(roots).find((p) => path.startsWith(p));
    const file = prefix && normalize(join(roots[prefix], path.slice(prefix.length)));
    if (!file || !file.startsWith(roots[prefix]) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  const port = await freePort();
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r) && server.closeAllConnections()) };
}

function verdictOf(r) {
  // Judged on the frame that shows the markers (stricter than the moment data-site-count is set).
  return !r.noLongTaskObserver && r.framePaintedAt <= FIRST_RENDER_TARGET_MS && r.panZoom.longTaskCount === 0 && r.panZoom.timedOutSteps.length === 0;
}

async function main() {
  console.log(`Map render — ${SIZES.join(' and ')} synthetic sites in headless Chromium, console (canvas markers, clustered) vs one DOM marker per site`);
  console.log(`machine: ${machineLine()}; Chromium ${CHROMIUM}; viewport ${VIEWPORT.width}×${VIEWPORT.height}`);
  if (!existsSync(CHROMIUM)) {
    console.error(`map-render: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM=…)`);
    process.exitCode = 2;
    return;
  }
  const wantOurs = ONLY !== 'baseline';
  const wantBaseline = ONLY !== 'ours';
  if (wantOurs && !existsSync(join(DIST, 'index.html'))) {
    console.error(`map-render: no built console at ${DIST}/index.html; run \`pnpm --filter @corridor/web run build\` first (BENCH_MAP_ONLY=baseline measures the baseline alone).`);
    process.exitCode = 2;
    return;
  }

  // The very sites the console generates for ?synthetic=N, from its own generator.
  const { generateSyntheticFleet } = await tsImport(join(WEB, 'src/features/sites/model/synthetic-fleet.ts'), import.meta.url);
  let sitesJson = '[]';

  let opened;
  let baselineServer;
  try {
    opened = await startConsole('map', {
      stack: wantOurs,
      beforeBrowser: async (handle) => {
        if (!wantBaseline) return;
        baselineServer = await startBaselineServer(() => sitesJson);
        handle.onStop(() => baselineServer.close());
      },
    });
    const { stack, browser } = opened;
    console.log(`browser: ${browser.version()}`);

    // The console is signed in (one login, its cookie reused by every measured context); the baseline needs none.
    const ours = stack && stack.url.replace('localhost', '127.0.0.1');
    const storageState = ours && (await signedInState(browser, ours));
    const verdicts = [];
    for (const SITES of SIZES) {
      sitesJson = JSON.stringify(generateSyntheticFleet(SITES));
      console.log(`\n── ${SITES.toLocaleString('en-US')} sites ──`);
      const sides = [
        wantOurs && { name: 'ours', url: `${ours}/?synthetic=${SITES}`, options: { waitForBasemap: true, storageState, sites: SITES } },
        wantBaseline && { name: 'baseline', url: `${baselineServer.url}/baseline/one-marker-per-site.html?synthetic=${SITES}`, options: { sites: SITES } },
      ].filter(Boolean);
      // Warm-up: one untimed load of each (Chromium's own first-launch costs, the servers' first requests).
      for (const side of sides) await measure(browser, side.url, side.name, side.options).catch(() => undefined);

      const results = Object.fromEntries(sides.map((s) => [s.name, []]));
      for (let run = 1; run <= RUNS; run++) {
        for (const side of sides) {
          const r = await measure(browser, side.url, side.name, side.options);
          results[side.name].push(r);
          console.log(
            `run ${run} ${side.name.padEnd(8)} first render ${fmt(r.siteCountAt, 0)} ms (frame ${fmt(r.framePaintedAt, 0)} ms, FCP ${fmt(r.firstContentfulPaint, 0)} ms)` +
              `  pan/zoom${r.panZoom.liveEvents ? ` + ${r.panZoom.liveEvents} live health events` : ''}: ${r.panZoom.longTaskCount} long tasks, max ${fmt(r.panZoom.longTaskMaxMs, 0)} ms, frame p95 ${fmt(r.panZoom.frameP95Ms, 0)} ms / max ${fmt(r.panZoom.frameMaxMs, 0)} ms` +
              `${
                r.panZoom.longTasks.length
                  ? `\n     long tasks while panning/zooming: ${r.panZoom.longTasks
                      .slice(0, 10)
                      .map((t) => `${t.step} ${t.ms} ms`)
                      .join(', ')}${r.panZoom.longTasks.length > 10 ? `, … (${r.panZoom.longTasks.length} in all)` : ''}`
                  : ''
              }` +
              `${r.basemapAt ? `\n     basemap on the map (data-basemap=ready) at ${fmt(r.basemapAt, 0)} ms` : ''}` +
              `${r.basemapReady ? '' : '\n     WARNING: the basemap was not on the map within 10 s; panned and zoomed without it'}` +
              `${r.panZoom.timedOutSteps.length ? `, steps without moveend: ${r.panZoom.timedOutSteps.join(', ')}` : ''}${r.pageErrors.length ? `, page errors: ${r.pageErrors.length}` : ''}`,
          );
        }
      }

      const rows = [
        ['side', 'first render ms', 'next frame ms', 'FCP ms', 'load long tasks (n / max ms)', 'pan/zoom long tasks >50 ms', 'max long task ms', 'long task total ms', 'frame p95 / max ms', 'verdict'],
      ];
      const summary = {};
      for (const side of sides) {
        const rs = results[side.name];
        const s = {
          firstRenderMs: mean(rs.map((r) => r.siteCountAt)),
          firstRenderWorstMs: Math.max(...rs.map((r) => r.siteCountAt)),
          nextFrameMs: mean(rs.map((r) => r.framePaintedAt)),
          fcpMs: mean(rs.map((r) => r.firstContentfulPaint ?? NaN)),
          loadLongTasks: Math.max(...rs.map((r) => r.loadLongTasks.count)),
          loadLongTaskMaxMs: Math.max(...rs.map((r) => r.loadLongTasks.maxMs)),
          panZoomLongTasks: Math.max(...rs.map((r) => r.panZoom.longTaskCount)),
          panZoomLongTaskMaxMs: Math.max(...rs.map((r) => r.panZoom.longTaskMaxMs)),
          panZoomLongTaskTotalMs: mean(rs.map((r) => r.panZoom.longTaskTotalMs)),
          frameP95Ms: mean(rs.map((r) => r.panZoom.frameP95Ms)),
          frameMaxMs: Math.max(...rs.map((r) => r.panZoom.frameMaxMs)),
          pass: rs.every(verdictOf),
          runs: rs,
        };
        summary[side.name] = s;
        rows.push([
          side.name,
          `${fmt(s.firstRenderMs, 0)} (worst ${fmt(s.firstRenderWorstMs, 0)})`,
          fmt(s.nextFrameMs, 0),
          fmt(s.fcpMs, 0),
          `${s.loadLongTasks} / ${fmt(s.loadLongTaskMaxMs, 0)}`,
          String(s.panZoomLongTasks),
          fmt(s.panZoomLongTaskMaxMs, 0),
          fmt(s.panZoomLongTaskTotalMs, 0),
          `${fmt(s.frameP95Ms, 0)} / ${fmt(s.frameMaxMs, 0)}`,
          side.name === 'ours' ? (s.pass ? 'PASS' : 'FAIL') : '(baseline)',
        ]);
      }
      console.log(`\nResults over ${RUNS} runs each (first render: mean; long tasks and frame max: worst run)`);
      console.log(table(rows));
      if (summary.ours && summary.baseline) {
        console.log(
          `first render: ours ${fmt(summary.ours.firstRenderMs, 0)} ms vs baseline ${fmt(summary.baseline.firstRenderMs, 0)} ms (baseline ÷ ours = ${fmt(summary.baseline.firstRenderMs / summary.ours.firstRenderMs, 2)})`,
        );
        console.log(
          `pan/zoom main-thread time in long tasks: ours ${fmt(summary.ours.panZoomLongTaskTotalMs, 0)} ms vs baseline ${fmt(summary.baseline.panZoomLongTaskTotalMs, 0)} ms` +
            ` (baseline ÷ ours = ${summary.ours.panZoomLongTaskTotalMs ? fmt(summary.baseline.panZoomLongTaskTotalMs / summary.ours.panZoomLongTaskTotalMs, 1) : '∞'})`,
        );
      }
      const pass = summary.ours ? summary.ours.pass : false;
      if (summary.ours) {
        console.log(
          `\nTarget (ours): first render (to the frame after data-site-count=${SITES}) ≤ ${FIRST_RENDER_TARGET_MS} ms in every run and no long task > ${LONG_TASK_TARGET_MS} ms while panning and zooming → ${pass ? 'PASS' : 'FAIL'}`,
        );
      } else {
        console.log('\nOnly the baseline was measured (BENCH_MAP_ONLY=baseline): no verdict.');
      }
      console.log(`BENCH_RESULT ${JSON.stringify({ bench: 'map-render', pass, sites: SITES, summary })}`);
      verdicts.push(summary.ours ? pass : undefined);
    }
    const measured = verdicts.filter((v) => v !== undefined);
    process.exitCode = measured.length ? (measured.every(Boolean) ? 0 : 1) : 2;
  } finally {
    await opened?.stop();
  }
}

main().catch((error) => {
  console.error(`map-render could not run: ${error.stack ?? error.message}`);
  process.exitCode = 2;
});
