import './session.css';
import type { Principal } from '@corridor/shared';
import { useEffect, useId, useRef, useState } from 'react';
import { LanguageMenu } from '../../../components/language-menu.tsx';
import { ThemeMenu } from '../../../components/theme-menu.tsx';
import { useT } from '../../../lib/i18n/i18n.tsx';
import type { MessageKey } from '../../../lib/i18n/message-keys.ts';
import { translate } from '../../../lib/i18n/runtime.ts';
import { useLocaleSaveFailed, useSaveLocale } from '../api/use-save-locale.ts';
import { useSignOut } from '../api/use-sign-out.ts';
import { ROLE_LABELS } from '../model/abilities.ts';

const METHOD_LABELS: Record<Principal['method'], MessageKey> = { password: 'session.method.password', oidc: 'session.method.oidc', token: 'session.method.token' };

/** Who is signed in, in a line: the role, and the tenant of a tenant user. */
const roleLine = (principal: Principal) => (principal.tenant ? translate('session.menu.roleWithTenant', { role: ROLE_LABELS[principal.role], tenant: principal.tenant }) : ROLE_LABELS[principal.role]);

/**
 * The header's account button: the name and the role; it opens the account's details, the language (saved
 * for the user) and the theme, and Sign out.
 * A disclosure: Escape or a click elsewhere closes it, and Escape takes the focus back to the button.
 */
export function UserMenu({ principal }: { principal: Principal }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const t = useT();
  const signOut = useSignOut();
  const saveLocale = useSaveLocale();
  const localeNotSaved = useLocaleSaveFailed();

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
            <bdi>{principal.name}</bdi>
            <span className="visually-hidden">{t('session.menu.nameSeparator')}</span>
          </span>
          <span className="user-menu-role">{roleLine(principal)}</span>
        </span>
        <span className="user-menu-caret" aria-hidden="true" />
      </button>
      <div id={`${id}-account`} className="user-menu-panel" role="group" aria-label={t('session.menu.account')} hidden={!open}>
        <dl>
          <div>
            <dt>{t('session.menu.name')}</dt>
            <dd>
              <bdi>{principal.name}</bdi>
            </dd>
          </div>
          <div>
            <dt>{t('session.menu.username')}</dt>
            <dd>
              <bdi>{principal.username}</bdi>
            </dd>
          </div>
          <div>
            <dt>{t('session.menu.role')}</dt>
            <dd>{ROLE_LABELS[principal.role]}</dd>
          </div>
          {principal.tenant && (
            <div>
              <dt>{t('session.menu.tenant')}</dt>
              <dd>
                <bdi>{principal.tenant}</bdi>
              </dd>
            </div>
          )}
          <div>
            <dt>{t('session.menu.method')}</dt>
            <dd>{t(METHOD_LABELS[principal.method])}</dd>
          </div>
        </dl>
        <LanguageMenu className="user-menu-setting" onChosen={saveLocale} />
        <ThemeMenu className="user-menu-setting" />
        <button type="button" className="sign-out" onClick={() => signOut.mutate()} disabled={signOut.isPending || signOut.isSuccess}>
          {signOut.isPending || signOut.isSuccess ? t('session.menu.signingOut') : t('session.menu.signOut')}
        </button>
        {signOut.isError && (
          <p className="field-error" role="alert">
            {t('session.menu.signOutFailed', { message: signOut.error.message })}
          </p>
        )}
      </div>
      {/* Outside the panel: the console renders afresh in the new language (the panel closed) before the save answers. */}
      <p className="user-menu-note" role="status">
        {localeNotSaved ? t('common.language.notSaved') : null}
      </p>
    </div>
  );
}
