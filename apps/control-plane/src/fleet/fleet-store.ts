import type { FleetFile, LandingStation, Link, LinkEnd, Operator, Site } from '@corridor/shared';
import type { Db, Queryable } from '@corridor/store';

/** The fleet as one consistent read: what every fleet route serves. */
export interface FleetSnapshot {
  version: string;
  sites: Site[];
  links: Link[];
}

/** Makes the store hold exactly the given fleet, in one transaction; a no-op when the version is unchanged. */
export async function syncFleet(db: Db, fleet: FleetFile, version: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const current = await tx.query<{ version: string }>('SELECT version FROM fleet_meta FOR UPDATE');
    if (current.rows[0]?.version === version) return false;

    for (const j of fleet.jurisdictions) {
      await tx.query(
        `INSERT INTO jurisdictions (code, name, blocs) VALUES ($1, $2, $3)
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, blocs = EXCLUDED.blocs`,
        [j.code, j.name, j.blocs],
      );
    }
    for (const o of fleet.operators) {
      await tx.query(
        `INSERT INTO operators (id, name, controlled_by, notes) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, controlled_by = EXCLUDED.controlled_by, notes = EXCLUDED.notes`,
        [o.id, o.name, o.controlledBy, o.notes ?? null],
      );
    }
    for (const s of fleet.sites) {
      await tx.query(
        `INSERT INTO sites (id, name, operator_id, country, city, lat, lon, status, it_capacity_mw, design_pue, certifications,
           on_site_solar_mw, grid_carbon_g_per_kwh, energy_price_usd_per_kwh, commissioning_date, floor_area_m2, source, notes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, operator_id = EXCLUDED.operator_id, country = EXCLUDED.country,
           city = EXCLUDED.city, lat = EXCLUDED.lat, lon = EXCLUDED.lon, status = EXCLUDED.status, it_capacity_mw = EXCLUDED.it_capacity_mw,
           design_pue = EXCLUDED.design_pue, certifications = EXCLUDED.certifications, on_site_solar_mw = EXCLUDED.on_site_solar_mw,
           grid_carbon_g_per_kwh = EXCLUDED.grid_carbon_g_per_kwh, energy_price_usd_per_kwh = EXCLUDED.energy_price_usd_per_kwh,
           commissioning_date = EXCLUDED.commissioning_date, floor_area_m2 = EXCLUDED.floor_area_m2, source = EXCLUDED.source, notes = EXCLUDED.notes`,
        [
          s.id,
          s.name,
          s.operatorId,
          s.country,
          s.city,
          s.lat,
          s.lon,
          s.status,
          s.itCapacityMw,
          s.designPue,
          s.certifications,
          s.onSiteSolarMw,
          s.gridCarbonGPerKwh,
          s.energyPriceUsdPerKwh,
          s.commissioningDate ?? null,
          s.floorAreaM2 ?? null,
          s.source,
          s.notes ?? null,
        ],
      );
      await tx.query('DELETE FROM clusters WHERE site_id = $1', [s.id]);
      for (const [position, c] of s.clusters.entries()) {
        await tx.query('INSERT INTO clusters (site_id, id, name, gpu_model, gpu_count, kw_per_gpu, position) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
          s.id,
          c.id,
          c.name,
          c.gpuModel,
          c.gpuCount,
          c.kwPerGpu,
          position,
        ]);
      }
    }
    for (const l of fleet.landingStations) {
      await tx.query(
        `INSERT INTO landing_stations (id, name, country, lat, lon) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, country = EXCLUDED.country, lat = EXCLUDED.lat, lon = EXCLUDED.lon`,
        [l.id, l.name, l.country, l.lat, l.lon],
      );
    }
    await tx.query('DELETE FROM links WHERE NOT (id = ANY($1::text[]))', [fleet.links.map((l) => l.id)]);
    for (const l of fleet.links) {
      await tx.query(
        `INSERT INTO links (id, name, cable, kind, from_id, to_id, length_km, rtt_ms, rtt_source, capacity_tbps, path, source)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, cable = EXCLUDED.cable, kind = EXCLUDED.kind, from_id = EXCLUDED.from_id,
           to_id = EXCLUDED.to_id, length_km = EXCLUDED.length_km, rtt_ms = EXCLUDED.rtt_ms, rtt_source = EXCLUDED.rtt_source,
           capacity_tbps = EXCLUDED.capacity_tbps, path = EXCLUDED.path, source = EXCLUDED.source`,
        [l.id, l.name, l.cable, l.kind, l.from, l.to, l.lengthKm, l.rttMs, l.rttSource, l.capacityTbps ?? null, JSON.stringify(l.path), l.source],
      );
    }
    // The file is the fleet's source of truth: whatever it no longer lists goes (children first).
    await tx.query('DELETE FROM landing_stations WHERE NOT (id = ANY($1::text[]))', [fleet.landingStations.map((l) => l.id)]);
    await tx.query('DELETE FROM sites WHERE NOT (id = ANY($1::text[]))', [fleet.sites.map((s) => s.id)]);
    await tx.query('DELETE FROM operators WHERE NOT (id = ANY($1::text[]))', [fleet.operators.map((o) => o.id)]);
    await tx.query('DELETE FROM jurisdictions WHERE NOT (code = ANY($1::text[]))', [fleet.jurisdictions.map((j) => j.code)]);

    await tx.query(
      `INSERT INTO fleet_meta (singleton, version, synced_at) VALUES (true, $1, now())
       ON CONFLICT (singleton) DO UPDATE SET version = EXCLUDED.version, synced_at = EXCLUDED.synced_at`,
      [version],
    );
    return true;
  });
}

export async function readFleetVersion(db: Queryable): Promise<string | undefined> {
  const { rows } = await db.query<{ version: string }>('SELECT version FROM fleet_meta');
  return rows[0]?.version;
}

interface SiteRowDb {
  id: string;
  name: string;
  country: Site['country'];
  city: string;
  lat: number;
  lon: number;
  status: Site['status'];
  it_capacity_mw: number;
  design_pue: number;
  certifications: string[];
  on_site_solar_mw: number;
  grid_carbon_g_per_kwh: number;
  energy_price_usd_per_kwh: number;
  commissioning_date: string | null;
  floor_area_m2: number | null;
  source: string;
  notes: string | null;
  operator_id: string;
  operator_name: string;
  operator_controlled_by: Operator['controlledBy'];
  operator_notes: string | null;
}
interface ClusterRowDb {
  site_id: string;
  id: string;
  name: string;
  gpu_model: Site['clusters'][number]['gpuModel'];
  gpu_count: number;
  kw_per_gpu: number;
}
interface LinkRowDb {
  id: string;
  name: string;
  cable: string;
  kind: Link['kind'];
  from_id: string;
  to_id: string;
  length_km: number;
  rtt_ms: number;
  rtt_source: Link['rttSource'];
  capacity_tbps: number | null;
  path: [number, number][];
  source: string;
}

/** Reads the whole fleet in one transaction so sites, links and version agree. */
export async function readFleet(db: Db): Promise<FleetSnapshot> {
  return db.transaction(async (tx) => {
    const version = (await readFleetVersion(tx)) ?? 'empty';
    const sites = await tx.query<SiteRowDb>(
      `SELECT s.id, s.name, s.country, s.city, s.lat, s.lon, s.status, s.it_capacity_mw, s.design_pue, s.certifications,
              s.on_site_solar_mw, s.grid_carbon_g_per_kwh, s.energy_price_usd_per_kwh, s.commissioning_date::text AS commissioning_date,
              s.floor_area_m2, s.source, s.notes,
              o.id AS operator_id, o.name AS operator_name, o.controlled_by AS operator_controlled_by, o.notes AS operator_notes
         FROM sites s JOIN operators o ON o.id = s.operator_id
        ORDER BY s.country, s.name`,
    );
    const clusters = await tx.query<ClusterRowDb>('SELECT site_id, id, name, gpu_model, gpu_count, kw_per_gpu FROM clusters ORDER BY site_id, position');
    const stations = await tx.query<LandingStation>('SELECT id, name, country, lat, lon FROM landing_stations');
    const links = await tx.query<LinkRowDb>('SELECT id, name, cable, kind, from_id, to_id, length_km, rtt_ms, rtt_source, capacity_tbps, path, source FROM links ORDER BY cable, id');

    const clustersBySite = new Map<string, Site['clusters']>();
    for (const c of clusters.rows) {
      const list = clustersBySite.get(c.site_id) ?? [];
      list.push({ id: c.id, name: c.name, gpuModel: c.gpu_model, gpuCount: c.gpu_count, kwPerGpu: c.kw_per_gpu });
      clustersBySite.set(c.site_id, list);
    }
    const siteList: Site[] = sites.rows.map((r) => {
      const siteClusters = clustersBySite.get(r.id) ?? [];
      return {
        id: r.id,
        name: r.name,
        country: r.country,
        city: r.city,
        lat: r.lat,
        lon: r.lon,
        status: r.status,
        itCapacityMw: r.it_capacity_mw,
        designPue: r.design_pue,
        certifications: r.certifications,
        onSiteSolarMw: r.on_site_solar_mw,
        gridCarbonGPerKwh: r.grid_carbon_g_per_kwh,
        energyPriceUsdPerKwh: r.energy_price_usd_per_kwh,
        ...(r.commissioning_date ? { commissioningDate: r.commissioning_date } : {}),
        ...(r.floor_area_m2 !== null ? { floorAreaM2: r.floor_area_m2 } : {}),
        source: r.source,
        ...(r.notes ? { notes: r.notes } : {}),
        operator: { id: r.operator_id, name: r.operator_name, controlledBy: r.operator_controlled_by, ...(r.operator_notes ? { notes: r.operator_notes } : {}) },
        clusters: siteClusters,
        gpuCount: siteClusters.reduce((n, c) => n + c.gpuCount, 0),
      };
    });

    const ends = new Map<string, LinkEnd>();
    for (const s of siteList) ends.set(s.id, { id: s.id, name: s.name, kind: 'site', country: s.country, lat: s.lat, lon: s.lon });
    for (const l of stations.rows) ends.set(l.id, { id: l.id, name: l.name, kind: 'landing-station', country: l.country, lat: l.lat, lon: l.lon });
    const linkList: Link[] = [];
    for (const r of links.rows) {
      const from = ends.get(r.from_id);
      const to = ends.get(r.to_id);
      if (!from || !to) continue; // only possible mid-edit of the fleet; a dangling link is not shown
      linkList.push({
        id: r.id,
        name: r.name,
        cable: r.cable,
        kind: r.kind,
        from,
        to,
        lengthKm: r.length_km,
        rttMs: r.rtt_ms,
        rttSource: r.rtt_source,
        ...(r.capacity_tbps !== null ? { capacityTbps: r.capacity_tbps } : {}),
        path: r.path,
        source: r.source,
      });
    }
    return { version, sites: siteList, links: linkList };
  });
}
