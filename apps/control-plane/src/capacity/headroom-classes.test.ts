import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../placement/fixtures.ts';
import { matchingRules } from '../placement/policy-eval.ts';
import { parsePolicyPack, type PolicyFile } from '../placement/policy-pack.ts';
import { classesOf, demandClasses } from './headroom-classes.ts';

const GROUPS: PolicyFile = {
  name: '00-groups.yaml',
  text: `groups:
  EU: [ES, FR]
conditions: []
`,
};
const RULES: PolicyFile = {
  name: '10-rules.yaml',
  text: `rules:
  - id: eu-any
    title: EU data of any kind stays in the EU
    match: { origins: [EU] }
    allow: [{ jurisdictions: [EU] }]
    legalBasis: illustrative.
  - id: fr-health
    title: French health data on HDS hosts
    match: { sectors: [healthcare], dataClasses: [personal, sensitive-personal], origins: [FR] }
    allow: [{ jurisdictions: [FR] }]
    certifications: [HDS]
    legalBasis: illustrative.
  - id: atlantis-data
    title: Data of a country Corridor does not know
    match: { origins: [XA] }
    allow: [{ jurisdictions: [XA] }]
    legalBasis: illustrative.
`,
};

describe('demand classes, derived from the policy pack', () => {
  it('makes one class per rule a request can meet, with the shape under which the fewest other rules apply', () => {
    const classes = demandClasses(parsePolicyPack([GROUPS, RULES]).pack);
    // atlantis-data names an origin no request can carry (XA is no jurisdiction of Corridor's): no class.
    expect(classes.map((c) => c.id)).toEqual(['eu-any', 'fr-health']);
    // eu-any alone: the first EU origin in Corridor's order and the first sector and class (nothing else applies to them).
    expect(classes[0]).toMatchObject({ shape: { sector: 'government', dataClass: 'public', dataOrigin: 'ES', conditions: [] }, ruleIds: ['eu-any'] });
    // fr-health cannot apply without eu-any (FR is in the EU): both are named, its own first.
    expect(classes[1]).toMatchObject({ shape: { sector: 'healthcare', dataClass: 'personal', dataOrigin: 'FR' }, ruleIds: ['fr-health', 'eu-any'] });
  });

  it('gives every class of the default pack a shape its own rule applies to, and names every rule that does', () => {
    const { pack } = defaultPolicy();
    const classes = demandClasses(pack);
    expect(classes.map((c) => c.id)).toEqual(pack.rules.map((r) => r.id));
    for (const c of classes) {
      const applying = matchingRules(pack, c.shape).map((m) => m.rule.id);
      expect(applying.sort(), c.id).toEqual([...c.ruleIds].sort());
      expect(c.ruleIds[0]).toBe(c.id);
    }
    const state = classes.find((c) => c.id === 'ma-05-20-state-sensitive')!;
    expect(state.shape).toEqual({ sector: 'government', dataClass: 'state-sensitive', dataOrigin: 'MA', conditions: [] });
  });

  it('counts a workload in every class whose rule applies to it', () => {
    const { pack } = defaultPolicy();
    const classes = demandClasses(pack);
    expect(classesOf(pack, classes, { sector: 'healthcare', dataClass: 'personal', dataOrigin: 'FR' }).sort()).toEqual(['eu-gdpr-personal-data', 'fr-health-hds']);
    expect(classesOf(pack, classes, { sector: 'commercial', dataClass: 'internal', dataOrigin: 'MA' })).toEqual([]);
  });
});
