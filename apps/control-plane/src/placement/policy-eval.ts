import type { PolicyPackFile, PolicyRule, RejectionReason, Site, WorkloadRequest } from '@corridor/shared';
import { ANYWHERE, ORIGIN } from './policy-pack.ts';

/** A list of jurisdiction refs with its groups expanded: answers "is this country in it?". */
interface RefSet {
  anywhere: boolean;
  origin: boolean;
  countries: ReadonlySet<string>;
  /** As written, for messages. */
  refs: readonly string[];
}

interface CompiledRule {
  rule: PolicyRule;
  origins?: RefSet;
  allow: { where: RefSet; requires: readonly string[] }[];
  operatorControl?: RefSet;
}

const compiled = new WeakMap<PolicyPackFile, CompiledRule[]>();

/** The pack's rules with every group expanded, once per loaded pack. */
function compile(pack: PolicyPackFile): CompiledRule[] {
  const cached = compiled.get(pack);
  if (cached) return cached;
  const refSet = (refs: readonly string[]): RefSet => ({
    anywhere: refs.includes(ANYWHERE),
    origin: refs.includes(ORIGIN),
    countries: new Set(refs.flatMap((ref) => pack.groups[ref] ?? [ref])),
    refs,
  });
  const rules = pack.rules.map((rule) => ({
    rule,
    ...(rule.match.origins ? { origins: refSet(rule.match.origins) } : {}),
    allow: rule.allow.map((entry) => ({ where: refSet(entry.jurisdictions), requires: entry.requires })),
    ...(rule.operatorControl ? { operatorControl: refSet(rule.operatorControl.allowed) } : {}),
  }));
  compiled.set(pack, rules);
  return rules;
}

const contains = (set: RefSet, country: string, origin: string) => set.anywhere || set.countries.has(country) || (set.origin && country === origin);

/** How a list of refs reads for this request: ORIGIN becomes the origin's code, `*` "anywhere". */
const describe = (set: RefSet, origin: string) => set.refs.map((ref) => (ref === ORIGIN ? origin : ref === ANYWHERE ? 'anywhere' : ref)).join(', ');

/** The rules that govern this request: all of them apply (a site must satisfy every one). */
export function matchingRules(pack: PolicyPackFile, request: Pick<WorkloadRequest, 'sector' | 'dataClass' | 'dataOrigin'>): CompiledRule[] {
  return compile(pack).filter(
    ({ rule, origins }) =>
      (!rule.match.sectors || rule.match.sectors.includes(request.sector)) &&
      (!rule.match.dataClasses || rule.match.dataClasses.includes(request.dataClass)) &&
      (!origins || contains(origins, request.dataOrigin, request.dataOrigin)),
  );
}

/**
 * The policy check for one request: every reason a site fails, rule by rule — jurisdiction (the
 * site's country must be in an allow entry whose conditions the request all affirms), operator
 * control and certifications. Answers are memoised by `key` — the site's country, operator and
 * certifications (SiteFacts.policyKey) — since a fleet of thousands of sites has a few dozen such
 * combinations. The reasons are shared between sites with the same answer; treat them as read-only.
 */
export function policyCheck(rules: readonly CompiledRule[], origin: string, affirmed: ReadonlySet<string>): (site: Site, key: string) => readonly RejectionReason[] {
  const memo = new Map<string, readonly RejectionReason[]>();
  return (site, key) => {
    if (rules.length === 0) return [];
    let reasons = memo.get(key);
    if (!reasons) {
      reasons = rules.flatMap((rule) => ruleReasons(rule, site, origin, affirmed));
      memo.set(key, reasons);
    }
    return reasons;
  };
}

function ruleReasons({ rule, allow, operatorControl }: CompiledRule, site: Site, origin: string, affirmed: ReadonlySet<string>): RejectionReason[] {
  const reasons: RejectionReason[] = [];
  const covering = allow.filter((entry) => contains(entry.where, site.country, origin));
  if (!covering.some((entry) => entry.requires.every((c) => affirmed.has(c)))) {
    const unconditional = allow.filter((e) => e.requires.length === 0).map((e) => describe(e.where, origin));
    const allowedIn = unconditional.length ? `only ${unconditional.join(', ')}` : 'no jurisdiction';
    const wouldAllow = covering.map((e) => e.requires.join(' and '));
    const message = wouldAllow.length
      ? `${site.country} is allowed by “${rule.title}” only if the request affirms ${wouldAllow.join(' or ')}; without that, ${allowedIn}.`
      : `${site.country} is not allowed by “${rule.title}”, which allows ${allowedIn}.`;
    reasons.push({ code: 'JURISDICTION_NOT_ALLOWED', message, ruleId: rule.id });
  }
  if (operatorControl && !contains(operatorControl, site.operator.controlledBy, origin)) {
    reasons.push({
      code: 'OPERATOR_CONTROL',
      message: `${site.operator.name} is under ${site.operator.controlledBy} control; “${rule.title}” needs an operator controlled from ${describe(operatorControl, origin)}.`,
      ruleId: rule.id,
    });
  }
  const held = new Set(site.certifications.map((c) => c.toLowerCase()));
  const missing = rule.certifications.filter((c) => !held.has(c.toLowerCase()));
  if (missing.length) {
    reasons.push({ code: 'CERTIFICATION_MISSING', message: `Lacks ${missing.join(' and ')}, which “${rule.title}” requires.`, ruleId: rule.id });
  }
  return reasons;
}
