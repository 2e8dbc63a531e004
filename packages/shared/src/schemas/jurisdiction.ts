import { z } from 'zod';
import { text } from './text.ts';

/** ISO 3166-1 alpha-2 codes of the jurisdictions Corridor knows about. */
export const JURISDICTION_CODES = ['MA', 'ES', 'FR', 'PT', 'US', 'SN', 'CI', 'GH', 'NG', 'TN', 'TG', 'BJ', 'MR'] as const;
export const JurisdictionCodeSchema = z.enum(JURISDICTION_CODES);
/** A jurisdiction's ISO 3166-1 alpha-2 code. */
export type JurisdictionCode = z.infer<typeof JurisdictionCodeSchema>;

export const BLOCS = ['EU', 'EEA', 'ECOWAS'] as const;
export const BlocSchema = z.enum(BLOCS);
/** A group of jurisdictions that data-protection rules treat together. */
export type Bloc = z.infer<typeof BlocSchema>;

export const JurisdictionSchema = z.object({
  code: JurisdictionCodeSchema,
  name: text().min(1).max(80),
  blocs: z.array(BlocSchema).default([]),
});
/** A country whose law governs the data and the sites in it. */
export type Jurisdiction = z.infer<typeof JurisdictionSchema>;
