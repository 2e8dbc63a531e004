import type { Link, MetricName, Site, SiteStatus } from '@corridor/shared';
import type { AlertRule } from './alert-rules.ts';
import type { ThresholdProperty } from './alert-rule-schema.ts';

/** What a rule needs to know of a site or link: its selectors' fields and the figures thresholds are relative to. */
export interface EntityFacts {
  kind: 'site' | 'link';
  id: string;
  name: string;
  /** The site's country; both ends' countries for a link. */
  countries: readonly string[];
  operator?: string;
  status?: SiteStatus;
  /** Base units: ratio, watts, seconds. */
  properties: Partial<Record<ThresholdProperty, number>>;
}

/** A rule as it applies to one entity: its threshold resolved to a base-unit number. */
export interface BoundRule {
  rule: AlertRule;
  threshold: number | undefined;
}

export function siteFacts(site: Site): EntityFacts {
  return {
    kind: 'site',
    id: site.id,
    name: site.name,
    countries: [site.country],
    operator: site.operator.id,
    status: site.status,
    properties: { designPue: site.designPue, facilityCapacity: site.itCapacityMw * 1e6 * site.designPue },
  };
}

export function linkFacts(link: Link): EntityFacts {
  return { kind: 'link', id: link.id, name: link.name, countries: [link.from.country, link.to.country], properties: { baselineRtt: link.rttMs / 1000 } };
}

function selects(rule: AlertRule, facts: EntityFacts): boolean {
  if (rule.scope !== facts.kind) return false;
  const { country, operator, status } = rule.select ?? {};
  if (country && !facts.countries.some((c) => (country as readonly string[]).includes(c))) return false;
  if (operator && (!facts.operator || !operator.includes(facts.operator))) return false;
  if (status && (!facts.status || !status.includes(facts.status))) return false;
  return true;
}

/** The rule's threshold for this entity; undefined for `absent`, NaN when the entity lacks the property. */
export function thresholdFor(rule: AlertRule, facts: EntityFacts): number | undefined {
  const t = rule.threshold;
  if (t === undefined || typeof t === 'number') return t;
  const base = facts.properties[t.of];
  return base === undefined ? Number.NaN : base * (t.times ?? 1) + (t.plus ?? 0);
}

/**
 * The rules of each metric bound to each entity of one fleet version, computed once per (metric, entity)
 * and kept until the fleet changes: a sample costs a map lookup, not a pass over the rules.
 */
export class RuleBook {
  private readonly byMetric = new Map<MetricName, AlertRule[]>();
  private readonly bound = new Map<string, BoundRule[]>();
  private facts = new Map<string, EntityFacts>();
  version = '';

  constructor(readonly rules: readonly AlertRule[]) {
    for (const rule of rules) this.byMetric.set(rule.metric, [...(this.byMetric.get(rule.metric) ?? []), rule]);
  }

  /** A new fleet version: every site's and link's facts, and no binding made for the old one. */
  useFleet(version: string, sites: readonly Site[], links: readonly Link[]): boolean {
    if (version === this.version) return false;
    this.version = version;
    this.facts = new Map([...sites.map((s) => [`site:${s.id}`, siteFacts(s)] as const), ...links.map((l) => [`link:${l.id}`, linkFacts(l)] as const)]);
    this.bound.clear();
    return true;
  }

  factsOf(entityKey: string): EntityFacts | undefined {
    return this.facts.get(entityKey);
  }

  /** The rules that judge `metric` of the entity (`site:<id>` / `link:<id>`); [] for an entity not in the fleet. */
  rulesFor(metric: MetricName, entityKey: string): readonly BoundRule[] {
    const key = `${metric}|${entityKey}`;
    let found = this.bound.get(key);
    if (!found) {
      const facts = this.facts.get(entityKey);
      found = facts ? (this.byMetric.get(metric) ?? []).filter((r) => selects(r, facts)).map((rule) => ({ rule, threshold: thresholdFor(rule, facts) })) : [];
      // An entity the fleet does not know yet is asked again after the next fleet refresh.
      if (facts) this.bound.set(key, found);
    }
    return found;
  }
}
