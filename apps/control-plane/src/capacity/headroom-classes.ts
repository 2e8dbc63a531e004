import { DATA_CLASSES, JURISDICTION_CODES, SECTORS, type DemandClass, type PolicyPackFile, type WorkloadRequest } from '@corridor/shared';
import { ANYWHERE, ORIGIN } from '../placement/policy-pack.ts';
import { matchingRules } from '../placement/policy-eval.ts';

/*
 * The regulated demand classes, read from the policy pack itself: one per rule, with the request shape
 * that makes the rule apply. Nothing here names a country or a rule: a new rule in data/policy/ is a new
 * class, a changed match list a changed shape.
 */

type Shape = Pick<WorkloadRequest, 'sector' | 'dataClass' | 'dataOrigin'>;

/** The jurisdiction codes a rule's `match.origins` covers (groups expanded), in JURISDICTION_CODES order. */
function originsOf(pack: PolicyPackFile, refs: readonly string[] | undefined): WorkloadRequest['dataOrigin'][] {
  if (!refs || refs.includes(ANYWHERE)) return [...JURISDICTION_CODES];
  const covered = new Set(refs.filter((r) => r !== ORIGIN).flatMap((r) => pack.groups[r] ?? [r]));
  return JURISDICTION_CODES.filter((code) => covered.has(code));
}

/**
 * One class per rule whose match a request can meet. Its shape is the combination of the rule's match
 * lists (in the order the rule lists them; every value when a list is absent) under which the fewest
 * OTHER rules apply too — the rule's own case, as plainly as the pack allows — first one on a tie.
 * `ruleIds` lists every rule that applies to the shape, the class's own first: a plan checks them all,
 * so the lawful sites of the class are those of that exact request.
 */
export function demandClasses(pack: PolicyPackFile): DemandClass[] {
  const classes: DemandClass[] = [];
  for (const rule of pack.rules) {
    let best: { shape: Shape; ruleIds: string[] } | undefined;
    for (const dataOrigin of originsOf(pack, rule.match.origins)) {
      for (const sector of rule.match.sectors ?? SECTORS) {
        for (const dataClass of rule.match.dataClasses ?? DATA_CLASSES) {
          const shape: Shape = { sector, dataClass, dataOrigin };
          const ids = matchingRules(pack, shape).map((m) => m.rule.id);
          if (!ids.includes(rule.id)) continue;
          if (!best || ids.length < best.ruleIds.length) best = { shape, ruleIds: [rule.id, ...ids.filter((id) => id !== rule.id)] };
        }
      }
    }
    if (best) classes.push({ id: rule.id, title: rule.title, shape: { ...best.shape, conditions: [] }, ruleIds: best.ruleIds });
  }
  return classes;
}

/** The ids of the classes whose rule applies to a request (a workload counts in each). */
export function classesOf(pack: PolicyPackFile, classes: readonly DemandClass[], request: Shape): string[] {
  const applying = new Set(matchingRules(pack, request).map((m) => m.rule.id));
  return classes.filter((c) => applying.has(c.id)).map((c) => c.id);
}
