import { useQuery } from '@tanstack/react-query';
import { ErrorScreen } from '../components/error-screen.tsx';
import { sessionQueries } from '../features/session/api/session-queries.ts';
import { LoginPage } from '../features/session/components/login-page.tsx';
import { ApiError, LOGIN_PATH } from '../lib/api-client.ts';
import { useT } from '../lib/i18n/i18n.tsx';
import { useUsersLanguage } from './use-users-language.ts';
import { Console } from './console.tsx';

/**
 * The login page at /login; anywhere else the console, once the server says who is signed in. Moving
 * between the two is a page load: signing in starts the console afresh, and signing out (or a session
 * that ended) leaves nothing of the last person in memory.
 */
export function App() {
  if (window.location.pathname === LOGIN_PATH) {
    return <LoginPage search={window.location.search} origin={window.location.origin} onSignedIn={(returnTo) => window.location.replace(returnTo)} />;
  }
  return <SignedInConsole />;
}

function SignedInConsole() {
  const t = useT();
  const session = useQuery(sessionQueries.current());
  useUsersLanguage(session.data?.principal.locale);
  if (session.data) return <Console principal={session.data.principal} />;
  // A 401 is on its way to the login page (the API client sends it there).
  if (session.isError && !(session.error instanceof ApiError && session.error.status === 401)) {
    return (
      <div className="app">
        <ErrorScreen title={t('app.session.unknown')} message={session.error.message} onRetry={() => void session.refetch()} retrying={session.isFetching} />
      </div>
    );
  }
  return <p className="view-loading">{t('common.loading')}</p>;
}
