import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BLOCS, JURISDICTION_CODES, PolicyPackFileSchema, type Jurisdiction, type PolicyPackFile } from '@corridor/shared';
import { readCheckedYaml } from '../data-files/checked-yaml.ts';
import type { LoadedPolicy } from './plan-input.ts';

/** The policy pack could not be used; the message names each bad file, rule and field. */
export class PolicyPackError extends Error {
  override name = 'PolicyPackError';
}

/** One file of the pack: its name (for messages and the version) and its text. */
export interface PolicyFile {
  name: string;
  text: string;
}

/** `ORIGIN` in a jurisdiction list stands for the request's data origin. */
export const ORIGIN = 'ORIGIN';
/** `*` in a jurisdiction list stands for anywhere. */
export const ANYWHERE = '*';

const FilePartSchema = PolicyPackFileSchema.partial();
type Located<T> = { value: T; file: string; index: number };

/**
 * Reads every *.yaml / *.yml file of `dir`, in name order, as one policy pack. Throws
 * PolicyPackError naming the file, the rule and the field of every problem.
 */
export function loadPolicyPack(dir: string): LoadedPolicy {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => /\.ya?ml$/.test(n))
      .sort();
  } catch (error) {
    throw new PolicyPackError(`cannot read policy folder ${dir}: ${(error as Error).message}`);
  }
  if (names.length === 0) throw new PolicyPackError(`policy folder ${dir} holds no .yaml file`);
  return parsePolicyPack(names.map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') })));
}

/** The pure half of loadPolicyPack: files (already in order) → the validated pack and its version. */
export function parsePolicyPack(files: readonly PolicyFile[]): LoadedPolicy {
  const problems: string[] = [];
  const groups: Located<[string, string[]]>[] = [];
  const conditions: Located<PolicyPackFile['conditions'][number]>[] = [];
  const rules: Located<PolicyPackFile['rules'][number]>[] = [];

  for (const file of files) {
    const data = readCheckedYaml(file, FilePartSchema, ['rules', 'conditions'], problems);
    if (!data) continue;
    Object.entries(data.groups ?? {}).forEach((g, index) => groups.push({ value: g, file: file.name, index }));
    (data.conditions ?? []).forEach((value, index) => conditions.push({ value, file: file.name, index }));
    (data.rules ?? []).forEach((value, index) => rules.push({ value, file: file.name, index }));
  }
  if (problems.length === 0) problems.push(...crossCheck(groups, conditions, rules));
  if (problems.length === 0 && rules.length === 0) problems.push('the pack has no rules');
  if (problems.length > 0) throw new PolicyPackError(`policy pack is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);

  const pack: PolicyPackFile = {
    groups: Object.fromEntries(groups.map((g) => g.value)),
    conditions: conditions.map((c) => c.value),
    rules: rules.map((r) => r.value),
  };
  return { version: policyVersion(files), pack };
}

/** Content hash of the pack's files, names included: it changes exactly when a file does. */
export function policyVersion(files: readonly PolicyFile[]): string {
  const hash = createHash('sha256');
  for (const f of files) hash.update(`${f.name}\0${f.text}\0`);
  return `sha256:${hash.digest('hex').slice(0, 12)}`;
}

/** What the schema cannot see: duplicate ids across files and references that do not resolve. */
function crossCheck(groups: Located<[string, string[]]>[], conditions: Located<PolicyPackFile['conditions'][number]>[], rules: Located<PolicyPackFile['rules'][number]>[]): string[] {
  const problems: string[] = [];
  const firstSeen = new Map<string, string>();
  const unique = (kind: string, id: string, where: string) => {
    const earlier = firstSeen.get(`${kind}:${id}`);
    if (earlier) problems.push(`${where}: duplicate ${kind} "${id}" (first in ${earlier})`);
    else firstSeen.set(`${kind}:${id}`, where);
  };
  // A group shadows the country code of the same name (EU is a group, not a country; MA must stay Morocco).
  const countryCodes = new Set<string>([...JURISDICTION_CODES, ...groups.flatMap((g) => g.value[1])]);
  for (const g of groups) {
    const where = `${g.file}: group ${g.value[0]}`;
    unique('group', g.value[0], g.file);
    if (g.value[0] === ORIGIN) problems.push(`${where}: ORIGIN is reserved for the request's data origin`);
    if (countryCodes.has(g.value[0])) problems.push(`${where}: the name is a country's code, which the group would hide`);
  }
  const groupNames = new Set(groups.map((g) => g.value[0]));
  const conditionIds = new Set(conditions.map((c) => c.value.id));
  for (const c of conditions) unique('condition', c.value.id, `${c.file}: condition "${c.value.id}" (conditions[${c.index}])`);

  for (const { value: rule, file, index } of rules) {
    const where = (field: string) => `${file}: rule "${rule.id}" (rules[${index}]), field ${field}`;
    unique('rule', rule.id, `${file}: rule "${rule.id}" (rules[${index}])`);
    const checkRefs = (refs: readonly string[], field: string, originAllowed: boolean) =>
      refs.forEach((ref, i) => {
        if (ref === ORIGIN) {
          if (!originAllowed) problems.push(`${where(`${field}.${i}`)}: ORIGIN cannot be matched (it is the request's own origin)`);
        } else if (ref !== ANYWHERE && !/^[A-Z]{2}$/.test(ref) && !groupNames.has(ref)) {
          problems.push(`${where(`${field}.${i}`)}: unknown group "${ref}" (groups: ${listOf(groupNames)})`);
        }
      });
    checkRefs(rule.match.origins ?? [], 'match.origins', false);
    rule.allow.forEach((entry, i) => {
      checkRefs(entry.jurisdictions, `allow.${i}.jurisdictions`, true);
      entry.requires.forEach((id, j) => {
        if (!conditionIds.has(id)) problems.push(`${where(`allow.${i}.requires.${j}`)}: unknown condition "${id}" (conditions: ${listOf(conditionIds)})`);
      });
    });
    checkRefs(rule.operatorControl?.allowed ?? [], 'operatorControl.allowed', true);
  }
  return problems;
}

const listOf = (names: ReadonlySet<string>) => (names.size ? [...names].join(', ') : 'none defined');

/**
 * Where the fleet file's blocs (EU, EEA, ECOWAS on each jurisdiction) and the pack's groups of the
 * same name disagree, one sentence each; empty when they agree. A rule written against the group
 * would otherwise silently treat a country differently from what the map and the fleet say.
 */
export function fleetBlocMismatches(pack: PolicyPackFile, jurisdictions: readonly Jurisdiction[]): string[] {
  const mismatches: string[] = [];
  for (const bloc of BLOCS) {
    const members = pack.groups[bloc];
    if (!members) {
      mismatches.push(`the policy pack has no group ${bloc}, which the fleet uses`);
      continue;
    }
    for (const j of jurisdictions) {
      const inFleet = j.blocs.includes(bloc);
      if (inFleet !== members.includes(j.code)) {
        mismatches.push(`${j.code} (${j.name}): the fleet ${inFleet ? 'puts it in' : 'keeps it out of'} ${bloc}, the policy group ${bloc} ${inFleet ? 'does not list it' : 'lists it'}`);
      }
    }
  }
  return mismatches;
}
