import { UserCreateSchema, type Role } from '@corridor/shared';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../../lib/api-client.ts';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { useCreateUser } from '../api/use-create-user.ts';
import { fieldErrorsOf, serverFieldErrors, type FieldErrors } from '../model/field-errors.ts';
import { Field, RoleTenantFields } from './admin-ui.tsx';

const FIELDS = ['username', 'name', 'role', 'tenant', 'password'] as const;
const EMPTY = { username: '', name: '', role: 'operator' as Role, tenant: '', password: '' };

/**
 * A new local account. Checked with the shared schema before it is sent (each field says what is wrong,
 * once the person has tried to submit); the server's refusals land on their field too (a taken name on
 * the username). The focus moves to the first field in error.
 */
export function UserForm({ roleLabels }: { roleLabels: Record<Role, string> }) {
  const t = useT();
  const create = useCreateUser();
  const [form, setForm] = useState(EMPTY);
  const [tried, setTried] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [created, setCreated] = useState<string>();
  const candidate = { ...form, tenant: form.role === 'tenant' ? form.tenant.trim() || undefined : undefined };
  const checked = fieldErrorsOf(UserCreateSchema, candidate, 'user');
  const errors: FieldErrors = { ...(tried ? checked.errors : {}), ...serverErrors };

  const set = (key: keyof typeof EMPTY) => (value: string) => {
    setForm((f) => ({ ...f, [key]: value }));
    setServerErrors(({ [key]: _, ...rest }) => rest);
    setCreated(undefined);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTried(true);
    const formElement = event.currentTarget;
    if (!checked.data) {
      focusFirstInvalid(formElement);
      return;
    }
    const username = checked.data.username;
    create.mutate(checked.data, {
      onSuccess: (user) => {
        setForm(EMPTY);
        setTried(false);
        setServerErrors({});
        setCreated(user.username);
      },
      onError: (error) => {
        if (!(error instanceof ApiError)) return setServerErrors({ form: String(error) });
        // A taken name: the only conflict creating a user has, said in the user's language.
        if (error.status === 409) return setServerErrors({ username: t('admin.userForm.taken', { username }) });
        const byField = serverFieldErrors(error.fields, FIELDS);
        setServerErrors(Object.keys(byField).length > 0 ? byField : { form: error.message });
        focusFirstInvalid(formElement);
      },
    });
  };

  return (
    <form className="admin-form" aria-labelledby="user-form-title" onSubmit={submit} noValidate>
      <h3 id="user-form-title">{t('admin.userForm.title')}</h3>
      <div className="admin-form-grid">
        <Field label={t('admin.userForm.username')} hint={t('admin.userForm.usernameHint')} error={errors.username}>
          {(props) => <input {...props} autoComplete="off" value={form.username} onChange={(e) => set('username')(e.target.value)} />}
        </Field>
        <Field label={t('admin.userForm.name')} error={errors.name}>
          {(props) => <input {...props} autoComplete="off" value={form.name} onChange={(e) => set('name')(e.target.value)} />}
        </Field>
        <RoleTenantFields role={form.role} tenant={form.tenant} roleLabels={roleLabels} tenantHint={t('admin.userForm.tenantHint')} errors={errors} onRole={set('role')} onTenant={set('tenant')} />
        <Field label={t('admin.userForm.password')} hint={t('admin.userForm.passwordHint')} error={errors.password}>
          {(props) => <input {...props} type="password" autoComplete="new-password" value={form.password} onChange={(e) => set('password')(e.target.value)} />}
        </Field>
      </div>
      {errors.form && (
        <p className="form-alert" role="alert">
          {errors.form}
        </p>
      )}
      <div className="admin-form-actions">
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? t('admin.userForm.creating') : t('admin.userForm.submit')}
        </button>
        <p className="muted" role="status">
          {created ? t('admin.userForm.created', { username: created }) : ''}
        </p>
      </div>
    </form>
  );
}

/** Moves the focus to the form's first field marked invalid (after React has marked it). */
export function focusFirstInvalid(form: HTMLFormElement): void {
  requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
