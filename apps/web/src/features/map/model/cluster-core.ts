import Supercluster from 'supercluster';

/**
 * The clustering itself (supercluster), free of Leaflet, the DOM and the console's words: the clustering
 * worker imports only this, so it does not carry the i18n runtime and its catalogues. Sites that overlap
 * at the current zoom become one cluster, which carries the worst look inside it (by rank), how many
 * sites of each rank it holds and the firing alerts they add up to.
 */

/** How many looks there are (site-clusters.ts checks it against the looks themselves). */
export const RANK_COUNT = 6;

/** Sites as flat arrays (cheap to send to a worker): index i is the i-th site of the drawn list. */
export interface ClusterInput {
  lat: Float64Array;
  lon: Float64Array;
  /** Rank of each site's look (rankOfLook in site-clusters.ts). */
  rank: Uint8Array;
  /** 1 where the site is greyed (out of the question for the plan on the map). */
  greyed: Uint8Array;
  /** Firing alerts of each site. */
  alerts: Uint32Array;
}

/** What a cluster carries: reduced by supercluster over its sites. */
export interface ClusterProps {
  /** Worst rank of its sites that are not greyed; -1 when every one is greyed. */
  worst: number;
  /** Sites per rank (index = rank). */
  counts: number[];
  alerts: number;
}

export interface DrawnCluster extends ClusterProps {
  id: number;
  lat: number;
  lon: number;
  size: number;
}

/** One query's answer: the clusters and the sites drawn on their own (indexes into the input). */
export interface ClusterView {
  clusters: DrawnCluster[];
  singles: number[];
}

/** Screen px within which two sites are drawn as one cluster (about two 7.5 MW markers' radii). */
export const CLUSTER_RADIUS_PX = 22;
/** The map's deepest zoom is 12: from there every site is drawn alone (co-located ones ordered by health). */
export const CLUSTER_MAX_ZOOM = 11;
export const CLUSTER_MIN_ZOOM = 2;

type PointProps = { i: number };

/** A supercluster index of the sites, reducing to the worst look and the sum of alerts. */
export class SiteClusters {
  private readonly index: Supercluster<PointProps, ClusterProps>;

  constructor(private readonly input: ClusterInput) {
    const ranks = RANK_COUNT;
    this.index = new Supercluster<PointProps, ClusterProps>({
      // Leaflet's world is 256 px wide at zoom 0: with extent 256 the radius is in screen px.
      extent: 256,
      radius: CLUSTER_RADIUS_PX,
      minZoom: CLUSTER_MIN_ZOOM,
      maxZoom: CLUSTER_MAX_ZOOM,
      map: ({ i }) => {
        const counts = new Array<number>(ranks).fill(0);
        counts[input.rank[i]!] = 1;
        return { worst: input.greyed[i] ? -1 : input.rank[i]!, counts, alerts: input.alerts[i]! };
      },
      reduce: (acc, props) => {
        if (props.worst > acc.worst) acc.worst = props.worst;
        // A new array: supercluster's copy of a child cluster's properties is shallow, so adding into
        // acc.counts in place would also change the child's counts.
        acc.counts = acc.counts.map((n, r) => n + props.counts[r]!);
        acc.alerts += props.alerts;
      },
    });
    const points: Supercluster.PointFeature<PointProps>[] = [];
    for (let i = 0; i < input.lat.length; i++) points.push({ type: 'Feature', properties: { i }, geometry: { type: 'Point', coordinates: [input.lon[i]!, input.lat[i]!] } });
    this.index.load(points);
  }

  /** What to draw in a box ([west, south, east, north], degrees) at a (fractional) zoom. */
  view(bbox: [number, number, number, number], zoom: number): ClusterView {
    const clusters: DrawnCluster[] = [];
    const singles: number[] = [];
    for (const feature of this.index.getClusters(bbox, zoom)) {
      const [lon, lat] = feature.geometry.coordinates as [number, number];
      const props = feature.properties as Partial<Supercluster.ClusterProperties> & (ClusterProps | PointProps);
      if ('cluster' in props && props.cluster) {
        const { worst, counts, alerts } = props as ClusterProps;
        clusters.push({ id: props.cluster_id!, lat, lon, size: props.point_count!, worst, counts, alerts });
      } else singles.push((props as PointProps).i);
    }
    return { clusters, singles };
  }

  /** The zoom at which a cluster splits into more than one part; -1 for an id this index does not have. */
  expansionZoom(clusterId: number): number {
    try {
      return this.index.getClusterExpansionZoom(clusterId);
    } catch {
      return -1;
    }
  }
}
