import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { METRICS, type AlertRuleView, type MetricName } from '@corridor/shared';
import { readCheckedYaml } from '../data-files/checked-yaml.ts';
import { AlertRuleFileSchema, SUMMARY_PLACEHOLDERS, THRESHOLD_PROPERTIES, type AlertRuleFileRule, type Condition, type RelativeThreshold } from './alert-rule-schema.ts';

/** The alert rules could not be used; the message names each bad file, rule and field. */
export class AlertRulesError extends Error {
  override name = 'AlertRulesError';
}

/** A checked rule, its durations in ms and its threshold in the metric's base unit (or relative to the entity). */
export interface AlertRule {
  id: string;
  file: string;
  metric: MetricName;
  scope: 'site' | 'link';
  select: AlertRuleFileRule['select'];
  condition: Condition;
  /** Base unit; a relative threshold is resolved per site or link (thresholdFor). */
  threshold?: number | RelativeThreshold;
  /** The display unit the rule is written in (the metric's). */
  unit: string;
  /** For `absent`: missed intervals of the series' cadence. */
  intervals: number;
  forMs: number;
  clearForMs: number;
  severity: AlertRuleFileRule['severity'];
  summary: string;
  runbook: string;
  escalateAfterMs?: number;
}

/** Unmeasured cadence of an `absent` rule's series: a slow scrape (the simulator's default tick is 5 s). */
export const DEFAULT_CADENCE_MS = 15_000;

/** Reads every *.yaml / *.yml of `dir` in name order; throws AlertRulesError naming file, rule and field of every problem. */
export function loadAlertRules(dir: string): AlertRule[] {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => /\.ya?ml$/.test(n))
      .sort();
  } catch (error) {
    throw new AlertRulesError(`cannot read alert rules folder ${dir}: ${(error as Error).message}`);
  }
  return parseAlertRules(names.map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') })));
}

/** The pure half of loadAlertRules: files (already in order) → checked rules. An empty folder means no rules. */
export function parseAlertRules(files: readonly { name: string; text: string }[]): AlertRule[] {
  const problems: string[] = [];
  const rules: AlertRule[] = [];
  const firstSeen = new Map<string, string>();
  for (const file of files) {
    const data = readCheckedYaml(file, AlertRuleFileSchema, ['rules'], problems);
    if (!data) continue;
    data.rules.forEach((rule, index) => {
      const where = (field: string) => `${file.name}: rule "${rule.id}" (rules[${index}]), field ${field}`;
      const earlier = firstSeen.get(rule.id);
      if (earlier) problems.push(`${where('id')}: duplicate rule id (first in ${earlier})`);
      else firstSeen.set(rule.id, file.name);
      const found = checkRule(rule);
      problems.push(...found.map(([field, message]) => `${where(field)}: ${message}`));
      if (found.length === 0) rules.push(toRule(rule, file.name));
    });
  }
  if (problems.length > 0) throw new AlertRulesError(`alert rules are invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return rules;
}

/** What the schema cannot see: the metric's scope and unit, the threshold's form, the summary's placeholders. */
function checkRule(rule: AlertRuleFileRule): [string, string][] {
  const problems: [string, string][] = [];
  const spec = METRICS[rule.metric];
  if (spec.scope !== rule.scope) problems.push(['metric', `${rule.metric} is a ${spec.scope} metric, the rule's scope is ${rule.scope}`]);
  if (rule.condition === 'absent') {
    if (rule.threshold !== undefined) problems.push(['threshold', 'an absent condition takes no threshold (it counts missed intervals)']);
    if (rule.intervals === undefined) problems.push(['intervals', 'an absent condition needs intervals: how many missed reports']);
  } else {
    if (rule.threshold === undefined) problems.push(['threshold', `a ${rule.condition} condition needs a threshold`]);
    if (rule.intervals !== undefined) problems.push(['intervals', 'only an absent condition counts intervals']);
    if (rule.unit !== spec.displayUnit) problems.push(['unit', `must be "${spec.displayUnit}", the unit ${rule.metric} is shown in (the threshold is written in it)`]);
  }
  if (typeof rule.threshold === 'object') {
    const wants = THRESHOLD_PROPERTIES[rule.threshold.of];
    if (wants !== rule.scope) problems.push(['threshold.of', `${rule.threshold.of} is a ${wants} property, the rule's scope is ${rule.scope}`]);
  }
  if (rule.scope === 'link' && (rule.select?.operator || rule.select?.status)) problems.push(['select', 'a link rule selects by country only (operator and status are a site’s)']);
  for (const [, name] of rule.summary.matchAll(/\{(\w*)\}/g)) {
    if (!(SUMMARY_PLACEHOLDERS as readonly string[]).includes(name!)) problems.push(['summary', `unknown placeholder {${name}} (known: ${SUMMARY_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')})`]);
  }
  return problems;
}

function toRule(rule: AlertRuleFileRule, file: string): AlertRule {
  const spec = METRICS[rule.metric];
  // Written in the display unit; evaluated in the base unit the samples carry.
  const threshold =
    typeof rule.threshold === 'number'
      ? rule.threshold / spec.toDisplay
      : rule.threshold && { ...rule.threshold, ...(rule.threshold.plus !== undefined ? { plus: rule.threshold.plus / spec.toDisplay } : {}) };
  return {
    id: rule.id,
    file,
    metric: rule.metric,
    scope: rule.scope,
    select: rule.select,
    condition: rule.condition,
    ...(threshold !== undefined ? { threshold } : {}),
    unit: spec.displayUnit,
    intervals: rule.intervals ?? 3,
    forMs: rule.for * 1000,
    clearForMs: (rule.clearFor ?? rule.for) * 1000,
    severity: rule.severity,
    summary: rule.summary,
    runbook: rule.runbook,
    ...(rule.escalateAfter !== undefined ? { escalateAfterMs: rule.escalateAfter * 1000 } : {}),
  };
}

const PROPERTY_WORDS: Record<RelativeThreshold['of'], string> = { designPue: 'design PUE', facilityCapacity: 'facility capacity', baselineRtt: 'baseline RTT' };

/** The condition in words, e.g. "site_pue_ratio > design PUE + 0.3 for 2 min". */
export function describeCondition(rule: AlertRule): string {
  const spec = METRICS[rule.metric];
  const unit = rule.unit ? ` ${rule.unit}` : '';
  let what: string;
  if (rule.condition === 'absent') what = `${rule.metric} not reported for ${rule.intervals} intervals`;
  else if (typeof rule.threshold === 'number') what = `${rule.metric} ${rule.condition} ${round(rule.threshold * spec.toDisplay)}${unit}`;
  else {
    const t = rule.threshold!;
    const times = t.times !== undefined ? `${t.times} × ` : '';
    const plus = t.plus !== undefined ? ` ${t.plus < 0 ? '−' : '+'} ${round(Math.abs(t.plus) * spec.toDisplay)}${unit}` : '';
    what = `${rule.metric} ${rule.condition} ${times}${PROPERTY_WORDS[t.of]}${plus}`;
  }
  return rule.forMs > 0 ? `${what} for ${durationWords(rule.forMs)}` : what;
}

export function ruleView(rule: AlertRule): AlertRuleView {
  return {
    id: rule.id,
    file: `data/alerts/${rule.file}`,
    scope: rule.scope,
    severity: rule.severity,
    condition: describeCondition(rule),
    forSeconds: Math.round(rule.forMs / 1000),
    ...(rule.escalateAfterMs !== undefined ? { escalateAfterSeconds: Math.round(rule.escalateAfterMs / 1000) } : {}),
    summary: rule.summary,
    runbook: rule.runbook,
  };
}

function durationWords(ms: number): string {
  const s = Math.round(ms / 1000);
  return s % 3600 === 0 ? `${s / 3600} h` : s % 60 === 0 ? `${s / 60} min` : `${s} s`;
}

/** A display value with the precision a reader needs: 1.82, 86.4, 1250. */
export function round(value: number): number {
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return Number(value.toFixed(digits));
}
