import { z } from 'zod';
import { text } from './text.ts';
import { IdSchema } from './common.ts';
import { BlocSchema, JurisdictionCodeSchema } from './jurisdiction.ts';
import { LedgerGroupBySchema } from './capacity-ledger.ts';

/*
 * Energy over a period (issue 12), from the control plane's hourly telemetry rollups. Each figure is
 * defined once here; the API document and the console show these sentences.
 */

export const ENERGY_FIGURES = {
  facilityMwh: 'Energy the whole facility drew (site_facility_energy_joules_total summed over the hours), MWh.',
  itMwh: 'Energy the IT equipment drew (site_it_energy_joules_total summed over the hours), MWh.',
  pue: 'Energy-weighted PUE: facility MWh ÷ IT MWh over the same hours (ISO/IEC 30134-2). Interim unless the period is a year of data that has ended (pueBasis); null without IT energy.',
  onSiteSolarMwh: 'On-site photovoltaic output (hourly mean of site_solar_power_watts × 1 h, summed), MWh; any surplus beyond the facility’s draw is exported.',
  gridMwh: 'Facility energy drawn from the grid: per hour, facility energy less the on-site solar it used, summed, MWh.',
  renewableMwh: 'Facility energy from renewable or low-carbon sources: per hour, facility energy × the hourly mean of site_renewable_share_ratio, summed, MWh.',
  renewableShare: 'renewable MWh ÷ facility MWh (0–1), energy-weighted; null without facility energy.',
  tco2e: 'Location-based emissions (GHG Protocol scope 2): grid MWh × the site’s grid carbon intensity from the fleet (gCO2/kWh), in tonnes CO2e. On-site solar counts zero.',
  hoursWithData: 'Hours of the period with facility energy data (site rows: of that site; roll-ups: site-hours summed).',
} as const;

/** Rolling periods ending at the current hour: cheap shortcuts for from/to. */
export const ENERGY_PERIODS = { day: 1, month: 30, quarter: 91, year: 365 } as const satisfies Record<string, number>;
export type EnergyPeriod = keyof typeof ENERGY_PERIODS;
/** The longest range one read covers (two years and a leap day). */
export const ENERGY_MAX_DAYS = 731;
/** A period of at least this many days, ended by now, gives the annual PUE; anything shorter is interim. */
export const ANNUAL_PUE_DAYS = 365;

const TIME_HINT = 'must be an ISO 8601 date-time with offset (e.g. 2026-06-01T00:00:00Z) or a date (2026-06-01, UTC midnight)';
const IsoDateTime = z.iso.datetime({ offset: true });
const IsoDate = z.iso.date();

/** A time bound: an ISO 8601 date-time with offset, or a date (UTC midnight); answers epoch ms. */
export const EnergyTimeSchema = text().transform((raw, ctx) => {
  const s = raw.trim();
  const ms = IsoDateTime.safeParse(s).success ? Date.parse(s) : IsoDate.safeParse(s).success ? Date.parse(`${s}T00:00:00Z`) : NaN;
  if (!Number.isFinite(ms)) {
    ctx.addIssue({ code: 'custom', message: TIME_HINT });
    return z.NEVER;
  }
  if (ms < Date.UTC(2000, 0, 1) || ms >= Date.UTC(2100, 0, 1)) {
    ctx.addIssue({ code: 'custom', message: 'must be within 2000-01-01 … 2100-01-01' });
    return z.NEVER;
  }
  return ms;
});

/** `from`/`to`, or `period` (then `to` may set where it ends); each bad field named. */
export const EnergyQuerySchema = z
  .strictObject({
    from: EnergyTimeSchema.optional(),
    to: EnergyTimeSchema.optional(),
    period: z.enum(Object.keys(ENERGY_PERIODS) as [EnergyPeriod, ...EnergyPeriod[]]).optional(),
    groupBy: LedgerGroupBySchema.default('site'),
  })
  .superRefine((q, ctx) => {
    if (q.period !== undefined) {
      if (q.from !== undefined) ctx.addIssue({ code: 'custom', path: ['from'], message: 'give either period or from, not both' });
      return;
    }
    if (q.from === undefined) ctx.addIssue({ code: 'custom', path: ['from'], message: 'is required (or give period)' });
    if (q.to === undefined) ctx.addIssue({ code: 'custom', path: ['to'], message: 'is required (or give period)' });
    if (q.from === undefined || q.to === undefined) return;
    if (q.from >= q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    else if (q.to - q.from > ENERGY_MAX_DAYS * 86_400_000) ctx.addIssue({ code: 'custom', path: ['to'], message: `must be at most ${ENERGY_MAX_DAYS} days after from` });
  });
export type EnergyQuery = z.infer<typeof EnergyQuerySchema>;

const mwh = z.number().min(0);

export const EnergyFiguresSchema = z.object({
  facilityMwh: mwh.describe(ENERGY_FIGURES.facilityMwh),
  itMwh: mwh.describe(ENERGY_FIGURES.itMwh),
  pue: z.number().min(0).nullable().describe(ENERGY_FIGURES.pue),
  onSiteSolarMwh: mwh.describe(ENERGY_FIGURES.onSiteSolarMwh),
  gridMwh: mwh.describe(ENERGY_FIGURES.gridMwh),
  renewableMwh: mwh.describe(ENERGY_FIGURES.renewableMwh),
  renewableShare: z.number().min(0).max(1).nullable().describe(ENERGY_FIGURES.renewableShare),
  tco2e: mwh.describe(ENERGY_FIGURES.tco2e),
  hoursWithData: z.number().int().min(0).describe(ENERGY_FIGURES.hoursWithData),
});
export type EnergyFigures = z.infer<typeof EnergyFiguresSchema>;

export const EnergyRowSchema = EnergyFiguresSchema.extend({
  /** Site id, country code, bloc (`EU`, `EEA`, `ECOWAS`, `none`), or `network`. */
  key: text(),
  site: z
    .object({
      id: IdSchema,
      name: text(),
      country: JurisdictionCodeSchema,
      blocs: z.array(BlocSchema),
      /** The fleet's grid figure the tCO2e is computed with. */
      gridCarbonGPerKwh: z.number().min(0),
    })
    .optional(),
  /** Sites in the row. */
  sites: z.number().int().min(0),
});
export type EnergyRow = z.infer<typeof EnergyRowSchema>;

export const EnergyReportSchema = z.object({
  groupBy: LedgerGroupBySchema,
  /** The hours read: `from` floored and `to` raised to whole hours (UTC). */
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  hours: z.number().int().min(1),
  asOf: z.iso.datetime({ offset: true }),
  fleetVersion: text(),
  /**
   * `annual` when the period covers a year, has ended, and every reporting site has data for 95 % of its
   * hours; otherwise `interim` (ISO/IEC 30134-2 defines PUE over a year).
   */
  pueBasis: z.enum(['interim', 'annual']),
  carbonBasis: z.literal('location-based'),
  rows: z.array(EnergyRowSchema),
});
export type EnergyReport = z.infer<typeof EnergyReportSchema>;
