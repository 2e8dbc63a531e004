import { DEFAULT_WEIGHTS } from '@corridor/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { activateLocale } from '../../../lib/i18n/runtime.ts';
import { checkForm, EMPTY_FORM, fieldErrorsOf, formFieldOf, toRequestInput, weightShares, type WorkloadForm } from './workload-form.ts';

const moroccanHealthcare: WorkloadForm = {
  ...EMPTY_FORM,
  name: 'Radiology triage',
  tenant: 'chu-casablanca',
  kind: 'inference',
  sector: 'healthcare',
  dataClass: 'personal',
  dataOrigin: 'MA',
  gpuCount: '64',
  gpuModel: 'H100',
  latencyFrom: 'Casablanca',
  maxRttMs: '20',
};

describe('the placement form', () => {
  it('turns a complete form into the request the API takes', () => {
    const check = checkForm(moroccanHealthcare);
    expect(check).toEqual({
      ok: true,
      request: {
        name: 'Radiology triage',
        tenant: 'chu-casablanca',
        kind: 'inference',
        sector: 'healthcare',
        dataClass: 'personal',
        dataOrigin: 'MA',
        gpus: { count: 64, model: 'H100' },
        latency: { from: 'Casablanca', maxRttMs: 20 },
        weights: DEFAULT_WEIGHTS,
        conditions: [],
      },
    });
  });

  it('leaves blank optional fields out: any GPU model, power from the GPUs, no latency objective', () => {
    const input = toRequestInput({ ...moroccanHealthcare, gpuModel: '', powerKw: ' ', latencyFrom: '', maxRttMs: '' });
    expect(input.gpus).toEqual({ count: 64 });
    expect(input).not.toHaveProperty('powerKw');
    expect(input).not.toHaveProperty('latency');
  });

  it('names every missing field with "Required" on the box it belongs to', () => {
    const check = checkForm(EMPTY_FORM);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.errors).toMatchObject({ name: 'Required', tenant: 'Required', sector: 'Required', dataClass: 'Required', dataOrigin: 'Required', gpuCount: 'Required' });
    expect(check.errors).not.toHaveProperty('powerKw');
    expect(check.errors).not.toHaveProperty('latencyFrom');
  });

  it('says what is wrong with a figure in words a person uses', () => {
    const check = checkForm({ ...moroccanHealthcare, gpuCount: '0', powerKw: 'abc', maxRttMs: '5000' });
    if (check.ok) throw new Error('expected errors');
    expect(check.errors).toEqual({ gpuCount: 'At least 1', powerKw: 'Enter a number', maxRttMs: 'At most 1000' });
    const fractional = checkForm({ ...moroccanHealthcare, gpuCount: '6.5' });
    expect(fractional.ok || fractional.errors.gpuCount).toBe('Enter a whole number');
  });

  it('asks for both halves of a latency objective', () => {
    const onlyCity = checkForm({ ...moroccanHealthcare, maxRttMs: '' });
    expect(onlyCity.ok || onlyCity.errors).toEqual({ maxRttMs: 'Required' });
    const onlyRtt = checkForm({ ...moroccanHealthcare, latencyFrom: '' });
    expect(onlyRtt.ok || onlyRtt.errors).toEqual({ latencyFrom: 'Required' });
  });

  it('keeps the schema’s own messages (tenant slug, weights all zero)', () => {
    const check = checkForm({ ...moroccanHealthcare, tenant: 'CHU Casa', weights: { latency: 0, carbon: 0, cost: 0, capacity: 0, scarcity: 0 } });
    if (check.ok) throw new Error('expected errors');
    expect(check.errors.tenant).toMatch(/lower-case/);
    expect(check.errors.weights).toMatch(/at least one weight/);
  });

  it('maps API field paths onto the form’s boxes', () => {
    expect(formFieldOf('gpus.count')).toBe('gpuCount');
    expect(formFieldOf('latency.from')).toBe('latencyFrom');
    expect(formFieldOf('latency.from.lat')).toBe('latencyFrom');
    expect(formFieldOf('conditions.2')).toBe('conditions');
    expect(formFieldOf('headers.idempotency-key')).toBeUndefined();
    // A place the planner does not know is said in plain words, not as the planner's list of every city.
    expect(fieldErrorsOf([{ field: 'latency.from', message: 'unknown place "Atlantis": give { lat, lon }, a site id, or one of Casablanca, Rabat' }])).toEqual({
      latencyFrom: 'Not a place the planner knows: choose a city from the list, or give a site id.',
    });
  });

  it('shows each weight as its share of the score', () => {
    expect(weightShares({ latency: 1, carbon: 1, cost: 0, capacity: 0, scarcity: 0 })).toEqual({ latency: 0.5, carbon: 0.5, cost: 0, capacity: 0, scarcity: 0 });
    expect(weightShares({ latency: 0, carbon: 0, cost: 0, capacity: 0, scarcity: 0 })).toEqual({ latency: 0, carbon: 0, cost: 0, capacity: 0, scarcity: 0 });
  });
});

describe('the placement form in French and Arabic', () => {
  afterEach(async () => {
    await activateLocale('en');
  });

  it('says each field’s problem in French, the schema’s own rules included', async () => {
    await activateLocale('fr');
    const check = checkForm({ ...moroccanHealthcare, name: '   ', tenant: 'CHU Casa', gpuCount: '0', maxRttMs: '100000', weights: { latency: 0, carbon: 0, cost: 0, capacity: 0, scarcity: 0 } });
    if (check.ok) throw new Error('expected errors');
    expect(check.errors).toEqual({
      name: 'Obligatoire',
      tenant: 'doit être un identifiant en minuscules (a-z, 0-9, -)',
      gpuCount: 'Au moins 1',
      maxRttMs: 'Au plus 1000',
      weights: 'Mettez au moins une pondération au-dessus de 0 : le classement a besoin d’un critère.',
    });
  });

  it('says the server’s field problems by their code in the language in force, its English words where the code says no more', async () => {
    await activateLocale('ar');
    const issues = [
      { field: 'gpus.count', message: 'Too small: expected number to be >=1', code: 'too_small', minimum: 1, inclusive: true, origin: 'number' },
      { field: 'latency.from', message: 'unknown place "Atlantis"', code: 'custom' },
      { field: 'name', message: 'must not contain the NUL character', code: 'custom' },
    ];
    expect(fieldErrorsOf(issues)).toEqual({
      gpuCount: '1 على الأقل',
      latencyFrom: 'ليس مكانًا يعرفه المخطِّط: اختر مدينة من القائمة، أو أدخل معرّف موقع.',
      name: 'must not contain the NUL character',
    });
    await activateLocale('fr');
    expect(fieldErrorsOf(issues).gpuCount).toBe('Au moins 1');
  });
});
