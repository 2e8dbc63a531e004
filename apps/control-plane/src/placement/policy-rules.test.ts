import { describe, expect, it } from 'vitest';
import type { Plan, RejectionReason, WorkloadRequestInput } from '@corridor/shared';
import { planPlacement } from './engine.ts';
import { buildRequest, defaultFleet, defaultPolicy } from './fixtures.ts';

// Each rule of the default pack (data/policy) against the default fleet (data/fleet.yaml): which
// sites the law leaves open, and why the others are closed.

const { fleet } = defaultFleet();
const policy = defaultPolicy();
const POLICY_CODES = new Set(['JURISDICTION_NOT_ALLOWED', 'OPERATOR_CONTROL', 'CERTIFICATION_MISSING']);

function plan(overrides: Partial<WorkloadRequestInput>): Plan {
  return planPlacement({ request: buildRequest({ gpus: { count: 8 }, ...overrides }), fleet, usage: new Map(), live: new Map(), policy, at: new Date('2026-06-21T12:00:00Z') });
}

/** Sites with no policy reason (whatever their status or capacity): where the law lets the data go. */
function lawfulSites(p: Plan): string[] {
  const closed = new Set(p.rejected.filter((r) => r.reasons.some((reason) => POLICY_CODES.has(reason.code))).map((r) => r.siteId));
  return fleet.sites.map((s) => s.id).filter((id) => !closed.has(id));
}

const policyReasonsOf = (p: Plan, siteId: string): RejectionReason[] => (p.rejected.find((r) => r.siteId === siteId)?.reasons ?? []).filter((r) => POLICY_CODES.has(r.code));
const sitesIn = (...countries: string[]) => fleet.sites.filter((s) => countries.includes(s.country)).map((s) => s.id);
const ALL = fleet.sites.map((s) => s.id);
const MA_DGSSI_1 = ['usdc-casablanca-1', 'usdc-benguerir-1', 'usdc-tangier-1', 'usdc-nador-1', 'orange-tech-casablanca', 'orange-rabat-live-intelligence'];
const FR_SECNUMCLOUD = ['oreus-athena-grenoble', 'oreus-marseille-1'];
const WEST_AFRICA = sitesIn('SN', 'CI', 'GH', 'NG');

interface Case {
  name: string;
  request: Partial<WorkloadRequestInput>;
  rules: string[];
  lawful: string[];
  /** Some rejections to check: site, code, rule, and a word the sentence must hold. */
  expect?: { siteId: string; code: RejectionReason['code']; ruleId: string; says?: string }[];
}

const CASES: Case[] = [
  {
    name: 'Moroccan personal health data stays in Morocco (Law 09-08)',
    request: { sector: 'healthcare', dataClass: 'personal', dataOrigin: 'MA' },
    rules: ['ma-personal-data'],
    lawful: sitesIn('MA'),
    expect: [
      { siteId: 'usdc-madrid-1', code: 'JURISDICTION_NOT_ALLOWED', ruleId: 'ma-personal-data', says: 'cndp-authorisation' },
      { siteId: 'atlantic-ashburn-1', code: 'JURISDICTION_NOT_ALLOWED', ruleId: 'ma-personal-data', says: 'cndp-authorisation' },
    ],
  },
  {
    name: 'Moroccan personal data goes abroad with a CNDP authorisation',
    request: { sector: 'healthcare', dataClass: 'sensitive-personal', dataOrigin: 'MA', conditions: ['cndp-authorisation'] },
    rules: ['ma-personal-data'],
    lawful: ALL,
  },
  {
    name: 'Moroccan personal data goes abroad with a recorded legal basis',
    request: { sector: 'finance', dataClass: 'personal', dataOrigin: 'MA', conditions: ['ma-transfer-basis'] },
    rules: ['ma-personal-data'],
    lawful: ALL,
  },
  {
    name: 'Moroccan state-sensitive data: Morocco, DGSSI level 1, Moroccan operator (Law 05-20)',
    request: { sector: 'government', dataClass: 'state-sensitive', dataOrigin: 'MA', conditions: ['cndp-authorisation'] },
    rules: ['ma-05-20-state-sensitive'],
    lawful: MA_DGSSI_1,
    expect: [
      { siteId: 'usdc-dakhla-1', code: 'CERTIFICATION_MISSING', ruleId: 'ma-05-20-state-sensitive', says: 'DGSSI level 1' },
      { siteId: 'hyperscaler-madrid-1', code: 'OPERATOR_CONTROL', ruleId: 'ma-05-20-state-sensitive', says: 'US' },
      { siteId: 'usdc-madrid-1', code: 'JURISDICTION_NOT_ALLOWED', ruleId: 'ma-05-20-state-sensitive' },
    ],
  },
  {
    name: 'Moroccan classified data needs DGSSI level 2',
    request: { sector: 'government', dataClass: 'classified', dataOrigin: 'MA' },
    rules: ['ma-05-20-classified'],
    lawful: ['usdc-casablanca-1', 'orange-rabat-live-intelligence'],
    expect: [{ siteId: 'usdc-benguerir-1', code: 'CERTIFICATION_MISSING', ruleId: 'ma-05-20-classified', says: 'DGSSI level 2' }],
  },
  {
    name: 'Moroccan critical-infrastructure systems (energy) stay with a DGSSI-qualified Moroccan host',
    request: { sector: 'energy', dataClass: 'internal', dataOrigin: 'MA' },
    rules: ['ma-05-20-critical-infrastructure'],
    lawful: MA_DGSSI_1,
  },
  {
    name: 'EU personal data: EEA and adequate countries',
    request: { sector: 'commercial', dataClass: 'personal', dataOrigin: 'FR' },
    rules: ['eu-gdpr-personal-data'],
    lawful: sitesIn('ES', 'FR'),
    expect: [
      { siteId: 'atlantic-ashburn-1', code: 'JURISDICTION_NOT_ALLOWED', ruleId: 'eu-gdpr-personal-data', says: 'dpf-recipient' },
      { siteId: 'usdc-casablanca-1', code: 'JURISDICTION_NOT_ALLOWED', ruleId: 'eu-gdpr-personal-data', says: 'sccs-signed' },
    ],
  },
  {
    name: 'EU personal data reaches the US only with a Data Privacy Framework recipient',
    request: { sector: 'commercial', dataClass: 'personal', dataOrigin: 'ES', conditions: ['dpf-recipient'] },
    rules: ['eu-gdpr-personal-data'],
    lawful: sitesIn('ES', 'FR', 'US'),
  },
  {
    name: 'EU personal data reaches Morocco and West Africa with SCCs, not the US',
    request: { sector: 'research', dataClass: 'sensitive-personal', dataOrigin: 'PT', conditions: ['sccs-signed'] },
    rules: ['eu-gdpr-personal-data'],
    lawful: sitesIn('MA', 'ES', 'FR', 'SN', 'CI', 'GH', 'NG'),
  },
  {
    name: 'French sensitive public data: SecNumCloud, EU operator',
    request: { sector: 'government', dataClass: 'sensitive-personal', dataOrigin: 'FR' },
    rules: ['eu-gdpr-personal-data', 'fr-secnumcloud'],
    lawful: FR_SECNUMCLOUD,
    expect: [
      { siteId: 'usdc-madrid-1', code: 'CERTIFICATION_MISSING', ruleId: 'fr-secnumcloud', says: 'SecNumCloud' },
      { siteId: 'usdc-madrid-1', code: 'OPERATOR_CONTROL', ruleId: 'fr-secnumcloud' },
      { siteId: 'hyperscaler-madrid-1', code: 'OPERATOR_CONTROL', ruleId: 'fr-secnumcloud', says: 'US' },
    ],
  },
  {
    name: 'French health data: HDS-certified, in the EEA',
    request: { sector: 'healthcare', dataClass: 'personal', dataOrigin: 'FR' },
    rules: ['eu-gdpr-personal-data', 'fr-health-hds'],
    lawful: FR_SECNUMCLOUD,
    expect: [{ siteId: 'usdc-madrid-1', code: 'CERTIFICATION_MISSING', ruleId: 'fr-health-hds', says: 'HDS' }],
  },
  {
    name: 'Spanish public registries stay in the EU, SCCs or not (RDL 14/2019)',
    request: { sector: 'government', dataClass: 'personal', dataOrigin: 'ES', conditions: ['sccs-signed'] },
    rules: ['eu-gdpr-personal-data', 'es-rdl-14-2019'],
    lawful: sitesIn('ES', 'FR'),
    expect: [{ siteId: 'usdc-casablanca-1', code: 'JURISDICTION_NOT_ALLOWED', ruleId: 'es-rdl-14-2019' }],
  },
  {
    name: 'US defense data stays in the US (ITAR, defense in origin)',
    request: { sector: 'defense', dataClass: 'internal', dataOrigin: 'US' },
    rules: ['us-itar', 'defense-in-origin'],
    lawful: sitesIn('US'),
    expect: [{ siteId: 'oreus-athena-grenoble', code: 'JURISDICTION_NOT_ALLOWED', ruleId: 'us-itar', says: 'export-licence' }],
  },
  {
    name: 'US defense data leaves with an export licence',
    request: { sector: 'defense', dataClass: 'internal', dataOrigin: 'US', conditions: ['export-licence'] },
    rules: ['us-itar', 'defense-in-origin'],
    lawful: ALL,
  },
  {
    name: 'Defense workloads of any origin stay in their origin',
    request: { sector: 'defense', dataClass: 'public', dataOrigin: 'SN' },
    rules: ['defense-in-origin'],
    lawful: sitesIn('SN'),
    expect: [{ siteId: 'ci-abidjan-1', code: 'JURISDICTION_NOT_ALLOWED', ruleId: 'defense-in-origin', says: 'SN' }],
  },
  {
    name: 'Nigerian government data stays in Nigeria',
    request: { sector: 'government', dataClass: 'internal', dataOrigin: 'NG' },
    rules: ['ng-government-data'],
    lawful: sitesIn('NG'),
    expect: [{ siteId: 'gh-accra-1', code: 'JURISDICTION_NOT_ALLOWED', ruleId: 'ng-government-data', says: 'NG' }],
  },
  {
    name: 'ECOWAS personal data stays within ECOWAS',
    request: { sector: 'finance', dataClass: 'personal', dataOrigin: 'CI' },
    rules: ['ecowas-personal-data'],
    lawful: WEST_AFRICA,
    expect: [{ siteId: 'usdc-casablanca-1', code: 'JURISDICTION_NOT_ALLOWED', ruleId: 'ecowas-personal-data', says: 'ecowas-transfer-authorisation' }],
  },
  {
    name: 'ECOWAS personal data leaves with an authorisation',
    request: { sector: 'finance', dataClass: 'personal', dataOrigin: 'GH', conditions: ['ecowas-transfer-authorisation'] },
    rules: ['ecowas-personal-data'],
    lawful: ALL,
  },
];

describe('the default policy pack on the default fleet', () => {
  it.each(CASES)('$name', ({ request, rules, lawful, expect: rejections = [] }) => {
    const p = plan(request);
    expect(p.matchedRules.map((r) => r.id)).toEqual(rules);
    expect(lawfulSites(p)).toEqual(lawful);
    for (const { siteId, code, ruleId, says } of rejections) {
      const reason = policyReasonsOf(p, siteId).find((r) => r.code === code && r.ruleId === ruleId);
      expect(reason, `${siteId} ${code} ${ruleId}`).toBeDefined();
      if (says) expect(reason!.message).toContain(says);
    }
  });

  it('allows everywhere, and says so, when no rule matches', () => {
    const p = plan({ sector: 'commercial', dataClass: 'internal', dataOrigin: 'US' });
    expect(p.matchedRules).toEqual([]);
    expect(p.notes).toContain('No policy rule matched this request: every jurisdiction is allowed.');
    expect(lawfulSites(p)).toEqual(ALL);
  });

  it('offers only lawful Moroccan sites for Moroccan health data, 64 H100 within 20 ms of Casablanca', () => {
    const p = plan({ sector: 'healthcare', dataClass: 'personal', dataOrigin: 'MA', gpus: { count: 64, model: 'H100' }, latency: { from: 'Casablanca', maxRttMs: 20 } });
    expect(p.candidates.map((c) => c.siteId).sort()).toEqual(['orange-rabat-live-intelligence', 'orange-tech-casablanca', 'usdc-tangier-1']);
    for (const siteId of [...sitesIn('ES', 'US')]) {
      expect(
        policyReasonsOf(p, siteId).map((r) => r.code),
        siteId,
      ).toContain('JURISDICTION_NOT_ALLOWED');
    }
  });

  it('lists every rule’s legal basis with the illustrative note', () => {
    for (const rule of policy.pack.rules) {
      expect(rule.legalBasis.length, rule.id).toBeGreaterThan(40);
      expect(rule.note, rule.id).toBe('Illustrative, not legal advice.');
    }
  });
});
