import {
  DEFAULT_WEIGHTS,
  WorkloadRequestSchema,
  type DataClass,
  type FieldIssue,
  type GpuModel,
  type JurisdictionCode,
  type Sector,
  type WorkloadKind,
  type WorkloadRequest,
  type WorkloadRequestInput,
} from '@corridor/shared';
import type { z } from 'zod';
import { fieldIssueText } from '../../../lib/field-errors.ts';
import type { MessageKey } from '../../../lib/i18n/message-keys.ts';
import { formatTag, translate } from '../../../lib/i18n/runtime.ts';

export type WeightName = keyof typeof DEFAULT_WEIGHTS;
export const WEIGHT_NAMES = Object.keys(DEFAULT_WEIGHTS) as WeightName[];

/**
 * The "Place a workload" form as typed: numbers stay text until they are parsed, so a half-typed
 * "6" or an empty box is kept as the person left it. Selects hold '' until chosen.
 */
export interface WorkloadForm {
  name: string;
  tenant: string;
  kind: WorkloadKind;
  sector: Sector | '';
  dataClass: DataClass | '';
  dataOrigin: JurisdictionCode | '';
  gpuCount: string;
  /** '' means any model. */
  gpuModel: GpuModel | '';
  powerKw: string;
  /** A known city or a site id; with maxRttMs, the latency objective. */
  latencyFrom: string;
  maxRttMs: string;
  weights: Record<WeightName, number>;
  /** Condition ids the requester affirms. */
  conditions: readonly string[];
}

export type FormField = Exclude<keyof WorkloadForm, 'weights'> | 'weights';

export const EMPTY_FORM: WorkloadForm = {
  name: '',
  tenant: '',
  kind: 'training',
  sector: '',
  dataClass: '',
  dataOrigin: '',
  gpuCount: '',
  gpuModel: '',
  powerKw: '',
  latencyFrom: '',
  maxRttMs: '',
  weights: { ...DEFAULT_WEIGHTS },
  conditions: [],
};

/** Text → number for the API: blank is "not given"; anything else unparsable stays NaN so the schema names the field. */
function numberOrUndefined(text: string): number | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : Number(trimmed);
}

/** The request body the form describes, before validation (blank optional fields are left out). */
export function toRequestInput(form: WorkloadForm): WorkloadRequestInput {
  const powerKw = numberOrUndefined(form.powerKw);
  const maxRttMs = numberOrUndefined(form.maxRttMs);
  const hasLatency = form.latencyFrom.trim() !== '' || maxRttMs !== undefined;
  return {
    name: form.name,
    tenant: form.tenant.trim(),
    kind: form.kind,
    sector: (form.sector || undefined) as Sector,
    dataClass: (form.dataClass || undefined) as DataClass,
    dataOrigin: (form.dataOrigin || undefined) as JurisdictionCode,
    gpus: { count: numberOrUndefined(form.gpuCount) as number, ...(form.gpuModel ? { model: form.gpuModel } : {}) },
    ...(powerKw !== undefined ? { powerKw } : {}),
    ...(hasLatency ? { latency: { from: form.latencyFrom.trim(), maxRttMs: maxRttMs as number } } : {}),
    weights: form.weights,
    conditions: [...form.conditions],
  };
}

/** Where each request path is typed in the form (`gpus.count` → the GPU count box). */
const FIELD_OF_PATH: Record<string, FormField> = {
  name: 'name',
  tenant: 'tenant',
  kind: 'kind',
  sector: 'sector',
  dataClass: 'dataClass',
  dataOrigin: 'dataOrigin',
  'gpus.count': 'gpuCount',
  'gpus.model': 'gpuModel',
  powerKw: 'powerKw',
  'latency.from': 'latencyFrom',
  'latency.maxRttMs': 'maxRttMs',
  weights: 'weights',
  conditions: 'conditions',
};

/** The form field an API or schema path belongs to (`latency.from.lat` → latencyFrom). */
export function formFieldOf(path: string): FormField | undefined {
  for (let p = path; p; p = p.slice(0, Math.max(0, p.lastIndexOf('.')))) {
    const field = FIELD_OF_PATH[p];
    if (field) return field;
  }
  return undefined;
}

/** A bound in the console's language, grouped from five digits on ("At most 1000", "At most 100,000"). */
const bound = (value: number): string => new Intl.NumberFormat(formatTag(), { maximumFractionDigits: 3, useGrouping: Math.abs(value) >= 10_000 }).format(value);

/**
 * Person-sized messages ("Required", "At least 1") in the console's language where zod's defaults speak its
 * own. Read while rendering (the form is checked on each render).
 */
const messageFor: z.core.$ZodErrorMap = (issue) => {
  if (issue.input === undefined || issue.input === '') return translate('placement.error.required');
  if (issue.code === 'invalid_type' && issue.expected === 'number') return translate('placement.error.number');
  if (issue.code === 'invalid_type' && issue.expected === 'int') return translate('placement.error.integer');
  if (issue.code === 'too_small' && issue.origin === 'number') {
    const minimum = bound(Number(issue.minimum));
    return translate(issue.inclusive ? 'placement.error.atLeast' : 'placement.error.above', { minimum });
  }
  if (issue.code === 'too_big' && issue.origin === 'number') {
    const maximum = bound(Number(issue.maximum));
    return translate(issue.inclusive ? 'placement.error.atMost' : 'placement.error.below', { maximum });
  }
  // A name of spaces only is empty once trimmed.
  if (issue.code === 'too_small' && issue.origin === 'string') return translate('placement.error.required');
  if (issue.code === 'too_big' && issue.origin === 'string') return translate('placement.error.maxChars', { maximum: Number(issue.maximum) });
  return undefined;
};

/**
 * The shared schema's own rules, said in the console's language (in English, the schema's words): the
 * tenant's slug format, "at least one weight above 0", and no NUL character in stored text.
 */
function schemaRuleText(field: FormField | undefined, issue: z.core.$ZodIssue): string | undefined {
  if (issue.code === 'invalid_format' && (field === 'tenant' || field === 'conditions')) return translate('placement.error.slug');
  if (issue.code === 'custom' && field === 'weights') return translate('placement.error.weights');
  if (issue.code === 'custom' && (field === 'name' || field === 'latencyFrom')) return translate('placement.error.nul');
  return undefined;
}

export type FieldErrors = Partial<Record<FormField, string>>;

/**
 * Field issues (from the BFF's 400) as one message per form field, said in the console's language from the
 * issue's code (`fieldIssueText`; the server's English words where the code says nothing more); the first wins.
 */
export function fieldErrorsOf(issues: readonly FieldIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = formFieldOf(issue.field);
    if (field && !errors[field]) errors[field] = serverIssueText(field, issue);
  }
  return errors;
}

/**
 * A place the planner does not know comes back with the planner's English list of every city and no code
 * (a rule of the planner, not of the schema): said in plain words in the console's language instead.
 */
function serverIssueText(field: FormField, issue: FieldIssue): string {
  if (field === 'latencyFrom' && (issue.code === undefined || issue.code === 'custom')) return translate('placement.error.unknownPlace');
  return fieldIssueText(issue);
}

/** Each field's name as its label says it, for a summary of the fields to correct. */
const FIELD_LABELS: Record<FormField, MessageKey> = {
  name: 'placement.field.name',
  tenant: 'placement.field.tenant',
  kind: 'placement.field.kind',
  sector: 'placement.field.sector',
  dataClass: 'placement.field.dataClass',
  dataOrigin: 'placement.field.dataOrigin',
  gpuCount: 'placement.field.gpuCount',
  gpuModel: 'placement.field.gpuModel',
  powerKw: 'placement.field.powerKw',
  latencyFrom: 'placement.field.latencyFrom',
  maxRttMs: 'placement.field.maxRttMs',
  weights: 'placement.form.weights',
  conditions: 'placement.form.conditions',
};

export const fieldLabel = (field: FormField): string => translate(FIELD_LABELS[field]);

/** The fields with a message, in the order the form shows them. */
export const FIELD_ORDER: readonly FormField[] = Object.keys(FIELD_LABELS) as FormField[];

export type FormCheck = { ok: true; request: WorkloadRequest } | { ok: false; errors: FieldErrors };

/** Validates the form with the shared request schema: the request the API would accept, or a message per field. */
export function checkForm(form: WorkloadForm): FormCheck {
  const result = WorkloadRequestSchema.safeParse(toRequestInput(form), { error: messageFor });
  if (result.success) return { ok: true, request: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = formFieldOf(issue.path.map(String).join('.'));
    if (field && !errors[field]) errors[field] = schemaRuleText(field, issue) ?? issue.message;
  }
  return { ok: false, errors };
}

/** Each weight's share of the total, 0–1 (the engine normalises them the same way); zeros when all are 0. */
export function weightShares(weights: Record<WeightName, number>): Record<WeightName, number> {
  const total = WEIGHT_NAMES.reduce((sum, name) => sum + weights[name], 0);
  return Object.fromEntries(WEIGHT_NAMES.map((name) => [name, total > 0 ? weights[name] / total : 0])) as Record<WeightName, number>;
}
