import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AlertRulesError, describeCondition, loadAlertRules, parseAlertRules, ruleView } from './alert-rules.ts';

const DEFAULT_DIR = fileURLToPath(new URL('../../../../data/alerts/', import.meta.url));

const rule = (fields: Record<string, unknown>) => ({
  id: 'r1',
  metric: 'gpu_temperature_max_celsius',
  scope: 'site',
  condition: '>',
  threshold: 85,
  unit: '°C',
  for: '1m',
  severity: 'critical',
  summary: 'GPU {value} {unit} at {entity}',
  runbook: 'Cool it.',
  ...fields,
});
const file = (name: string, rules: unknown[]) => ({ name, text: JSON.stringify({ rules }) });
const problemsOf = (files: { name: string; text: string }[]) => {
  try {
    parseAlertRules(files);
  } catch (error) {
    expect(error).toBeInstanceOf(AlertRulesError);
    return (error as Error).message;
  }
  throw new Error('the rules were accepted');
};

describe('alert rule files', () => {
  it('loads the default rules: every one the issue asks for, each condition in words', () => {
    const rules = loadAlertRules(DEFAULT_DIR);
    const byId = Object.fromEntries(rules.map((r) => [r.id, describeCondition(r)]));
    expect(byId).toEqual({
      'pue-above-design': 'site_pue_ratio > design PUE + 0.3 for 2 min',
      'gpu-temperature-high': 'gpu_temperature_max_celsius > 85 °C for 1 min',
      'gpu-xid-errors': 'gpu_xid_errors_total > 0 errors',
      'inlet-temperature-high': 'site_inlet_temperature_celsius > 32 °C for 2 min',
      'availability-low': 'site_availability_ratio < 90 %',
      'site-down': 'site_availability_ratio == 0 %',
      'site-no-data': 'site_availability_ratio not reported for 3 intervals',
      'facility-power-near-capacity': 'site_facility_power_watts > 0.95 × facility capacity for 1 min',
      'link-loss-high': 'link_loss_ratio > 1 % for 1 min',
      'link-rtt-high': 'link_rtt_seconds > 1.5 × baseline RTT + 5 ms for 2 min',
      'cable-cut': 'link_loss_ratio >= 20 %',
    });
    expect(ruleView(rules.find((r) => r.id === 'cable-cut')!)).toMatchObject({ file: 'data/alerts/20-link.yaml', scope: 'link', severity: 'critical', forSeconds: 0, escalateAfterSeconds: 600 });
  });

  it('reads thresholds in the unit the console shows and evaluates them in base units', () => {
    const [loss] = parseAlertRules([file('a.yaml', [rule({ metric: 'link_loss_ratio', scope: 'link', threshold: 1, unit: '%' })])]);
    expect(loss!.threshold).toBeCloseTo(0.01);
    const [rtt] = parseAlertRules([file('a.yaml', [rule({ metric: 'link_rtt_seconds', scope: 'link', threshold: { of: 'baselineRtt', times: 1.5, plus: 5 }, unit: 'ms' })])]);
    expect(rtt!.threshold).toEqual({ of: 'baselineRtt', times: 1.5, plus: 0.005 });
  });

  it.each([
    ['an unknown metric', { metric: 'gpu_fan_rpm' }, 'a.yaml: rule "r1" (rules[0]), field metric'],
    ['a metric of the other scope', { metric: 'link_loss_ratio', unit: '%' }, 'a.yaml: rule "r1" (rules[0]), field metric: link_loss_ratio is a link metric'],
    ['a unit that is not the metric’s', { unit: 'K' }, 'a.yaml: rule "r1" (rules[0]), field unit: must be "°C"'],
    ['no threshold', { threshold: undefined }, 'field threshold: a > condition needs a threshold'],
    ['a threshold on absent', { condition: 'absent', intervals: 3 }, 'field threshold: an absent condition takes no threshold'],
    ['a property of the other scope', { threshold: { of: 'baselineRtt', times: 2 } }, 'field threshold.of: baselineRtt is a link property'],
    ['a bad duration', { for: 'two minutes' }, 'a.yaml: rule "r1" (rules[0]), field for: must be a duration'],
    ['a bad severity', { severity: 'urgent' }, 'a.yaml: rule "r1" (rules[0]), field severity'],
    ['an unknown placeholder', { summary: 'GPU {temp}' }, 'field summary: unknown placeholder {temp}'],
    ['an unknown field', { threshhold: 3 }, 'a.yaml: rule "r1" (rules[0])'],
  ])('refuses %s, naming the file, the rule and the field', (_case, fields, expected) => {
    expect(problemsOf([file('a.yaml', [rule(fields)])])).toContain(expected);
  });

  it('refuses a rule id used twice, naming both files', () => {
    expect(problemsOf([file('a.yaml', [rule({})]), file('b.yaml', [rule({})])])).toContain('b.yaml: rule "r1" (rules[0]), field id: duplicate rule id (first in a.yaml)');
  });

  it('refuses a file that is not YAML, and lists every problem at once', () => {
    const message = problemsOf([{ name: 'bad.yaml', text: 'rules: [' }, file('c.yaml', [rule({ unit: 'F' })])]);
    expect(message).toContain('bad.yaml: not valid YAML');
    expect(message).toContain('c.yaml: rule "r1" (rules[0]), field unit');
  });

  it('names a folder it cannot read', () => {
    expect(() => loadAlertRules('/nonexistent/alerts')).toThrow(/cannot read alert rules folder \/nonexistent\/alerts/);
  });
});
