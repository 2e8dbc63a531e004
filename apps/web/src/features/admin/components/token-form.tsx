import { ApiTokenCreateSchema, type ApiTokenCreated, type Role } from '@corridor/shared';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../../lib/api-client.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { translate } from '../../../lib/i18n/runtime.ts';
import { useIssueToken } from '../api/use-issue-token.ts';
import { localInputToIso, viewerZone } from '../model/audit-filter.ts';
import { fieldErrorsOf, serverFieldErrors, type FieldErrors } from '../model/field-errors.ts';
import { Field, RoleTenantFields } from './admin-ui.tsx';
import { focusFirstInvalid } from './user-form.tsx';

const FIELDS = ['name', 'role', 'tenant', 'expiresAt'] as const;
const EMPTY = { name: '', role: 'operator' as Role, tenant: '', expires: '' };

/** Issue an API token with a role (and tenant), and optionally an expiry; `onIssued` gets the secret, once. */
export function TokenForm({ roleLabels, onIssued }: { roleLabels: Record<Role, string>; onIssued: (created: ApiTokenCreated) => void }) {
  const t = useT();
  const issue = useIssueToken();
  const [form, setForm] = useState(EMPTY);
  const [tried, setTried] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const expiresIso = form.expires ? localInputToIso(form.expires) : undefined;
  const candidate = {
    name: form.name,
    role: form.role,
    tenant: form.role === 'tenant' ? form.tenant.trim() || undefined : undefined,
    // The API wants UTC ("Z"): the same instant as the wall-clock time typed.
    expiresAt: expiresIso ? new Date(expiresIso).toISOString() : undefined,
  };
  const checked = fieldErrorsOf(ApiTokenCreateSchema, candidate, 'token');
  const expiryError = form.expires && !expiresIso ? t('admin.tokenForm.notATime') : undefined;
  const errors: FieldErrors = { ...(tried ? { ...checked.errors, ...(expiryError ? { expiresAt: expiryError } : {}) } : {}), ...serverErrors };

  const set = (key: keyof typeof EMPTY) => (value: string) => {
    setForm((f) => ({ ...f, [key]: value }));
    setServerErrors(({ [key === 'expires' ? 'expiresAt' : key]: _, ...rest }) => rest);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTried(true);
    const formElement = event.currentTarget;
    if (!checked.data || expiryError) return focusFirstInvalid(formElement);
    // Judged when sent (the time moves on while the form is open); a token born expired is of no use.
    if (expiresIso && Date.parse(expiresIso) <= Date.now()) {
      setServerErrors({ expiresAt: translate('admin.tokenForm.inThePast') });
      return focusFirstInvalid(formElement);
    }
    issue.mutate(checked.data, {
      onSuccess: (created) => {
        setForm(EMPTY);
        setTried(false);
        setServerErrors({});
        onIssued(created);
      },
      onError: (error) => {
        const byField = error instanceof ApiError ? serverFieldErrors(error.fields, FIELDS) : {};
        setServerErrors(Object.keys(byField).length > 0 ? byField : { form: error.message });
        focusFirstInvalid(formElement);
      },
    });
  };

  return (
    <form className="admin-form" aria-labelledby="token-form-title" onSubmit={submit} noValidate>
      <h3 id="token-form-title">{t('admin.tokenForm.title')}</h3>
      <div className="admin-form-grid">
        <Field label={t('admin.tokenForm.name')} hint={t('admin.tokenForm.nameHint')} error={errors.name}>
          {(props) => <input {...props} autoComplete="off" value={form.name} onChange={(e) => set('name')(e.target.value)} />}
        </Field>
        <RoleTenantFields
          role={form.role}
          tenant={form.tenant}
          roleLabels={roleLabels}
          roleHint={t('admin.tokenForm.roleHint')}
          tenantHint={t('admin.tokenForm.tenantHint')}
          errors={errors}
          onRole={set('role')}
          onTenant={set('tenant')}
        />
        <Field label={t('admin.tokenForm.expires')} hint={t('admin.tokenForm.expiresHint', { zone: viewerZone() })} error={errors.expiresAt}>
          {(props) => <input {...props} type="datetime-local" value={form.expires} onChange={(e) => set('expires')(e.target.value)} />}
        </Field>
      </div>
      {errors.form && (
        <p className="form-alert" role="alert">
          {errors.form}
        </p>
      )}
      <div className="admin-form-actions">
        <button type="submit" className="primary" disabled={issue.isPending}>
          {issue.isPending ? t('admin.tokenForm.issuing') : t('admin.tokenForm.submit')}
        </button>
      </div>
    </form>
  );
}
