import './admin.css';
import { ROLES, type Role } from '@corridor/shared';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useT } from '../../../lib/i18n/i18n.tsx';

/** What a page loads, for its loading and failure sentences (each language words them whole). */
export type LoadedThing = 'users' | 'tokens' | 'audit' | 'policy';

/** A query's first load: loading, or the error with a retry; nothing once there is data. */
export function LoadState({ what, isPending, error, onRetry, retrying }: { what: LoadedThing; isPending: boolean; error: Error | null; onRetry: () => void; retrying: boolean }) {
  const t = useT();
  if (error) {
    return (
      <div className="form-alert" role="alert">
        {/* The API's own words stay English (marked so), isolated so they keep their order in Arabic. */}
        <p>{t.rich('admin.load.failed', { what, error: <bdi lang="en">{error.message}</bdi> })}</p>
        <button type="button" className="link-button" onClick={onRetry} disabled={retrying}>
          {retrying ? t('admin.load.retrying') : t('admin.load.retry')}
        </button>
      </div>
    );
  }
  return isPending ? <p className="muted">{t('admin.load.loading', { what })}</p> : null;
}

/** A labelled form field with its hint and its error, wired for assistive technology (aria-invalid, -describedby). */
export function Field({
  label,
  hint,
  error,
  children,
}: {
  label: string;
  hint?: string;
  error?: string;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = useId();
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field admin-field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': !!error, 'aria-describedby': described })}
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

interface ConfirmButtonProps {
  /** The button's text, e.g. "Disable"; its accessible name adds what it acts on. */
  label: string;
  /** What it acts on, for the accessible name ("Disable ana") and the question. */
  subject: string;
  question: string;
  consequence: string;
  onConfirm: () => void;
  busy: boolean;
  /** Why the last attempt failed, in words. */
  error?: string;
}

/**
 * A destructive action behind a confirmation: a modal dialog that keeps the focus inside, starts on
 * Cancel, closes on Escape, and gives the focus back to the button (the native dialog does both).
 */
export function ConfirmButton({ label, subject, question, consequence, onConfirm, busy, error }: ConfirmButtonProps) {
  const t = useT();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const box = dialog.current;
    if (!box) return;
    if (open && !box.open) box.showModal();
    if (!open && box.open) box.close();
  }, [open]);
  // The action is done (or failed): the question is answered.
  const [wasBusy, setWasBusy] = useState(busy);
  if (busy !== wasBusy) {
    setWasBusy(busy);
    if (!busy) setOpen(false);
  }
  return (
    <>
      <button type="button" className="danger small" aria-label={t('admin.confirm.name', { action: label, subject })} onClick={() => setOpen(true)} disabled={busy}>
        {busy ? t('admin.confirm.busy', { action: label }) : label}
      </button>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <dialog ref={dialog} className="admin-dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-text`} onClose={() => setOpen(false)}>
        <h2 id={`${id}-title`}>{question}</h2>
        <p id={`${id}-text`}>{consequence}</p>
        <div className="admin-dialog-actions">
          <button type="button" autoFocus onClick={() => setOpen(false)}>
            {t('admin.confirm.cancel')}
          </button>
          <button type="button" className="danger" onClick={onConfirm} disabled={busy}>
            {label}
          </button>
        </div>
      </dialog>
    </>
  );
}

/**
 * The role a user or token acts with, and the tenant it is bound to when that role is `tenant` (the tenant
 * field stays in place, disabled, otherwise, so the form does not jump). `tenantHint` says what the tenant means here.
 */
export function RoleTenantFields({
  role,
  tenant,
  roleLabels,
  roleHint,
  tenantHint,
  errors,
  onRole,
  onTenant,
}: {
  role: Role;
  tenant: string;
  roleLabels: Record<Role, string>;
  roleHint?: string;
  tenantHint: string;
  errors: { role?: string; tenant?: string };
  onRole: (role: string) => void;
  onTenant: (tenant: string) => void;
}) {
  const t = useT();
  return (
    <>
      <Field label={t('admin.form.role')} hint={roleHint} error={errors.role}>
        {(props) => (
          <select {...props} value={role} onChange={(e) => onRole(e.target.value)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {roleLabels[r]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('admin.form.tenant')} hint={role === 'tenant' ? tenantHint : t('admin.form.tenantOnlyForTenants')} error={errors.tenant}>
        {(props) => <input {...props} autoComplete="off" disabled={role !== 'tenant'} value={role === 'tenant' ? tenant : ''} onChange={(e) => onTenant(e.target.value)} />}
      </Field>
    </>
  );
}
