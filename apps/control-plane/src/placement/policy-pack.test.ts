import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultFleet, defaultPolicy } from './fixtures.ts';
import { fleetBlocMismatches, loadPolicyPack, parsePolicyPack, PolicyPackError, type PolicyFile } from './policy-pack.ts';

const GROUPS: PolicyFile = {
  name: '00-groups.yaml',
  text: `groups:
  EU: [ES, FR]
conditions:
  - { id: sccs-signed, label: SCCs signed }
`,
};
const rule = (body: string): PolicyFile => ({
  name: '10-rules.yaml',
  text: `rules:
  - id: eu-personal
    title: EU personal data
    match: { dataClasses: [personal], origins: [EU] }
${body}
    legalBasis: GDPR chapter V.
`,
});
const GOOD = rule(`    allow:
      - jurisdictions: [EU]
      - { jurisdictions: [MA], requires: [sccs-signed] }`);

const problemsOf = (files: PolicyFile[]) => {
  try {
    parsePolicyPack(files);
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyPackError);
    return (error as Error).message;
  }
  throw new Error('the pack was accepted');
};

describe('the policy pack loader', () => {
  it('loads the default pack with every rule, group and condition', () => {
    const { pack, version } = defaultPolicy();
    expect(version).toMatch(/^sha256:[0-9a-f]{12}$/);
    expect(Object.keys(pack.groups)).toEqual(expect.arrayContaining(['EU', 'EEA', 'ECOWAS', 'GDPR_ADEQUATE']));
    expect(pack.groups.GDPR_ADEQUATE).toEqual(expect.arrayContaining(['GB', 'CH', 'JP', 'KR']));
    expect(pack.conditions.map((c) => c.id)).toEqual(expect.arrayContaining(['cndp-authorisation', 'sccs-signed', 'dpf-recipient', 'export-licence', 'ecowas-transfer-authorisation']));
    expect(pack.rules.length).toBeGreaterThanOrEqual(12);
  });

  it('merges the files in order and fills the defaults', () => {
    const { pack } = parsePolicyPack([GROUPS, GOOD]);
    expect(pack.rules[0]).toMatchObject({
      id: 'eu-personal',
      certifications: [],
      note: 'Illustrative, not legal advice.',
      allow: [
        { jurisdictions: ['EU'], requires: [] },
        { jurisdictions: ['MA'], requires: ['sccs-signed'] },
      ],
    });
  });

  it('names the file, the rule and the field of a bad rule', () => {
    const bad = rule(`    allow:
      - jurisdictions: [eu]`);
    expect(problemsOf([GROUPS, bad])).toContain('10-rules.yaml: rule "eu-personal" (rules[0]), field allow.0.jurisdictions.0: must be a country code, a group name, ORIGIN or *');
  });

  it('refuses an unknown condition, an unknown group and ORIGIN in a match', () => {
    const bad = rule(`    allow:
      - { jurisdictions: [EEA], requires: [sccs-signed, dpf-recipient] }`).text.replace('origins: [EU]', 'origins: [ORIGIN]');
    const message = problemsOf([GROUPS, { name: '10-rules.yaml', text: bad }]);
    expect(message).toContain('rule "eu-personal" (rules[0]), field allow.0.requires.1: unknown condition "dpf-recipient"');
    expect(message).toContain('rule "eu-personal" (rules[0]), field allow.0.jurisdictions.0: unknown group "EEA"');
    expect(message).toContain('field match.origins.0: ORIGIN cannot be matched');
  });

  it('refuses a rule id used twice, even across files', () => {
    expect(problemsOf([GROUPS, GOOD, { ...GOOD, name: '20-more.yaml' }])).toContain(
      '20-more.yaml: rule "eu-personal" (rules[0]): duplicate rule "eu-personal" (first in 10-rules.yaml: rule "eu-personal" (rules[0]))',
    );
  });

  it('refuses a group named like a country, which would hide it', () => {
    const shadow = { name: '01-more.yaml', text: 'groups:\n  MA: [MA, TN]\n' };
    expect(problemsOf([GROUPS, shadow, GOOD])).toContain('01-more.yaml: group MA: the name is a country');
  });

  it('says when a file is not YAML, or the folder holds none', () => {
    expect(problemsOf([GROUPS, { name: '10-rules.yaml', text: 'rules: [' }])).toContain('10-rules.yaml: not valid YAML');
    const empty = mkdtempSync(join(tmpdir(), 'policy-'));
    dirs.push(empty);
    expect(() => loadPolicyPack(empty)).toThrow(/holds no \.yaml file/);
  });

  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('versions the pack by its content: same files, same version; one character changed, a new one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-'));
    dirs.push(dir);
    writeFileSync(join(dir, GROUPS.name), GROUPS.text);
    writeFileSync(join(dir, GOOD.name), GOOD.text);
    writeFileSync(join(dir, 'README.md'), 'not part of the pack');
    const first = loadPolicyPack(dir).version;
    expect(loadPolicyPack(dir).version).toBe(first);
    expect(first).toBe(parsePolicyPack([GROUPS, GOOD]).version);
    writeFileSync(join(dir, GOOD.name), GOOD.text.replace('GDPR chapter V.', 'GDPR chapter V, art. 46.'));
    expect(loadPolicyPack(dir).version).not.toBe(first);
  });
});

describe('the fleet and the pack agree on blocs', () => {
  it('finds the default fleet’s EU, EEA and ECOWAS members in the default pack’s groups', () => {
    expect(fleetBlocMismatches(defaultPolicy().pack, defaultFleet().file.jurisdictions)).toEqual([]);
  });

  it('names a country the two place differently', () => {
    const { pack } = parsePolicyPack([{ name: 'g.yaml', text: `${GROUPS.text.replace('EU: [ES, FR]', 'EU: [ES]\n  EEA: [ES, FR]\n  ECOWAS: [SN]')}` }, GOOD]);
    const jurisdictions = [
      { code: 'FR' as const, name: 'France', blocs: ['EU' as const, 'EEA' as const] },
      { code: 'MA' as const, name: 'Morocco', blocs: ['ECOWAS' as const] },
    ];
    expect(fleetBlocMismatches(pack, jurisdictions)).toEqual([
      'FR (France): the fleet puts it in EU, the policy group EU does not list it',
      'MA (Morocco): the fleet puts it in ECOWAS, the policy group ECOWAS does not list it',
    ]);
  });
});
