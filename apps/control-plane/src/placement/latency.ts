import { FIBRE_KM_PER_RTT_MS, findPlace, greatCircleKm, InputError, LATENCY_MODEL, PLACES, ROUTE_FACTOR, type LatencyObjective, type Link, type Site } from '@corridor/shared';

/**
 * The latency model: how long a round trip takes from where the users are to a site.
 *
 * - The network is a graph: its nodes are the sites and the landing stations the fleet's links end
 *   at; its edges are the links, each weighted by its RTT from the fleet — measured where a
 *   measurement is known (e.g. Lisbon–Casablanca 11 ms), otherwise modelled from the route length.
 * - The users reach the network from their point by an access edge to every node, whose RTT is
 *   modelled: great-circle km × ROUTE_FACTOR ÷ FIBRE_KM_PER_RTT_MS. Light in fibre covers ~200 km per
 *   ms, so 100 km of fibre costs 1 ms of round trip (the fibre floor); real routes run 1.3–2.1× the
 *   great-circle distance (FACTS.md, "Latency"), hence the route factor of 1.6.
 * - The RTT to a site is the shortest path from the users' point (Dijkstra over a binary heap, once
 *   per plan for every site at once): a measured cable beats the modelled straight line when it is
 *   faster, and a site no link reaches still gets its modelled direct RTT.
 */
export { FIBRE_KM_PER_RTT_MS, LATENCY_MODEL, ROUTE_FACTOR };

/** Modelled RTT of a path of `greatCircleKm` km, ms. */
export function modelledRttMs(km: number): number {
  return (km * ROUTE_FACTOR) / FIBRE_KM_PER_RTT_MS;
}

/** Where the users are: a resolved `latency.from`. */
export interface LatencyOrigin {
  /** What the person wrote, as a name: the city, the site's name, or the coordinates. */
  name: string;
  lat: number;
  lon: number;
}

/**
 * Resolves `latency.from`: a point, a site id of the fleet, or a known city (any case, accents
 * optional). Anything else is a 400 naming `latency.from` and the choices.
 */
export function resolveLatencyFrom(from: LatencyObjective['from'], sites: readonly Site[]): LatencyOrigin {
  if (typeof from !== 'string') return { name: `${from.lat}, ${from.lon}`, lat: from.lat, lon: from.lon };
  const site = sitesById(sites).get(from.trim().toLowerCase());
  if (site) return { name: site.name, lat: site.lat, lon: site.lon };
  const place = findPlace(from);
  if (place) return { name: place.name, lat: place.lat, lon: place.lon };
  const message = `unknown place "${from}": give { lat, lon }, a site id, or one of ${PLACES.map((p) => p.name).join(', ')}`;
  throw new InputError(`latency.from ${message}`, [{ field: 'latency.from', message }]);
}

const siteIndexes = new WeakMap<readonly Site[], Map<string, Site>>();
function sitesById(sites: readonly Site[]): Map<string, Site> {
  let byId = siteIndexes.get(sites);
  if (!byId) siteIndexes.set(sites, (byId = new Map(sites.map((s) => [s.id, s]))));
  return byId;
}

/** A site as the latency model needs it. */
type SitePoint = Pick<Site, 'id' | 'lat' | 'lon'>;

/** RTTs from one origin to every site: the figure for all, the route in words only where asked (candidates). */
export interface RttTable {
  rttMs(site: SitePoint): number;
  /** e.g. "12 km to Casablanca (great-circle × 1.6, modelled), then MTWA 11 ms measured". */
  basis(site: SitePoint): string;
}

/** The links as a compressed adjacency list over numbered nodes; built once per fleet snapshot. */
interface RouteGraph {
  names: string[];
  lat: Float64Array;
  lon: Float64Array;
  index: Map<string, number>;
  /** Node u's edges are edgeTo/edgeLink/edgeRttMs[start[u] … start[u + 1]). */
  start: Int32Array;
  edgeTo: Int32Array;
  edgeLink: Int32Array;
  edgeRttMs: Float64Array;
  links: readonly Link[];
}

const graphs = new WeakMap<readonly Link[], RouteGraph>();

function routeGraph(links: readonly Link[]): RouteGraph {
  const cached = graphs.get(links);
  if (cached) return cached;
  const index = new Map<string, number>();
  const ends: Link['from'][] = [];
  const nodeOf = (end: Link['from']) => {
    let i = index.get(end.id);
    if (i === undefined) {
      i = ends.length;
      index.set(end.id, i);
      ends.push(end);
    }
    return i;
  };
  const pairs = links.map((link) => [nodeOf(link.from), nodeOf(link.to)] as const);
  const start = new Int32Array(ends.length + 1);
  for (const [a, b] of pairs) {
    start[a + 1]!++;
    start[b + 1]!++;
  }
  for (let i = 0; i < ends.length; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, ends.length);
  const edgeTo = new Int32Array(2 * links.length);
  const edgeLink = new Int32Array(2 * links.length);
  const edgeRttMs = new Float64Array(2 * links.length);
  pairs.forEach(([a, b], l) => {
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      const e = fill[from]!++;
      edgeTo[e] = to;
      edgeLink[e] = l;
      edgeRttMs[e] = links[l]!.rttMs;
    }
  });
  const graph: RouteGraph = {
    names: ends.map((e) => e.name),
    lat: Float64Array.from(ends, (e) => e.lat),
    lon: Float64Array.from(ends, (e) => e.lon),
    index,
    start,
    edgeTo,
    edgeLink,
    edgeRttMs,
    links,
  };
  graphs.set(links, graph);
  return graph;
}

/**
 * Shortest-path RTTs from `origin` to every node of the links' graph, answered per site. One
 * Dijkstra for the whole fleet: O((V + E) log V) with V = link ends and E = links + V access edges.
 */
export function rttFrom(origin: LatencyOrigin, links: readonly Link[]): RttTable {
  const g = routeGraph(links);
  const n = g.names.length;
  const dist = new Float64Array(n);
  const viaLink = new Int32Array(n).fill(-1);
  const prev = new Int32Array(n).fill(-1);
  const accessKm = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    accessKm[i] = greatCircleKm(origin, { lat: g.lat[i]!, lon: g.lon[i]! });
    dist[i] = modelledRttMs(accessKm[i]!);
  }
  const heap = MinHeap.of(dist);
  const done = new Uint8Array(n);
  const routes: (string | undefined)[] = new Array(n);
  while (heap.size > 0) {
    const d = heap.peekKey();
    const u = heap.pop();
    if (done[u] || d > dist[u]!) continue;
    done[u] = 1;
    for (let e = g.start[u]!; e < g.start[u + 1]!; e++) {
      const v = g.edgeTo[e]!;
      const alt = d + g.edgeRttMs[e]!;
      if (alt < dist[v]!) {
        dist[v] = alt;
        viaLink[v] = g.edgeLink[e]!;
        prev[v] = u;
        heap.push(alt, v);
      }
    }
  }

  return {
    rttMs: (site) => {
      const i = g.index.get(site.id);
      return i === undefined ? modelledRttMs(greatCircleKm(origin, site)) : dist[i]!;
    },
    basis: (site) => {
      const i = g.index.get(site.id);
      if (i === undefined) return `${Math.round(greatCircleKm(origin, site))} km great-circle × ${ROUTE_FACTOR} route factor (modelled; no link reaches the site)`;
      return routeText(i);
    },
  };

  /**
   * "12 km to Casablanca (great-circle × 1.6, modelled), then MTWA 11 ms measured, …": walks up the
   * shortest-path tree to a node already described (or the access hop), then describes back down,
   * memoising each node, so describing every site costs one pass over the tree.
   */
  function routeText(node: number): string {
    const pending: number[] = [];
    let at = node;
    while (routes[at] === undefined && viaLink[at]! >= 0) {
      pending.push(at);
      at = prev[at]!;
    }
    routes[at] ??= `${Math.round(accessKm[at]!)} km to ${g.names[at]} (great-circle × ${ROUTE_FACTOR}, modelled)`;
    for (let k = pending.length - 1; k >= 0; k--) {
      const hop = pending[k]!;
      const link = g.links[viaLink[hop]!]!;
      const before = prev[hop]!;
      routes[hop] = `${routes[before]}${viaLink[before]! < 0 ? ', then ' : ', '}${link.cable} ${link.rttMs} ms ${link.rttSource}`;
    }
    return routes[node]!;
  }
}

/** A binary min-heap of (key, node) pairs; stale entries are skipped by the caller (lazy deletion). */
class MinHeap {
  private keys: number[] = [];
  private nodes: number[] = [];

  /** A heap of every node i keyed by keys[i], built in O(n). */
  static of(keys: Float64Array): MinHeap {
    const heap = new MinHeap();
    heap.keys = Array.from(keys);
    heap.nodes = Array.from(keys, (_, i) => i);
    for (let i = (keys.length >> 1) - 1; i >= 0; i--) heap.siftDown(i, heap.keys[i]!, heap.nodes[i]!);
    return heap;
  }

  get size(): number {
    return this.keys.length;
  }

  push(key: number, node: number): void {
    const { keys, nodes } = this;
    let i = keys.length;
    keys.push(key);
    nodes.push(node);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent]! <= key) break;
      keys[i] = keys[parent]!;
      nodes[i] = nodes[parent]!;
      i = parent;
    }
    keys[i] = key;
    nodes[i] = node;
  }

  /** The smallest key; call before pop(). */
  peekKey(): number {
    return this.keys[0]!;
  }

  /** Removes the entry with the smallest key and answers its node. */
  pop(): number {
    const { keys, nodes } = this;
    const top = nodes[0]!;
    const lastKey = keys.pop()!;
    const lastNode = nodes.pop()!;
    if (keys.length > 0) this.siftDown(0, lastKey, lastNode);
    return top;
  }

  /** Places (key, node) at i or below, moving smaller children up. */
  private siftDown(i: number, key: number, node: number): void {
    const { keys, nodes } = this;
    const n = keys.length;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && keys[child + 1]! < keys[child]!) child++;
      if (keys[child]! >= key) break;
      keys[i] = keys[child]!;
      nodes[i] = nodes[child]!;
      i = child;
    }
    keys[i] = key;
    nodes[i] = node;
  }
}
