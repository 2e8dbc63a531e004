-- The fleet: jurisdictions, operators, sites with their clusters, landing stations and links.
CREATE TABLE jurisdictions (
  code  text PRIMARY KEY,
  name  text NOT NULL,
  blocs text[] NOT NULL DEFAULT '{}'
);

CREATE TABLE operators (
  id            text PRIMARY KEY,
  name          text NOT NULL,
  controlled_by text NOT NULL REFERENCES jurisdictions (code),
  notes         text
);

CREATE TABLE sites (
  id                       text PRIMARY KEY,
  name                     text NOT NULL,
  operator_id              text NOT NULL REFERENCES operators (id),
  country                  text NOT NULL REFERENCES jurisdictions (code),
  city                     text NOT NULL,
  lat                      double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lon                      double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  status                   text NOT NULL CHECK (status IN ('planned', 'construction', 'operational', 'maintenance', 'degraded', 'offline')),
  it_capacity_mw           double precision NOT NULL CHECK (it_capacity_mw >= 0),
  design_pue               double precision NOT NULL CHECK (design_pue >= 1),
  certifications           text[] NOT NULL DEFAULT '{}',
  on_site_solar_mw         double precision NOT NULL DEFAULT 0,
  grid_carbon_g_per_kwh    double precision NOT NULL,
  energy_price_usd_per_kwh double precision NOT NULL,
  commissioning_date       date,
  floor_area_m2            double precision,
  source                   text NOT NULL,
  notes                    text
);

CREATE TABLE clusters (
  site_id    text NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  id         text NOT NULL,
  name       text NOT NULL,
  gpu_model  text NOT NULL,
  gpu_count  integer NOT NULL CHECK (gpu_count >= 0),
  kw_per_gpu double precision NOT NULL CHECK (kw_per_gpu > 0),
  position   integer NOT NULL,
  PRIMARY KEY (site_id, id)
);

CREATE TABLE landing_stations (
  id      text PRIMARY KEY,
  name    text NOT NULL,
  country text NOT NULL REFERENCES jurisdictions (code),
  lat     double precision NOT NULL,
  lon     double precision NOT NULL
);

-- A link's ends are sites or landing stations; the fleet file's checks keep them resolvable.
CREATE TABLE links (
  id            text PRIMARY KEY,
  name          text NOT NULL,
  cable         text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('submarine', 'terrestrial')),
  from_id       text NOT NULL,
  to_id         text NOT NULL,
  length_km     double precision NOT NULL CHECK (length_km > 0),
  rtt_ms        double precision NOT NULL CHECK (rtt_ms > 0),
  rtt_source    text NOT NULL CHECK (rtt_source IN ('measured', 'modelled')),
  capacity_tbps double precision,
  path          jsonb NOT NULL DEFAULT '[]',
  source        text NOT NULL
);

-- One row: the content hash of the fleet last synced from the fleet file.
CREATE TABLE fleet_meta (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  version   text NOT NULL,
  synced_at timestamptz NOT NULL DEFAULT now()
);
