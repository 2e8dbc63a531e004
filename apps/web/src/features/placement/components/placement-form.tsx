import './placement.css';
import { DATA_CLASSES, GPU_MODELS, JURISDICTION_CODES, SECTORS, WORKLOAD_KINDS, type PolicyCondition } from '@corridor/shared';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { countryName } from '../../../lib/countries.ts';
import { formatPercent } from '../../../lib/format.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { FIELD_ORDER, WEIGHT_NAMES, weightShares, type FieldErrors, type FormField, type WorkloadForm } from '../model/workload-form.ts';

/** The policy's conditions as the form can show them: loading, failed, or the list. */
export type ConditionsState = { status: 'pending' } | { status: 'error'; message: string; retry: () => void } | { status: 'ready'; conditions: readonly PolicyCondition[] };

interface PlacementFormProps {
  form: WorkloadForm;
  onChange: (patch: Partial<WorkloadForm>) => void;
  /** The schema's message per field: shown once the field was left, or after a commit was attempted. */
  errors: FieldErrors;
  /** The server's message per field (a 400 on the plan): always shown. */
  serverErrors: FieldErrors;
  conditions: ConditionsState;
  /** Cities (and site ids) the latency objective can start from. */
  places: readonly string[];
  /** A tenant user's tenant: the workload can only be its own, so the field shows it and cannot be changed. */
  fixedTenant?: string;
  /** Called with a complete form only; an incomplete one shows its messages and takes the focus to the first. */
  onSubmit: () => void;
  submitting: boolean;
  /** What the commit will do, under the button. */
  submitHint?: ReactNode;
  /** Prefix of the controls' ids (`fieldControlId`), so the page can take a reader to a field; unique by default. */
  idPrefix?: string;
}

/** The id of a field's control: a page that names a field (a banner, a server's 400) focuses it by this. */
export const fieldControlId = (prefix: string, field: FormField): string => (field === 'weights' ? `${prefix}-weight-latency` : `${prefix}-${field}`);

/**
 * The "Place a workload" form in the shared vocabulary. Validation is the shared schema's, message by
 * field; a message appears once its field was left (or a commit was attempted), never while typing.
 */
export function PlacementForm({ form, onChange, errors, serverErrors, conditions, places, fixedTenant, onSubmit, submitting, submitHint, idPrefix }: PlacementFormProps) {
  const t = useT();
  const uniqueId = useId();
  const id = idPrefix ?? uniqueId;
  const [touched, setTouched] = useState<ReadonlySet<FormField>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const messageOf = (field: FormField) => serverErrors[field] ?? (attempted || touched.has(field) ? errors[field] : undefined);
  const touch = (field: FormField) => setTouched((t) => (t.has(field) ? t : new Set(t).add(field)));

  /** Props every input shares: its id, its message's id, invalid state and "touched" on leaving. */
  const control = (field: FormField) => {
    const message = messageOf(field);
    return {
      id: `${id}-${field}`,
      'aria-invalid': message ? true : undefined,
      'aria-describedby': message ? `${id}-${field}-error` : undefined,
      onBlur: () => touch(field),
    };
  };
  const fieldProps = { idPrefix: id, messageOf };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    const firstInvalid = FIELD_ORDER.find((field) => errors[field] ?? serverErrors[field]);
    if (firstInvalid) document.getElementById(fieldControlId(id, firstInvalid))?.focus();
    else if (!submitting) onSubmit();
  };

  const shares = weightShares(form.weights);
  return (
    <form className="placement-form" aria-label={t('placement.form.label')} noValidate onSubmit={submit}>
      <fieldset>
        <legend>{t('placement.form.workload')}</legend>
        <Field {...fieldProps} field="name" label={t('placement.field.name')}>
          <input {...control('name')} type="text" autoComplete="off" maxLength={120} value={form.name} onChange={(e) => onChange({ name: e.target.value })} />
        </Field>
        <Field {...fieldProps} field="tenant" label={t('placement.field.tenant')} hint={fixedTenant ? t('placement.field.tenant.fixedHint') : t('placement.field.tenant.hint')}>
          <input
            {...control('tenant')}
            type="text"
            autoComplete="off"
            spellCheck={false}
            maxLength={64}
            readOnly={fixedTenant !== undefined}
            value={fixedTenant ?? form.tenant}
            onChange={(e) => onChange({ tenant: e.target.value })}
          />
        </Field>
        <Field {...fieldProps} field="kind" label={t('placement.field.kind')}>
          <select {...control('kind')} value={form.kind} onChange={(e) => onChange({ kind: e.target.value as WorkloadForm['kind'] })}>
            {WORKLOAD_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`placement.kind.${k}`)}
              </option>
            ))}
          </select>
        </Field>
      </fieldset>

      <fieldset>
        <legend>{t('placement.form.data')}</legend>
        <Field {...fieldProps} field="sector" label={t('placement.field.sector')}>
          <select {...control('sector')} value={form.sector} onChange={(e) => onChange({ sector: e.target.value as WorkloadForm['sector'] })}>
            <option value="">{t('placement.field.choose')}</option>
            {SECTORS.map((s) => (
              <option key={s} value={s}>
                {t(`placement.sector.${s}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field {...fieldProps} field="dataClass" label={t('placement.field.dataClass')}>
          <select {...control('dataClass')} value={form.dataClass} onChange={(e) => onChange({ dataClass: e.target.value as WorkloadForm['dataClass'] })}>
            <option value="">{t('placement.field.choose')}</option>
            {DATA_CLASSES.map((c) => (
              <option key={c} value={c}>
                {t(`placement.dataClass.${c}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field {...fieldProps} field="dataOrigin" label={t('placement.field.dataOrigin')} hint={t('placement.field.dataOrigin.hint')}>
          <select {...control('dataOrigin')} value={form.dataOrigin} onChange={(e) => onChange({ dataOrigin: e.target.value as WorkloadForm['dataOrigin'] })}>
            <option value="">{t('placement.field.choose')}</option>
            {JURISDICTION_CODES.map((code) => (
              <option key={code} value={code}>
                {t('placement.field.dataOrigin.option', { country: countryName(code), code })}
              </option>
            ))}
          </select>
        </Field>
      </fieldset>

      <fieldset className="two-columns">
        <legend>{t('placement.form.gpusAndPower')}</legend>
        <Field {...fieldProps} field="gpuCount" label={t('placement.field.gpuCount')} unit={t('placement.field.gpuCount.unit')}>
          <input {...control('gpuCount')} type="number" inputMode="numeric" min={1} step={1} value={form.gpuCount} onChange={(e) => onChange({ gpuCount: e.target.value })} />
        </Field>
        <Field {...fieldProps} field="gpuModel" label={t('placement.field.gpuModel')}>
          <select {...control('gpuModel')} value={form.gpuModel} onChange={(e) => onChange({ gpuModel: e.target.value as WorkloadForm['gpuModel'] })}>
            <option value="">{t('placement.field.gpuModel.any')}</option>
            {GPU_MODELS.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </Field>
        <Field {...fieldProps} field="powerKw" label={t('placement.field.powerKw')} unit="kW" hint={t('placement.field.powerKw.hint')}>
          <input {...control('powerKw')} type="number" inputMode="decimal" min={0} step="any" value={form.powerKw} onChange={(e) => onChange({ powerKw: e.target.value })} />
        </Field>
      </fieldset>

      <fieldset className="two-columns">
        <legend>{t.rich('placement.form.latency', { optional: (chunks) => <span className="optional">{chunks}</span> })}</legend>
        <Field {...fieldProps} field="latencyFrom" label={t('placement.field.latencyFrom')} hint={t('placement.field.latencyFrom.hint')}>
          <input {...control('latencyFrom')} type="text" autoComplete="off" list={`${id}-places`} maxLength={80} value={form.latencyFrom} onChange={(e) => onChange({ latencyFrom: e.target.value })} />
        </Field>
        <datalist id={`${id}-places`}>
          {places.map((p) => (
            <option key={p} value={p} />
          ))}
        </datalist>
        <Field {...fieldProps} field="maxRttMs" label={t('placement.field.maxRttMs')} unit="ms">
          <input {...control('maxRttMs')} type="number" inputMode="decimal" min={0} step="any" value={form.maxRttMs} onChange={(e) => onChange({ maxRttMs: e.target.value })} />
        </Field>
      </fieldset>

      <fieldset className="weights" aria-describedby={messageOf('weights') ? `${id}-weights-error` : undefined}>
        <legend>{t('placement.form.weights')}</legend>
        {WEIGHT_NAMES.map((name) => (
          <div key={name} className="weight">
            <label htmlFor={`${id}-weight-${name}`}>{t(`placement.weight.${name}`)}</label>
            <input
              id={`${id}-weight-${name}`}
              type="range"
              min={0}
              max={1}
              step={0.05}
              value={form.weights[name]}
              aria-valuetext={t('placement.weight.valueText', { share: formatPercent(shares[name]) })}
              aria-describedby={name === 'scarcity' ? `${id}-weight-scarcity-hint` : undefined}
              onChange={(e) => onChange({ weights: { ...form.weights, [name]: Number(e.target.value) } })}
              onBlur={() => touch('weights')}
            />
            <output htmlFor={`${id}-weight-${name}`}>{formatPercent(shares[name])}</output>
            {name === 'scarcity' && (
              <p id={`${id}-weight-scarcity-hint`} className="hint weight-hint">
                {t('placement.part.scarcity.sentence')}
              </p>
            )}
          </div>
        ))}
        <FieldMessage id={`${id}-weights-error`} message={messageOf('weights')} />
      </fieldset>

      <fieldset className="conditions">
        <legend>{t('placement.form.conditions')}</legend>
        <Conditions idPrefix={id} state={conditions} selected={form.conditions} onChange={(conditions) => onChange({ conditions })} />
        <FieldMessage id={`${id}-conditions-error`} message={messageOf('conditions')} />
      </fieldset>

      <div className="form-submit">
        <button type="submit" className="primary" disabled={submitting} aria-describedby={`${id}-submit-hint`}>
          {submitting ? t('placement.submit.pending') : t('placement.submit')}
        </button>
        <p id={`${id}-submit-hint`} className="muted">
          {submitHint}
        </p>
      </div>
    </form>
  );
}

interface FieldProps {
  idPrefix: string;
  field: FormField;
  label: string;
  /** The unit the box takes, shown after it. */
  unit?: string;
  hint?: string;
  messageOf: (field: FormField) => string | undefined;
  children: ReactNode;
}

/** A labelled control with its unit, its hint and its message (linked by aria-describedby). */
function Field({ idPrefix, field, label: text, unit, hint, messageOf, children }: FieldProps) {
  return (
    <div className="field">
      <label htmlFor={`${idPrefix}-${field}`}>{text}</label>
      <div className={unit ? 'with-unit' : undefined}>
        {children}
        {unit && (
          <span className="unit" aria-hidden="true">
            {unit}
          </span>
        )}
      </div>
      {hint && <p className="hint">{hint}</p>}
      <FieldMessage id={`${idPrefix}-${field}-error`} message={messageOf(field)} />
    </div>
  );
}

function FieldMessage({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} className="field-error">
      {message}
    </p>
  ) : null;
}

function Conditions({ idPrefix, state, selected, onChange }: { idPrefix: string; state: ConditionsState; selected: readonly string[]; onChange: (conditions: string[]) => void }) {
  const t = useT();
  if (state.status === 'pending') return <p className="muted">{t('placement.conditions.loading')}</p>;
  if (state.status === 'error') {
    return (
      <div className="field-error" role="alert">
        <p>{t('placement.conditions.error', { message: state.message })}</p>
        <button type="button" className="link-button" onClick={state.retry}>
          {t('placement.retry')}
        </button>
      </div>
    );
  }
  if (state.conditions.length === 0) return <p className="muted">{t('placement.conditions.none')}</p>;
  const toggle = (condition: string, on: boolean) => onChange(on ? [...selected, condition] : selected.filter((c) => c !== condition));
  return (
    <ul className="condition-list">
      {state.conditions.map((c) => (
        <li key={c.id}>
          <label>
            {/* Named by the policy pack's own words (English whatever the console's language); its code, in small type after them, describes it. */}
            <input
              type="checkbox"
              aria-labelledby={`${idPrefix}-condition-${c.id}`}
              aria-describedby={`${idPrefix}-condition-${c.id}-code`}
              checked={selected.includes(c.id)}
              onChange={(e) => toggle(c.id, e.target.checked)}
            />
            <span>
              <span id={`${idPrefix}-condition-${c.id}`} lang="en">
                {c.label}
              </span>
              <code id={`${idPrefix}-condition-${c.id}-code`} className="condition-code">
                {c.id}
              </code>
            </span>
          </label>
        </li>
      ))}
    </ul>
  );
}
