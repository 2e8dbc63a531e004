import type { PolicyFlag } from '@corridor/shared';

/** The warning sign every mark of a policy flag starts with (beside its words: never a colour alone). */
export const FLAG_GLYPH = '⚠';

/** A policy version as the console shows it: the content hash without its algorithm ("3f2a…", as a plan's summary does). */
export const shortPolicyVersion = (version: string): string => version.replace(/^sha256:/, '');

/** The flagged workloads among `workloads` (the list's heading counts them). */
export const flaggedOf = <W extends { policyFlag?: PolicyFlag }>(workloads: readonly W[]): W[] => workloads.filter((w) => w.policyFlag !== undefined);
