// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { activateLocale } from '../../../lib/i18n/runtime.ts';
import { checkForm, EMPTY_FORM, type FieldErrors, type WorkloadForm } from '../model/workload-form.ts';
import { PlacementForm } from './placement-form.tsx';

const conditions = [
  { id: 'cndp-authorisation', label: 'The CNDP has authorised this transfer.' },
  { id: 'sccs-signed', label: 'Standard contractual clauses are signed.' },
];

/** The form as a page holds it: its state, the schema's messages, and what reaches the parent. */
function Harness({
  onSubmit,
  serverErrors = {},
  initial = EMPTY_FORM,
  fixedTenant,
}: {
  onSubmit: (form: WorkloadForm) => void;
  serverErrors?: FieldErrors;
  initial?: WorkloadForm;
  fixedTenant?: string;
}) {
  const [form, setForm] = useState(initial);
  const check = checkForm(form);
  return (
    <PlacementForm
      form={form}
      onChange={(patch) => setForm((f) => ({ ...f, ...patch }))}
      errors={check.ok ? {} : check.errors}
      serverErrors={serverErrors}
      conditions={{ status: 'ready', conditions }}
      places={['Casablanca', 'Rabat']}
      fixedTenant={fixedTenant}
      onSubmit={() => onSubmit(form)}
      submitting={false}
    />
  );
}

/** Weights of its own, so a share on screen does not follow the engine's defaults as they are tuned. */
const WEIGHTS: WorkloadForm['weights'] = { latency: 0.35, carbon: 0.3, cost: 0.2, capacity: 0.15, scarcity: 0 };

const complete: WorkloadForm = { ...EMPTY_FORM, name: 'Triage', tenant: 'chu-casablanca', sector: 'healthcare', dataClass: 'personal', dataOrigin: 'MA', gpuCount: '64' };

afterEach(cleanup);

describe('PlacementForm', () => {
  it('says what is wrong with a field once it is left, not while it is typed', () => {
    render(<Harness onSubmit={vi.fn()} />);
    const count = screen.getByLabelText('GPU count');
    fireEvent.change(count, { target: { value: '0' } });
    expect(screen.queryByText('At least 1')).toBeNull();
    fireEvent.blur(count);
    expect(screen.getByText('At least 1')).toBeTruthy();
    expect(count.getAttribute('aria-invalid')).toBe('true');
    expect(count.getAttribute('aria-describedby')).toBe(screen.getByText('At least 1').id);
    expect(screen.queryByText('Required')).toBeNull();
  });

  it('on Commit with missing fields, names each of them and takes the focus to the first, without committing', () => {
    const onSubmit = vi.fn();
    render(<Harness onSubmit={onSubmit} />);
    fireEvent.click(screen.getByRole('button', { name: 'Commit' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(screen.getByLabelText('Name'));
    expect(screen.getAllByText('Required').length).toBe(6);
  });

  it('commits a complete form with the conditions ticked', () => {
    const onSubmit = vi.fn();
    render(<Harness onSubmit={onSubmit} initial={complete} />);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Standard contractual clauses are signed.' }));
    fireEvent.click(screen.getByRole('button', { name: 'Commit' }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onSubmit.mock.calls[0]![0].conditions).toEqual(['sccs-signed']);
  });

  it('shows the server’s message on its field at once', () => {
    render(<Harness onSubmit={vi.fn()} initial={{ ...complete, latencyFrom: 'Atlantis', maxRttMs: '20' }} serverErrors={{ latencyFrom: 'unknown place "Atlantis"' }} />);
    expect(screen.getByLabelText('From (city)').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('unknown place "Atlantis"')).toBeTruthy();
  });

  it('names each condition by its label with its code in small type after it, and says what the scarcity weight weighs', () => {
    render(<Harness onSubmit={vi.fn()} />);
    const checkbox = screen.getByRole('checkbox', { name: 'The CNDP has authorised this transfer.' });
    const code = document.getElementById(checkbox.getAttribute('aria-describedby')!)!;
    expect(code.textContent).toBe('cndp-authorisation');
    expect(code.className).toBe('condition-code');
    const scarcity = screen.getByRole('slider', { name: 'Scarcity' });
    expect(document.getElementById(scarcity.getAttribute('aria-describedby')!)!.textContent).toMatch(/^Scarcity: how much placing here takes from regulated workloads/);
  });

  it('shows each weight as its share of the score', () => {
    render(<Harness onSubmit={vi.fn()} initial={{ ...EMPTY_FORM, weights: WEIGHTS }} />);
    fireEvent.change(screen.getByRole('slider', { name: 'Latency' }), { target: { value: '0' } });
    expect(screen.getByRole('slider', { name: 'Carbon' }).getAttribute('aria-valuetext')).toBe('46 % of the score');
  });

  it('a tenant user places for its own tenant only: the field shows it and cannot be changed', () => {
    const onSubmit = vi.fn();
    render(<Harness onSubmit={onSubmit} initial={{ ...complete, tenant: 'tenant-a' }} fixedTenant="tenant-a" />);
    const tenant = screen.getByLabelText('Tenant') as HTMLInputElement;
    expect(tenant.value).toBe('tenant-a');
    expect(tenant.readOnly).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Commit' }));
    expect(onSubmit.mock.calls[0]![0].tenant).toBe('tenant-a');
  });
});

describe('PlacementForm in French and Arabic', () => {
  afterEach(async () => {
    cleanup();
    await activateLocale('en');
  });

  it('in French, names its fields, choices and messages in French', async () => {
    await activateLocale('fr');
    const onSubmit = vi.fn();
    render(<Harness onSubmit={onSubmit} initial={{ ...EMPTY_FORM, weights: WEIGHTS }} />);
    expect(screen.getByRole('form', { name: 'Placer une charge de travail' })).toBeTruthy();
    const count = screen.getByLabelText('Nombre de GPU');
    fireEvent.change(count, { target: { value: '0' } });
    fireEvent.blur(count);
    expect(count.getAttribute('aria-describedby')).toBe(screen.getByText('Au moins 1').id);
    expect(screen.getByRole('option', { name: 'Personnelles sensibles' })).toBeTruthy();
    expect(screen.getByRole('option', { name: 'Inférence' })).toBeTruthy();
    expect(screen.getByRole('slider', { name: 'Latence' }).getAttribute('aria-valuetext')).toBe('35 % du score');
    fireEvent.click(screen.getByRole('button', { name: 'Valider' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(screen.getByLabelText('Nom'));
    // Name, tenant, sector, data class and data origin; the GPU count says its own problem.
    expect(screen.getAllByText('Obligatoire').length).toBe(5);
  });

  it('in Arabic, names its fields and messages in Arabic', async () => {
    await activateLocale('ar');
    render(<Harness onSubmit={vi.fn()} />);
    expect(screen.getByLabelText('عدد وحدات GPU')).toBeTruthy();
    expect(screen.getByLabelText('منشأ البيانات')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'تأكيد' }));
    expect(screen.getByLabelText('الاسم').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getAllByText('مطلوب').length).toBe(6);
  });
});
