import './session.css';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { LanguageMenu } from '../../../components/language-menu.tsx';
import { ThemeMenu } from '../../../components/theme-menu.tsx';
import { useT } from '../../../lib/i18n/i18n.tsx';
import { sessionQueries } from '../api/session-queries.ts';
import { oidcErrorMessage, oidcStartHref, safeReturnTo } from '../model/login.ts';
import { LoginForm } from './login-form.tsx';

interface LoginPageProps {
  /** The page's query: `returnTo` (where to go once signed in) and `error` (from the OIDC callback). */
  search: string;
  origin: string;
  /** Signed in: go to `returnTo`, a path of the console (checked). */
  onSignedIn: (returnTo: string) => void;
}

/**
 * The login page: user name and password, "sign in with your organisation" when OpenID Connect is
 * configured, and in demo mode the demo user names (never a password). It never leaves by itself.
 */
export function LoginPage({ search, origin, onSignedIn }: LoginPageProps) {
  const t = useT();
  const params = new URLSearchParams(search);
  const returnTo = safeReturnTo(params.get('returnTo'));
  const oidcError = oidcErrorMessage(params.get('error'));
  const providers = useQuery(sessionQueries.providers());
  const [username, setUsername] = useState('');
  const passwordBox = useRef<HTMLInputElement>(null);
  const documentTitle = t('session.login.documentTitle');
  useEffect(() => {
    document.title = documentTitle;
  }, [documentTitle]);
  const pickDemoUser = (user: string) => {
    setUsername(user);
    passwordBox.current?.focus();
  };
  // Until the server says otherwise, a local account is what most consoles sign in with.
  const local = providers.data?.local ?? true;
  const oidc = providers.data?.oidc;
  const demoUsers = providers.data?.demoUsers;

  return (
    <main className="login-page" aria-labelledby="login-title">
      <div className="login-card">
        <p className="login-brand">
          <span className="login-name">{t('session.login.brand')}</span>
          <span className="tagline">{t('session.login.tagline')}</span>
        </p>
        <div className="login-settings">
          <LanguageMenu />
          <ThemeMenu />
        </div>
        <h1 id="login-title">{t('session.login.title')}</h1>
        {oidcError && (
          <p className="form-alert" role="alert">
            {oidcError}
          </p>
        )}
        {local && <LoginForm username={username} onUsernameChange={setUsername} passwordRef={passwordBox} onSignedIn={() => onSignedIn(returnTo)} />}
        {oidc && (
          <>
            {local && <p className="login-or">{t('session.login.or')}</p>}
            <a className="login-oidc" href={oidcStartHref(oidc.startUrl, returnTo, origin)}>
              {oidc.label}
            </a>
          </>
        )}
        {local && demoUsers && demoUsers.length > 0 && <DemoHint users={demoUsers} onPick={pickDemoUser} />}
        {providers.isError && <p className="muted">{t('session.login.providersFailed', { message: providers.error.message })}</p>}
      </div>
    </main>
  );
}

/** Demo mode: who can sign in; picking a name fills the user name field and moves on to the password, never shown. */
function DemoHint({ users, onPick }: { users: readonly string[]; onPick: (username: string) => void }) {
  const t = useT();
  return (
    <section className="demo-hint" aria-labelledby="demo-title">
      <h2 id="demo-title">{t('session.demo.title')}</h2>
      <p>{t.rich('session.demo.hint', { code: (chunks) => <code dir="ltr">{chunks}</code> })}</p>
      <ul>
        {users.map((user) => (
          <li key={user}>
            <button type="button" className="demo-user" dir="ltr" onClick={() => onPick(user)}>
              {user}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
