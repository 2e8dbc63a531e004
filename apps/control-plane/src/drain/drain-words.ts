import type { RejectedSite } from '@corridor/shared';

/** Codes shown in full in a blocked item's reason, most telling first. */
const CODE_ORDER = [
  'JURISDICTION_NOT_ALLOWED',
  'OPERATOR_CONTROL',
  'CERTIFICATION_MISSING',
  'SITE_NOT_OPERATIONAL',
  'GPU_MODEL_UNAVAILABLE',
  'INSUFFICIENT_GPUS',
  'POWER_HEADROOM',
  'LATENCY_OBJECTIVE',
];
/** A reason is read in an alert list and a drain's table: it stays short. */
const MAX_CHARS = 480;

/**
 * Why a workload has nowhere lawful to go, in one line: each reason code with how many sites it refused
 * and one site's sentence (its margin, e.g. "needs 64 H100, 40 free"), e.g.
 * "no lawful destination: JURISDICTION_NOT_ALLOWED at 18 sites (…); INSUFFICIENT_GPUS at 2 sites (…)".
 */
export function blockedSummary(rejected: readonly RejectedSite[]): string {
  const byCode = new Map<string, { sites: number; example: string }>();
  for (const site of rejected) {
    for (const reason of site.reasons) {
      const entry = byCode.get(reason.code);
      if (entry) entry.sites++;
      else byCode.set(reason.code, { sites: 1, example: `${site.siteId}: ${reason.message}` });
    }
  }
  const rank = (code: string) => (CODE_ORDER.includes(code) ? CODE_ORDER.indexOf(code) : CODE_ORDER.length);
  const parts = [...byCode].sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : 1)).map(([code, { sites, example }]) => `${code} at ${sites} site${sites === 1 ? '' : 's'} (${example})`);
  const text = parts.length ? `no lawful destination: ${parts.join('; ')}` : 'no lawful destination: the fleet has no other site';
  return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS - 1)}…` : text;
}
