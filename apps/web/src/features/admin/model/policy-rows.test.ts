import type { Policy } from '@corridor/shared';
import { describe, expect, it } from 'vitest';
import { describeMatch, policyGroups, policyRuleRows } from './policy-rows.ts';

const policy: Policy = {
  version: 'sha256:abc',
  groups: { EEA: ['FR', 'DE', 'AT'], ECOWAS: ['SN', 'CI'] },
  conditions: [{ id: 'scc-signed', label: 'Standard contractual clauses are signed' }],
  rules: [
    {
      id: 'gdpr-personal',
      title: 'Personal data from the EEA',
      match: { dataClasses: ['personal'], origins: ['EEA'] },
      allow: [
        { jurisdictions: ['EEA'], requires: [] },
        { jurisdictions: ['MA', '*'], requires: ['scc-signed'] },
      ],
      certifications: ['ISO 27001'],
      operatorControl: { allowed: ['ORIGIN'] },
      legalBasis: 'GDPR Art. 44–46',
      note: 'Illustrative, not legal advice.',
    },
  ],
} as Policy;

describe('the policy page’s rows', () => {
  it('says whom a rule governs, or that it governs every request', () => {
    expect(describeMatch({ sectors: ['healthcare'], dataClasses: ['personal'] })).toBe('Sectors healthcare · Data classes personal');
    expect(describeMatch({})).toBe('Every request');
  });

  it('reads each allowed place with its conditions in words, and keeps the legal basis', () => {
    const [row] = policyRuleRows(policy);
    expect(row).toMatchObject({
      governs: 'Data classes personal · Data from EEA',
      allows: [
        { jurisdictions: 'EEA', conditions: [] },
        { jurisdictions: 'MA, anywhere', conditions: ['Standard contractual clauses are signed'] },
      ],
      operatorControl: 'the data’s origin',
      legalBasis: 'GDPR Art. 44–46',
    });
  });

  it('lists the groups by name with their countries sorted', () => {
    expect(policyGroups(policy)).toEqual([
      { name: 'ECOWAS', countries: ['CI', 'SN'] },
      { name: 'EEA', countries: ['AT', 'DE', 'FR'] },
    ]);
  });
});
