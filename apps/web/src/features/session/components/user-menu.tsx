import './session.css';
import type { Principal } from '@corridor/shared';
import { useEffect, useId, useRef, useState } from 'react';
import { useSignOut } from '../api/use-sign-out.ts';
import { ROLE_LABELS } from '../model/abilities.ts';

const METHOD_LABELS: Record<Principal['method'], string> = { password: 'Password', oidc: 'Your organisation', token: 'API token' };

/** Who is signed in, in a line: the role, and the tenant of a tenant user. */
const roleLine = (principal: Principal) => (principal.tenant ? `${ROLE_LABELS[principal.role]} · ${principal.tenant}` : ROLE_LABELS[principal.role]);

/**
 * The header's account button: the name and the role; it opens the account's details and Sign out.
 * A disclosure: Escape or a click elsewhere closes it, and Escape takes the focus back to the button.
 */
export function UserMenu({ principal }: { principal: Principal }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const signOut = useSignOut();

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      if (!box.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  return (
    <div className="user-menu" ref={box}>
      <button ref={button} type="button" className="user-menu-button" aria-expanded={open} aria-controls={`${id}-account`} onClick={() => setOpen((o) => !o)}>
        <span className="user-menu-who">
          <span className="user-menu-name">
            {principal.name}
            <span className="visually-hidden">,</span>
          </span>{' '}
          <span className="user-menu-role">{roleLine(principal)}</span>
        </span>
        <span className="user-menu-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      <div id={`${id}-account`} className="user-menu-panel" role="group" aria-label="Your account" hidden={!open}>
        <dl>
          <div>
            <dt>Name</dt>
            <dd>{principal.name}</dd>
          </div>
          <div>
            <dt>User name</dt>
            <dd>{principal.username}</dd>
          </div>
          <div>
            <dt>Role</dt>
            <dd>{ROLE_LABELS[principal.role]}</dd>
          </div>
          {principal.tenant && (
            <div>
              <dt>Tenant</dt>
              <dd>{principal.tenant}</dd>
            </div>
          )}
          <div>
            <dt>Signed in with</dt>
            <dd>{METHOD_LABELS[principal.method]}</dd>
          </div>
        </dl>
        <button type="button" className="sign-out" onClick={() => signOut.mutate()} disabled={signOut.isPending || signOut.isSuccess}>
          {signOut.isPending || signOut.isSuccess ? 'Signing out…' : 'Sign out'}
        </button>
        {signOut.isError && (
          <p className="field-error" role="alert">
            Signing out failed: {signOut.error.message}
          </p>
        )}
      </div>
    </div>
  );
}
